package io.tally.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.sync.KrakenListing;
import io.tally.kraken.api.KrakenClient;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules read before the first sync stored Kraken's pair list, then again once a minute has
 * passed: a real SQLite store, the list fetched from the simulator through the real client.
 */
class FreshOrderRulesTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Pair XBTUSD = new Pair(Asset.XBT, Asset.USD);

  @TempDir Path directory;

  /** A clock a test moves. */
  private static final class MovingClock extends Clock {
    private Instant now = NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void theListingStoredAfterTheFirstReadIsSeenAMinuteLater() {
    MovingClock clock = new MovingClock();
    try (KrakenSimulator simulator =
            KrakenSimulator.start(
                AccountGenerator.generate(11, 3, NOW), 0, SimulatorOptions.defaults());
        PortfolioStore store =
            PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      FreshOrderRules rules = new FreshOrderRules(store, clock);
      assertThat(rules.apply(XBTUSD)).as("no listing stored yet").isEmpty();

      KrakenClient client =
          KrakenClient.builder().baseUrl(simulator.baseUrl()).pacePublicCalls(false).build();
      new KrakenListing(store, client, clock, line -> {}).pairs();
      assertThat(rules.apply(XBTUSD)).as("the last read is still fresh").isEmpty();

      clock.now = NOW.plus(FreshOrderRules.MAX_AGE).plusSeconds(1);
      assertThat(rules.apply(XBTUSD).orElseThrow().ordermin())
          .isEqualByComparingTo(new BigDecimal("0.0001"));
    }
  }
}
