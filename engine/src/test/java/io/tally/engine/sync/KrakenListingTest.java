package io.tally.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.PairInfo;
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
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kraken's pair list kept in a real SQLite store: fetched from the simulator through the real
 * client, and read back, rows written before {@code costmin} was kept included.
 */
class KrakenListingTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path directory;

  private PortfolioStore open() {
    return PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of());
  }

  @Test
  void pairsKeepEachPairsCostminAndReadBackWhatKrakenListed() {
    try (KrakenSimulator simulator =
            KrakenSimulator.start(
                AccountGenerator.generate(5, 3, NOW), 0, SimulatorOptions.defaults());
        PortfolioStore store = open()) {
      KrakenClient client =
          KrakenClient.builder().baseUrl(simulator.baseUrl()).pacePublicCalls(false).build();
      KrakenListing listing =
          new KrakenListing(store, client, Clock.fixed(NOW, ZoneOffset.UTC), line -> {});

      List<PairInfo> pairs = listing.pairs();

      assertThat(pairs)
          .as("the store's copy is the client's answer")
          .isEqualTo(client.assetPairs());
      assertThat(pairs)
          .filteredOn(pair -> pair.key().equals("XXBTZEUR"))
          .singleElement()
          .satisfies(pair -> assertThat(pair.costmin()).contains(new BigDecimal("0.45")));
      assertThat(store.rows(KrakenListing.PAIRS))
          .allSatisfy(row -> assertThat(row.fields()).containsKey("costmin"));
      assertThat(KrakenListing.storedPairs(store)).isEqualTo(pairs);
    }
  }

  @Test
  void aRowStoredBeforeCostminWasKeptReadsBackWithoutOneAndALaterVersionWins() {
    Map<String, String> old = new LinkedHashMap<>();
    old.put("key", "XXBTZUSD");
    old.put("altname", "XBTUSD");
    old.put("wsname", "XBT/USD");
    old.put("base", "XXBT");
    old.put("quote", "ZUSD");
    old.put("pair_decimals", "1");
    old.put("lot_decimals", "8");
    old.put("cost_decimals", "5");
    old.put("ordermin", "0.0001");
    Map<String, String> noCostmin = new LinkedHashMap<>(old);
    noCostmin.put("key", "XETHZUSD");
    noCostmin.put("altname", "ETHUSD");
    noCostmin.put("wsname", "ETH/USD");
    noCostmin.put("base", "XETH");
    noCostmin.put("costmin", "");
    try (PortfolioStore store = open()) {
      store.commit(
          new ImportBatch(
              List.of(
                  new SourceRow(KrakenListing.PAIRS, "XXBTZUSD@old", "XXBTZUSD", NOW, old),
                  new SourceRow(KrakenListing.PAIRS, "XETHZUSD@none", "XETHZUSD", NOW, noCostmin)),
              List.of(),
              "asset pairs"));

      assertThat(KrakenListing.storedPairs(store))
          .containsExactly(
              new PairInfo(
                  "XXBTZUSD",
                  "XBTUSD",
                  "XBT/USD",
                  "XXBT",
                  "ZUSD",
                  1,
                  8,
                  OptionalInt.of(5),
                  new BigDecimal("0.0001"),
                  Optional.empty()),
              new PairInfo(
                  "XETHZUSD",
                  "ETHUSD",
                  "ETH/USD",
                  "XETH",
                  "ZUSD",
                  1,
                  8,
                  OptionalInt.of(5),
                  new BigDecimal("0.0001"),
                  Optional.empty()));

      Map<String, String> newer = new LinkedHashMap<>(old);
      newer.put("costmin", "0.50");
      store.commit(
          new ImportBatch(
              List.of(new SourceRow(KrakenListing.PAIRS, "XXBTZUSD@new", "XXBTZUSD", NOW, newer)),
              List.of(),
              "asset pairs"));

      assertThat(KrakenListing.storedPairs(store))
          .first()
          .satisfies(
              xbt -> {
                assertThat(xbt.key()).isEqualTo("XXBTZUSD");
                assertThat(xbt.costmin()).as("0.50 kept as 0.5").contains(new BigDecimal("0.5"));
              });
    }
  }

  @Test
  void aStoreNeverSyncedHasNoPairs() {
    try (PortfolioStore store = open()) {
      assertThat(KrakenListing.storedPairs(store)).isEmpty();
    }
  }
}
