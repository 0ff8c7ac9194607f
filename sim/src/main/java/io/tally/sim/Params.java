package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one API request, from a url-encoded form body or a query string, with Kraken's
 * conventions: booleans {@code true}/{@code false}, comma-separated lists, unix times as decimal
 * seconds. Anything malformed is {@code EGeneral:Invalid arguments}.
 *
 * <p>Example: {@code Params.parse("nonce=1&ofs=50").offset()} is 50. Immutable.
 */
final class Params {

  private final Map<String, String> values;

  private Params(Map<String, String> values) {
    this.values = values;
  }

  /** The parameters of a url-encoded body or query string (the last of repeated names wins). */
  static Params parse(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (!requireNonNull(encoded, "encoded").isEmpty()) {
      for (String pair : encoded.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        try {
          values.put(decode(name), decode(value));
        } catch (IllegalArgumentException e) {
          throw ApiException.invalidArguments("malformed encoding: " + pair);
        }
      }
    }
    return new Params(values);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw ApiException.invalidArguments(name + " is required");
    }
    return value;
  }

  /** A boolean parameter: {@code true}/{@code false} (also {@code 1}/{@code 0}). */
  boolean flag(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw ApiException.invalidArguments(name + " is not a boolean: '" + value + "'");
    };
  }

  /** {@code ofs}: a non-negative whole number, 0 when absent. */
  int offset() {
    return values.containsKey("ofs") ? nonNegative("ofs") : 0;
  }

  int nonNegative(String name) {
    String value = required(name);
    try {
      int number = Integer.parseInt(value);
      if (number < 0) {
        throw ApiException.invalidArguments(name + " is negative: " + value);
      }
      return number;
    } catch (NumberFormatException e) {
      throw ApiException.invalidArguments(name + " is not a whole number: '" + value + "'");
    }
  }

  /** An optional 32-bit integer, such as {@code userref}. */
  Optional<Integer> integer(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw ApiException.invalidArguments(name + " is not an int32: '" + value + "'");
    }
  }

  /** A positive decimal number, such as {@code volume}. */
  BigDecimal positiveDecimal(String name) {
    String value = required(name);
    BigDecimal number = decimal(name, value);
    if (number.signum() <= 0) {
      throw ApiException.invalidArguments(name + " must be positive: " + value);
    }
    return number;
  }

  /** A comma-separated list; empty when absent. */
  List<String> list(String name) {
    String value = values.get(name);
    List<String> items = new ArrayList<>();
    if (value != null && !value.isEmpty()) {
      for (String item : value.split(",", -1)) {
        String trimmed = item.strip();
        if (trimmed.isEmpty()) {
          throw ApiException.invalidArguments(name + " has an empty item: '" + value + "'");
        }
        items.add(trimmed);
      }
    }
    return items;
  }

  /** Whether {@code value} reads as unix seconds (digits, optionally a fraction). */
  static boolean isTime(String value) {
    return value.matches("\\d{1,12}(\\.\\d{1,9})?");
  }

  static BigDecimal decimal(String name, String value) {
    if (!value.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
      throw ApiException.invalidArguments(name + " is not a decimal number: '" + value + "'");
    }
    return new BigDecimal(value);
  }
}
