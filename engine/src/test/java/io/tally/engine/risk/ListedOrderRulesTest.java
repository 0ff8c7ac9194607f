package io.tally.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.sync.KrakenListing;
import io.tally.kraken.api.KrakenClient;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.risk.OrderRules;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatorOptions;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.SourceRow;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of the pairs a real SQLite store keeps: Kraken's list fetched from the simulator
 * through the real client and {@link KrakenListing}, or rows as an older version stored them.
 */
class ListedOrderRulesTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset EUR = Asset.of("EUR");
  private static final Asset USDT = Asset.of("USDT");

  @TempDir Path directory;

  private PortfolioStore open() {
    return PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of());
  }

  private static OrderRules rules(String ordermin, String costmin, int lotDecimals) {
    return new OrderRules(
        new BigDecimal(ordermin),
        costmin.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(costmin)),
        lotDecimals);
  }

  @Test
  void afterAFetchEachListedPairHasKrakensRules() {
    try (KrakenSimulator simulator =
            KrakenSimulator.start(
                AccountGenerator.generate(11, 3, NOW), 0, SimulatorOptions.defaults());
        PortfolioStore store = open()) {
      KrakenClient client =
          KrakenClient.builder().baseUrl(simulator.baseUrl()).pacePublicCalls(false).build();
      new KrakenListing(store, client, Clock.fixed(NOW, ZoneOffset.UTC), line -> {}).pairs();

      ListedOrderRules listed = ListedOrderRules.of(store);

      // The simulator's AssetPairs: XXBTZUSD, XETHXXBT, XXBTZEUR, USDTZUSD (ids XXBT, XETH, ZUSD,
      // ZEUR resolved to XBT, ETH, USD, EUR)
      assertThat(listed.of(new Pair(Asset.XBT, Asset.USD))).contains(rules("0.0001", "0.5", 8));
      assertThat(listed.of(new Pair(ETH, Asset.XBT))).contains(rules("0.001", "0.00002", 8));
      assertThat(listed.of(new Pair(Asset.XBT, EUR))).contains(rules("0.0001", "0.45", 8));
      assertThat(listed.of(new Pair(USDT, Asset.USD))).contains(rules("5", "0.5", 8));
      assertThat(listed.of(new Pair(Asset.USD, Asset.XBT)))
          .as("Kraken lists XBT/USD, not USD/XBT")
          .isEmpty();
      assertThat(listed.of(new Pair(ETH, EUR))).as("not listed").isEmpty();
    }
  }

  @Test
  void aStoreNeverSyncedKnowsNoRules() {
    try (PortfolioStore store = open()) {
      assertThat(ListedOrderRules.of(store).of(new Pair(Asset.XBT, Asset.USD))).isEmpty();
    }
  }

  @Test
  void theLatestStoredVersionOfAPairWinsAndAnOldRowHasNoCostmin() {
    try (PortfolioStore store = open()) {
      Map<String, String> old = pairFields("XXDGZUSD", "XDGUSD", "XXDG", "ZUSD", "50");
      store.commit(new ImportBatch(List.of(row("XXDGZUSD@1", old)), List.of(), "asset pairs"));
      Pair dogeUsd = new Pair(Asset.of("XDG"), Asset.USD);

      Optional<OrderRules> before = ListedOrderRules.of(store).of(dogeUsd);

      assertThat(before).as("XXDG is XDG").contains(rules("50", "", 8));
      // Without a costmin any cost meets it: 50 XDG × 0.0001 USD = 0.005 USD
      assertThat(before.get().meetsCostmin(new BigDecimal("50"), new BigDecimal("0.0001")))
          .isTrue();

      Map<String, String> newer = pairFields("XXDGZUSD", "XDGUSD", "XXDG", "ZUSD", "25");
      newer.put("costmin", "0.5");
      store.commit(new ImportBatch(List.of(row("XXDGZUSD@2", newer)), List.of(), "asset pairs"));

      assertThat(ListedOrderRules.of(store).of(dogeUsd)).contains(rules("25", "0.5", 8));
      assertThat(before)
          .as("a ListedOrderRules holds the list it read")
          .contains(rules("50", "", 8));
    }
  }

  /** A pair row as KrakenListing stored it before it kept costmin. */
  private static Map<String, String> pairFields(
      String key, String altname, String base, String quote, String ordermin) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("key", key);
    fields.put("altname", altname);
    fields.put("wsname", "");
    fields.put("base", base);
    fields.put("quote", quote);
    fields.put("pair_decimals", "7");
    fields.put("lot_decimals", "8");
    fields.put("cost_decimals", "");
    fields.put("ordermin", ordermin);
    return fields;
  }

  private static SourceRow row(String id, Map<String, String> fields) {
    return new SourceRow(KrakenListing.PAIRS, id, fields.get("key"), NOW, fields);
  }
}
