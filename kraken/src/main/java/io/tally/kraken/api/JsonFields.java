package io.tally.kraken.api;

import io.tally.kraken.KrakenException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.databind.JsonNode;

/**
 * One JSON object of a Kraken answer, read leniently the way Kraken writes it: amounts as strings
 * or numbers, times as float seconds (kept to the microsecond) or numeric strings, {@code null} the
 * same as absent. Every failure names the method, the entry and the field.
 *
 * <p>Example: for {@code {"time":1756935121.565366,"amount":"0.0020000000"}} read as {@code
 * JsonFields.of(node, "Ledgers", "ledger L2344R-JVEUJ-SBYX5H")}, {@code time("time")} is {@code
 * 2025-09-03T21:32:01.565366Z} and {@code decimal("amount")} is {@code 0.0020000000}. Immutable.
 */
final class JsonFields {

  private final JsonNode node;
  private final String method;
  private final String where;

  private JsonFields(JsonNode node, String method, String where) {
    this.node = node;
    this.method = method;
    this.where = where;
  }

  /**
   * The fields of {@code node}, which must be a JSON object.
   *
   * @param where what the object is, for messages, such as {@code ledger L2344R-JVEUJ-SBYX5H}
   */
  static JsonFields of(JsonNode node, String method, String where) {
    if (node == null || !node.isObject()) {
      throw KrakenException.badResponse(
          method, where + ": expected a JSON object, got " + kind(node), null);
    }
    return new JsonFields(node, method, where);
  }

  /** The endpoint the object came from, such as {@code Ledgers}. */
  String method() {
    return method;
  }

  /** What the object is, such as {@code ledger L2344R-JVEUJ-SBYX5H}. */
  String where() {
    return where;
  }

  /** The object itself. */
  JsonNode node() {
    return node;
  }

  /** Whether the field is present and not {@code null}. */
  boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull() && !value.isMissingNode();
  }

  /** A required scalar as text: strings as written, numbers in plain notation. */
  String text(String name) {
    return scalarText(name, required(name));
  }

  /** An optional scalar as text; empty when absent or {@code null}. */
  String optionalText(String name) {
    return has(name) ? scalarText(name, node.get(name)) : "";
  }

  /** A required decimal, from a string or a number. */
  BigDecimal decimal(String name) {
    return decimal(name, required(name));
  }

  /** An optional decimal; empty when absent, {@code null} or an empty string. */
  Optional<BigDecimal> optionalDecimal(String name) {
    if (!has(name) || (node.get(name).isString() && node.get(name).stringValue().isBlank())) {
      return Optional.empty();
    }
    return Optional.of(decimal(name, node.get(name)));
  }

  /** An integer, from a number or a numeric string, or {@code fallback} when absent. */
  long integer(String name, long fallback) {
    return has(name) ? integer(name, node.get(name)) : fallback;
  }

  /** A required integer, from a number or a numeric string. */
  long integer(String name) {
    return integer(name, required(name));
  }

  /** An optional int, such as {@code count}; empty when absent or {@code null}. */
  OptionalInt optionalInt(String name) {
    if (!has(name)) {
      return OptionalInt.empty();
    }
    long value = integer(name, node.get(name));
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw bad(name, "out of range: " + value);
    }
    return OptionalInt.of((int) value);
  }

  /** A required time in unix seconds, possibly with a fraction. */
  Instant time(String name) {
    return instant(name, decimal(name));
  }

  /** An optional time; empty when absent, {@code null} or 0 (Kraken's "not set"). */
  Optional<Instant> optionalTime(String name) {
    Optional<BigDecimal> seconds = optionalDecimal(name);
    if (seconds.isEmpty() || seconds.get().signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(instant(name, seconds.get()));
  }

  /** A nested object. */
  JsonFields object(String name) {
    return of(required(name), method, where + ", field '" + name + "'");
  }

  /** An array of strings; empty when absent or {@code null}. */
  List<String> strings(String name) {
    if (!has(name)) {
      return List.of();
    }
    JsonNode array = node.get(name);
    if (!array.isArray()) {
      throw bad(name, "expected an array, got " + kind(array));
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : array) {
      if (!element.isString()) {
        throw bad(name, "expected strings in the array, got " + kind(element));
      }
      values.add(element.stringValue());
    }
    return List.copyOf(values);
  }

  /** A failure of this object's field. */
  KrakenException bad(String name, String reason) {
    return KrakenException.badResponse(method, where + ", field '" + name + "': " + reason, null);
  }

  /** A decimal from a JSON string or number. */
  static BigDecimal decimal(JsonNode value, String method, String where) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isString()) {
      try {
        return new BigDecimal(value.stringValue().strip());
      } catch (NumberFormatException e) {
        throw KrakenException.badResponse(
            method, where + ": not a decimal number: '" + value.stringValue() + "'", e);
      }
    }
    throw KrakenException.badResponse(
        method, where + ": expected a decimal string or number, got " + kind(value), null);
  }

  /** Unix seconds with up to nine decimals as an instant; finer digits are dropped. */
  static Instant instant(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    long nanos =
        seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.DOWN).longValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  /** A short description of a node's kind for messages, never its content. */
  static String kind(JsonNode node) {
    return node == null || node.isMissingNode()
        ? "nothing"
        : node.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  private JsonNode required(String name) {
    if (!has(name)) {
      throw bad(name, "missing");
    }
    return node.get(name);
  }

  private String scalarText(String name, JsonNode value) {
    if (value.isString()) {
      return value.stringValue();
    }
    if (value.isNumber()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isBoolean()) {
      return Boolean.toString(value.booleanValue());
    }
    throw bad(name, "expected a string or number, got " + kind(value));
  }

  private BigDecimal decimal(String name, JsonNode value) {
    return decimal(value, method, where + ", field '" + name + "'");
  }

  private long integer(String name, JsonNode value) {
    try {
      return decimal(name, value).longValueExact();
    } catch (ArithmeticException e) {
      throw bad(name, "not an integer: " + scalarText(name, value));
    }
  }

  private Instant instant(String name, BigDecimal seconds) {
    try {
      return instant(seconds);
    } catch (ArithmeticException | DateTimeException e) {
      throw bad(name, "not a time in unix seconds: " + seconds.toPlainString());
    }
  }

  @Override
  public String toString() {
    return "JsonFields[" + method + " " + where + "]";
  }
}
