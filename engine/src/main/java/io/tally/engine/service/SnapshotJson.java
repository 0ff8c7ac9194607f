package io.tally.engine.service;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON a snapshot is stored as: {@link ContractJson#snapshot}, the tree the API serves, so a
 * stored body can be served as it is; and reading it back.
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
    JsonNode root = MAPPER.readTree(json);
    List<PortfolioSnapshot.Holding> holdings = new ArrayList<>();
    for (JsonNode node : root.get("holdings")) {
      JsonNode price = node.get("price");
      holdings.add(
          new PortfolioSnapshot.Holding(
              Asset.of(node.get("asset").asString()),
              decimal(node, "quantity"),
              price == null || price.isNull()
                  ? Optional.empty()
                  : Optional.of(new BigDecimal(price.asString())),
              decimal(node, "value_base"),
              decimal(node, "cost_base")));
    }
    return new PortfolioSnapshot(
        Instant.parse(root.get("taken_at").asString()),
        Asset.of(root.get("base_currency").asString()),
        decimal(root, "equity_base"),
        decimal(root, "cash_base"),
        decimal(root, "realized_pnl_base_total"),
        decimal(root, "unrealized_pnl_base_total"),
        decimal(root, "net_flows_base"),
        root.get("drift_flag").asBoolean(),
        root.get("stale").asBoolean(),
        holdings);
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    return new BigDecimal(node.get(field).asString());
  }
}
