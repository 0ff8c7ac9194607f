package io.tally.engine.config;

import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One mapping of a configuration file, read key by key with its path for messages: unknown keys
 * refused, each value read as what its key means (text, duration, decimal, asset, mapping), every
 * error naming the file and the key's whole path.
 *
 * <p>Example: {@code new ConfigSection("tally.yaml", "", root, Set.of("kraken")).section("kraken",
 * Set.of("tier")).text("tier", "starter")}; a bad value gives {@code tally.yaml: kraken.tier: ...}.
 * Immutable.
 */
final class ConfigSection {
  private final String file;
  private final String path;
  private final JsonNode node;

  ConfigSection(String file, String path, JsonNode node, Set<String> known) {
    this.file = file;
    this.path = path;
    this.node = node;
    if (!node.isObject()) {
      throw bad("", "expected a mapping of keys");
    }
    for (String key : node.propertyNames()) {
      if (!known.contains(key)) {
        throw bad(
            key,
            "unknown key (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  ConfigSection section(String key, Set<String> known) {
    JsonNode child = node.get(key);
    if (child == null || child.isNull()) {
      child = YAMLMapper.builder().build().createObjectNode();
    }
    return new ConfigSection(file, path.isEmpty() ? key : path + "." + key, child, known);
  }

  /** The keys of the mapping at {@code key}, in file order; none when it is absent. */
  Set<String> keysOf(String key) {
    JsonNode value = value(key);
    Set<String> keys = new LinkedHashSet<>();
    if (value == null) {
      return keys;
    }
    if (!value.isObject()) {
      throw bad(key, "expected a mapping of names");
    }
    value.propertyNames().forEach(keys::add);
    return keys;
  }

  ConfigException bad(String key, String reason) {
    String full = path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
    return new ConfigException(file + ": " + (full.isEmpty() ? "" : full + ": ") + reason);
  }

  private JsonNode value(String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  /**
   * One of a set of named values: {@code key}'s text ({@code fallback} when absent) read by {@code
   * parse}; text it refuses with an {@link IllegalArgumentException} is reported as {@code
   * "expected <expected>, got '<text>'"}. Example: {@code section.choice("mode", "cross",
   * MarginMode::parse, "cross or isolated")}.
   */
  <T> T choice(String key, String fallback, Function<String, T> parse, String expected) {
    String text = text(key, fallback);
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw bad(key, "expected " + expected + ", got '" + text + "'");
    }
  }

  String text(String key, String fallback) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isValueNode()) {
      throw bad(key, "expected a single value");
    }
    return value.asString().strip();
  }

  /**
   * A value as a message quotes it: a scalar's text, a list's or mapping's JSON (Jackson refuses to
   * read those as text).
   */
  private static String shown(JsonNode value) {
    return value.isValueNode() ? value.asString() : value.toString();
  }

  boolean has(String key) {
    return value(key) != null;
  }

  /**
   * A positive duration: a whole number with a unit ({@code 90s}, {@code 5m}, {@code 1h}, {@code
   * 2d}) or ISO-8601 ({@code PT5M}).
   */
  Duration duration(String key, Duration fallback) {
    String text = text(key, null);
    if (text == null) {
      return fallback;
    }
    Duration duration;
    try {
      duration = ConfigFile.parseDuration(text);
    } catch (RuntimeException e) {
      throw bad(key, "expected a duration such as 90s, 5m, 1h or 2d, got '" + text + "'");
    }
    if (duration.isZero() || duration.isNegative()) {
      throw bad(key, "must be positive, got '" + text + "'");
    }
    return duration;
  }

  boolean bool(String key, boolean fallback) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw bad(key, "expected true or false, got '" + shown(value) + "'");
    }
    return value.booleanValue();
  }

  int integer(String key, int fallback) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw bad(key, "expected a whole number, got '" + shown(value) + "'");
    }
    return value.intValue();
  }

  BigDecimal decimal(String key, BigDecimal fallback) {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isValueNode()) {
      throw bad(key, "expected a decimal number, got '" + shown(value) + "'");
    }
    try {
      BigDecimal decimal = new BigDecimal(value.asString().strip());
      if (decimal.signum() < 0) {
        throw bad(key, "must not be negative, got " + decimal.toPlainString());
      }
      return decimal;
    } catch (NumberFormatException e) {
      throw bad(key, "expected a decimal number, got '" + value.asString() + "'");
    }
  }

  /** A decimal that may be negative, such as a drawdown level; empty when the key is absent. */
  Optional<BigDecimal> signedDecimal(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isValueNode()) {
      throw bad(key, "expected a decimal number, got '" + shown(value) + "'");
    }
    try {
      return Optional.of(new BigDecimal(value.asString().strip()));
    } catch (NumberFormatException e) {
      throw bad(key, "expected a decimal number, got '" + value.asString() + "'");
    }
  }

  /** A list of single values as text, such as {@code [XBT, "*"]}; empty when the key is absent. */
  Optional<List<String>> texts(String key) {
    JsonNode value = value(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isArray()) {
      throw bad(key, "expected a list, e.g. [a, b], got '" + shown(value) + "'");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isValueNode()) {
        throw bad(key, "expected a list of single values, got '" + shown(value) + "'");
      }
      texts.add(item.asString().strip());
    }
    return Optional.of(texts);
  }

  Asset asset(String key, String name) {
    try {
      return AssetSymbol.canonical(name);
    } catch (IllegalArgumentException e) {
      throw bad(key, "not an asset: '" + name + "'");
    }
  }

  Set<Asset> assets(String key) {
    JsonNode value = value(key);
    Set<Asset> assets = new LinkedHashSet<>();
    if (value == null) {
      return assets;
    }
    if (!value.isArray()) {
      throw bad(key, "expected a list of assets, e.g. [XBT, ETH]");
    }
    for (JsonNode item : value) {
      if (!item.isValueNode()) {
        throw bad(key, "expected a list of assets, e.g. [XBT, ETH], got '" + shown(value) + "'");
      }
      assets.add(asset(key, item.asString()));
    }
    return assets;
  }

  Map<String, String> map(String key) {
    JsonNode value = value(key);
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null) {
      return map;
    }
    if (!value.isObject()) {
      throw bad(key, "expected a mapping, e.g. {1001: trend_v1}");
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      if (!entry.getValue().isValueNode()) {
        throw bad(key + "." + entry.getKey(), "expected a single value");
      }
      map.put(entry.getKey(), entry.getValue().asString().strip());
    }
    return map;
  }
}
