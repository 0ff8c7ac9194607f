package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tally.engine.GeneratedRecords;
import io.tally.engine.Mark;
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
import io.tally.store.StoredPrice;
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

  private static final Asset XBT = Asset.of("XBT");

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

  /**
   * Worked example: 1 XBT deposited on day 1 at 1,000 USD, worth 1,500 at the end of day 2 and 900
   * on day 3, when the service starts with no stored samples. The start seeds the windows from what
   * it values then (peak 900, no drawdown); replaying them over the daily history's day ends
   * (1,000, 1,500, then 900 now) finds the real peak: 1 − 900 / 1,500 = 40 % below it.
   */
  @Test
  void theWindowsReplayedOverTheDailyHistoryFindItsPeak() {
    Instant day1 = T0;
    SteppingClock clock =
        new SteppingClock(day1.plus(Duration.ofDays(2)).plus(Duration.ofHours(3)));
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of())) {
      LedgerEvent deposit =
          new CashFlow(
              EventId.of("D1"), day1, FlowKind.DEPOSIT, Amount.of("XBT", "1"), Amount.zero(XBT));
      store.commit(
          new ImportBatch(
              List.of(),
              List.of(EventRecord.of("D1", day1, EventText.format(deposit))),
              List.of(
                  price(day1, "1000"),
                  price(day1.plus(Duration.ofDays(1)), "1500"),
                  price(day1.plus(Duration.ofDays(2)), "900")),
              Map.of(Mark.PRICES_BASE.key(), "USD"),
              "an XBT deposit and its prices"));
      PortfolioService service =
          new PortfolioService(TallyConfig.defaults(), store, Optional.empty(), clock, line -> {});
      service.initialize();
      DrawdownWindow started = service.getEquity().drawdown().orElseThrow();
      assertThat(started.total().peak()).isEqualByComparingTo("900");
      assertThat(started.total().drawdown()).isEqualByComparingTo("0");

      assertThat(service.seedDrawdownWindows()).isTrue();

      DrawdownWindow seeded = service.getEquity().drawdown().orElseThrow();
      assertThat(seeded.equity()).isEqualByComparingTo("900");
      assertThat(seeded.total().peak()).isEqualByComparingTo("1500");
      assertThat(seeded.total().drawdown().doubleValue())
          .isCloseTo(1 - 900.0 / 1500, within(1e-12));
      // Today's window starts at today's midnight from what equity was then (1,500, day 2's end):
      // the whole fall happened today.
      assertThat(seeded.daily().peak()).isEqualByComparingTo("1500");
      assertThat(seeded.daily().drawdown()).isEqualByComparingTo(seeded.total().drawdown());
    }
  }

  private static StoredPrice price(Instant at, String usd) {
    return new StoredPrice("XBT", at, usd, "test");
  }

  private static StoredEquityPoint point(Instant at, String equity, String flows) {
    return new StoredEquityPoint(at, equity, equity, flows, "0");
  }

  private static CashFlow flow(String id, Instant at, FlowKind kind, String amount) {
    return new CashFlow(EventId.of(id), at, kind, Amount.of("USD", amount), Amount.zero(Asset.USD));
  }

  private static void commit(PortfolioStore store, LedgerEvent event) {
    GeneratedRecords.commit(store, event);
  }
}
