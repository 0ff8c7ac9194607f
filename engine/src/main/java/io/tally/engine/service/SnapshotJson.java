package io.tally.engine.service;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON a snapshot is stored as: {@link ContractJson#snapshot}, the tree the API serves, so a
 * stored body can be served as it is; and reading it back.
 *
 * <p>Bodies stored before a field existed still read: without {@code asset_valuations} the holdings
 * are read from {@code holdings} (the name snapshots had first), without {@code source_pair} a
 * holding has none, and without the by-pair maps they are empty. A body that lacks a field every
 * snapshot had, or holds a value that is not what it should be, is an {@link
 * IllegalArgumentException} naming the field and the snapshot.
 *
 * <p>Example: {@code {"taken_at":"2026-11-23T10:00:00Z","base_currency":"USD",
 * "equity_base":"25300.00000000",...}}.
 */
final class SnapshotJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private SnapshotJson() {}

  static String write(PortfolioSnapshot snapshot) {
    return MAPPER.writeValueAsString(ContractJson.snapshot(snapshot));
  }

  static PortfolioSnapshot read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("A stored snapshot is not JSON: " + e.getMessage(), e);
    }
    String where = "The stored snapshot taken at " + text(root, "taken_at", "A stored snapshot");
    JsonNode rows = root.get("asset_valuations");
    if (rows == null || rows.isNull()) {
      rows = root.get("holdings");
    }
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException(where + " has no asset_valuations (nor holdings) list");
    }
    List<PortfolioSnapshot.Holding> holdings = new ArrayList<>();
    for (JsonNode node : rows) {
      String asset = text(node, "asset", where + ", a holding,");
      String row = where + ", holding " + asset + ",";
      holdings.add(
          new PortfolioSnapshot.Holding(
              Asset.of(asset),
              decimal(node, "quantity", row),
              optionalText(node, "price").map(price -> decimal(price, "price", row)),
              decimal(node, "value_base", row),
              decimal(node, "cost_base", row),
              optionalText(node, "source_pair")));
    }
    Instant takenAt;
    try {
      takenAt = Instant.parse(text(root, "taken_at", where));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": taken_at is not an ISO-8601 time", e);
    }
    return new PortfolioSnapshot(
        takenAt,
        Asset.of(text(root, "base_currency", where)),
        decimal(root, "equity_base", where),
        decimal(root, "cash_base", where),
        decimal(root, "realized_pnl_base_total", where),
        decimal(root, "unrealized_pnl_base_total", where),
        decimal(root, "net_flows_base", where),
        flag(root, "drift_flag", where),
        flag(root, "stale", where),
        holdings,
        byPair(root, "realized_pnl_base_by_pair", where),
        byPair(root, "unrealized_pnl_base_by_pair", where));
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException(where + " has no text field " + field);
    }
    return value.asString();
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
  }

  private static BigDecimal decimal(JsonNode node, String field, String where) {
    return decimal(text(node, field, where), field, where);
  }

  private static BigDecimal decimal(String text, String field, String where) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + ": " + field + " is not a decimal: '" + text + "'", e);
    }
  }

  private static boolean flag(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isBoolean()) {
      throw new IllegalArgumentException(where + " has no true/false field " + field);
    }
    return value.asBoolean();
  }

  /** A map of pair name to decimal text; empty when a snapshot stored before it lacks it. */
  private static SortedMap<String, BigDecimal> byPair(JsonNode node, String field, String where) {
    SortedMap<String, BigDecimal> values = new TreeMap<>();
    JsonNode map = node.get(field);
    if (map == null || map.isNull()) {
      return values;
    }
    if (!map.isObject()) {
      throw new IllegalArgumentException(where + ": " + field + " is not an object");
    }
    for (Map.Entry<String, JsonNode> entry : map.properties()) {
      if (!entry.getValue().isString()) {
        throw new IllegalArgumentException(
            where + ": " + field + "." + entry.getKey() + " is not decimal text");
      }
      values.put(
          entry.getKey(),
          decimal(entry.getValue().asString(), field + "." + entry.getKey(), where));
    }
    return values;
  }
}
