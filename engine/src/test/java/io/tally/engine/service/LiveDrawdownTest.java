package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tally.engine.config.TallyConfig;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.metrics.DrawdownWindow;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredEquityPoint;
import io.tally.testing.SteppingClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live drawdown windows of {@code getEquity()}: seeded from the equity series, then live. */
class LiveDrawdownTest {

  /** A Monday: the day's and the week's windows both start at its midnight (UTC). */
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path directory;

  @Test
  void aRestartKeepsThePeakAndAWithdrawalIsNoDrawdown() {
    SteppingClock clock = new SteppingClock(T0.plus(Duration.ofHours(3)));
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      commit(store, flow("D1", T0, FlowKind.DEPOSIT, "1000"));
      // What the service sampled before it stopped: 1,000 deposited, then worth 1,200.
      store.appendEquityPoint(point(T0.plus(Duration.ofHours(1)), "1000", "1000"));
      store.appendEquityPoint(point(T0.plus(Duration.ofHours(2)), "1200", "1000"));

      PortfolioService service =
          new PortfolioService(TallyConfig.defaults(), store, Optional.empty(), clock, line -> {});
      service.initialize();

      // Now the books hold the 1,000 USD alone: 1 − 1,000 / 1,200 = 16.67 % below the peak.
      DrawdownWindow window = service.getEquity().drawdown().orElseThrow();
      assertThat(window.total().peak()).isEqualByComparingTo("1200");
      assertThat(window.total().drawdown().doubleValue())
          .isCloseTo(1 - 1000.0 / 1200, within(1e-12));
      assertThat(window.daily().resetAt()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
      assertThat(window.weekly().resetAt()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
      assertThat(window.daily().drawdown()).isEqualByComparingTo(window.total().drawdown());

      // Withdrawing half: equity 500, the peak scales with it (1,200 × 500 / 1,000 = 600), so the
      // drawdown stays 16.67 %: a withdrawal is not a loss.
      clock.sleep(Duration.ofHours(1));
      commit(store, flow("W1", clock.instant(), FlowKind.WITHDRAWAL, "-500"));
      service.sampleEquity();
      DrawdownWindow after = service.getEquity().drawdown().orElseThrow();
      assertThat(after.equity()).isEqualByComparingTo("500");
      assertThat(after.total().peak()).isEqualByComparingTo("600");
      assertThat(after.total().drawdown().doubleValue())
          .isCloseTo(1 - 1000.0 / 1200, within(1e-12));
    }
  }

  private static StoredEquityPoint point(Instant at, String equity, String flows) {
    return new StoredEquityPoint(at, equity, equity, flows, "0");
  }

  private static CashFlow flow(String id, Instant at, FlowKind kind, String amount) {
    return new CashFlow(EventId.of(id), at, kind, Amount.of("USD", amount), Amount.zero(Asset.USD));
  }

  private static void commit(PortfolioStore store, LedgerEvent event) {
    store.commit(
        new ImportBatch(
            List.of(),
            List.of(EventRecord.of(event.id().value(), event.at(), EventText.format(event))),
            "test event " + event.id()));
  }
}
