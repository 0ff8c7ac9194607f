package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SnapshotJsonTest {

  /** A body as snapshots were stored before asset_valuations, source_pair and the by-pair maps. */
  private static final String OLD_BODY =
      "{\"taken_at\":\"2026-03-02T12:00:01Z\",\"base_currency\":\"USD\","
          + "\"equity_base\":\"30500.00000000\",\"cash_base\":\"500.00000000\","
          + "\"realized_pnl_base_total\":\"120.50000000\","
          + "\"unrealized_pnl_base_total\":\"10000.00000000\","
          + "\"net_flows_base\":\"20000.00000000\",\"drift_flag\":false,\"stale\":true,"
          + "\"holdings\":[{\"asset\":\"USD\",\"quantity\":\"500\",\"price\":\"1\","
          + "\"value_base\":\"500.00000000\",\"cost_base\":\"500.00000000\"},"
          + "{\"asset\":\"XBT\",\"quantity\":\"0.5\",\"price\":\"60000\","
          + "\"value_base\":\"30000.00000000\",\"cost_base\":\"20000.00000000\"},"
          + "{\"asset\":\"FOO\",\"quantity\":\"3\",\"price\":null,"
          + "\"value_base\":\"0E-8\",\"cost_base\":\"12.00000000\"}]}";

  private static PortfolioSnapshot snapshot() {
    return new PortfolioSnapshot(
        Instant.parse("2026-03-02T12:00:01Z"),
        Asset.USD,
        new BigDecimal("30500.00000000"),
        new BigDecimal("500.00000000"),
        new BigDecimal("120.50000000"),
        new BigDecimal("10000.00000000"),
        new BigDecimal("20000.00000000"),
        true,
        false,
        List.of(
            new PortfolioSnapshot.Holding(
                Asset.USD,
                new BigDecimal("500"),
                Optional.of(BigDecimal.ONE),
                new BigDecimal("500.00000000"),
                new BigDecimal("500.00000000"),
                Optional.empty()),
            new PortfolioSnapshot.Holding(
                Asset.XBT,
                new BigDecimal("0.5"),
                Optional.of(new BigDecimal("60000")),
                new BigDecimal("30000.00000000"),
                new BigDecimal("20000.00000000"),
                Optional.of("kraken:ticker:XXBTZUSD"))),
        new TreeMap<>(Map.of("XBTUSD", new BigDecimal("120.50000000"))),
        new TreeMap<>(Map.of("XBTUSD", new BigDecimal("10000.00000000"))));
  }

  @Test
  void aSnapshotReadsBackAsItWasWritten() {
    assertThat(SnapshotJson.read(SnapshotJson.write(snapshot()))).isEqualTo(snapshot());
  }

  @Test
  void theContractNamesAreWrittenAndHoldingsStaysForReadersOfTheOldShape() {
    JsonNode doc = JsonMapper.builder().build().readTree(SnapshotJson.write(snapshot()));

    assertThat(doc.get("asset_valuations")).isEqualTo(doc.get("holdings"));
    JsonNode usd = doc.get("asset_valuations").get(0);
    JsonNode xbt = doc.get("asset_valuations").get(1);
    assertThat(usd.get("source_pair").isNull()).as("the base currency needs no pair").isTrue();
    assertThat(xbt.get("source_pair").asString()).isEqualTo("kraken:ticker:XXBTZUSD");
    assertThat(doc.get("realized_pnl_base_by_pair").get("XBTUSD").asString())
        .isEqualTo("120.50000000");
    assertThat(doc.get("unrealized_pnl_base_by_pair").get("XBTUSD").asString())
        .isEqualTo("10000.00000000");
  }

  @Test
  void aSnapshotStoredBeforeTheNewFieldsStillLoads() {
    PortfolioSnapshot old = SnapshotJson.read(OLD_BODY);

    assertThat(old.equity()).isEqualByComparingTo("30500");
    assertThat(old.assetValuations()).hasSize(3);
    assertThat(old.assetValuations()).allSatisfy(h -> assertThat(h.sourcePair()).isEmpty());
    assertThat(old.assetValuations().get(2).price()).isEmpty();
    assertThat(old.realizedByPair()).isEmpty();
    assertThat(old.unrealizedByPair()).isEmpty();
    assertThat(old.stale()).isTrue();
  }

  @Test
  void aBadStoredValueIsAnErrorNamingTheFieldAndTheSnapshot() {
    assertThatThrownBy(() -> SnapshotJson.read(OLD_BODY.replace("\"30000.00000000\"", "\"lots\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("taken at 2026-03-02T12:00:01Z")
        .hasMessageContaining("holding XBT")
        .hasMessageContaining("value_base")
        .hasMessageContaining("'lots'");
    assertThatThrownBy(() -> SnapshotJson.read(OLD_BODY.replace("\"cash_base\"", "\"cash\"")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cash_base");
    assertThatThrownBy(() -> SnapshotJson.read("{\"taken_at\":\"2026-03-02T12:00:01Z\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("asset_valuations");
  }
}
