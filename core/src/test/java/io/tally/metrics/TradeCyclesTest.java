package io.tally.metrics;

import static io.tally.metrics.Days.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tally.money.Pair;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeCyclesTest {

  private static final Pair XBT_USD = Pair.parse("XBT/USD");
  private static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  /** A cycle closing {@code hour} hours after T0, open for {@code minutes} minutes. */
  private static TradeCycle cycle(int hour, int minutes, String net, String fees) {
    Instant closed = T0.plusSeconds(3600L * hour);
    return new TradeCycle(XBT_USD, closed.minusSeconds(60L * minutes), closed, dec(net), dec(fees));
  }

  // In closing order: W W L 0 L L W (given shuffled below).
  private static final List<TradeCycle> CYCLES =
      List.of(
          cycle(7, 30, "50", "5"), // W
          cycle(1, 10, "100", "10"), // W
          cycle(4, 60, "0", "2"), // break-even
          cycle(2, 20, "40", "4"), // W
          cycle(3, 90, "-60", "6"), // L
          cycle(5, 120, "-20", "2"), // L
          cycle(6, 40, "-10", "1")); // L

  @Test
  void countsAndRatesLeaveBreakEvenOutOfTheDenominator() {
    TradeCycles stats = TradeCycles.of(CYCLES);

    assertThat(stats.count()).isEqualTo(7);
    assertThat(stats.wins()).isEqualTo(3);
    assertThat(stats.losses()).isEqualTo(3);
    assertThat(stats.breakEven()).isEqualTo(1);
    assertThat(stats.winRate().orElseThrow()).isEqualTo(0.5); // 3 / (3 + 3), not 3 / 7
  }

  @Test
  void averagesLargestProfitFactorExpectancyAndPayoff() {
    TradeCycles stats = TradeCycles.of(CYCLES);

    // Wins 100 + 40 + 50 = 190 (avg 63.33333333), losses −60 − 20 − 10 = −90 (avg −30).
    assertThat(stats.averageWin().orElseThrow()).isEqualByComparingTo("63.33333333");
    assertThat(stats.averageLoss().orElseThrow()).isEqualByComparingTo("-30");
    assertThat(stats.largestWin().orElseThrow()).isEqualByComparingTo("100");
    assertThat(stats.largestLoss().orElseThrow()).isEqualByComparingTo("-60");
    assertThat(stats.profitFactor().orElseThrow()).isCloseTo(190.0 / 90, within(1e-12));
    assertThat(stats.payoffRatio().orElseThrow()).isCloseTo(63.33333333 / 30, within(1e-9));
    // (190 − 90 + 0) / 7 = 14.28571429 per cycle, break-even included.
    assertThat(stats.expectancy().orElseThrow()).isEqualByComparingTo("14.28571429");
  }

  @Test
  void streaksFollowTheClosingOrderAndBreakEvenEndsThem() {
    // Closing order: W(1h) W(2h) L(3h) 0(4h) L(5h) L(6h) W(7h).
    TradeCycles stats = TradeCycles.of(CYCLES);

    assertThat(stats.longestWinStreak()).isEqualTo(2);
    assertThat(stats.longestLossStreak()).isEqualTo(2); // the break-even splits L | L L
    assertThat(stats.currentWinStreak()).isEqualTo(1);
    assertThat(stats.currentLossStreak()).isZero();
  }

  @Test
  void durationsAndFeesAsAShareOfGross() {
    TradeCycles stats = TradeCycles.of(CYCLES);

    // Minutes 30 10 60 20 90 120 40: mean 370 / 7 = 52.857…, median 40.
    assertThat(stats.averageDurationMinutes().orElseThrow()).isCloseTo(370.0 / 7, within(1e-9));
    assertThat(stats.medianDurationMinutes().orElseThrow()).isEqualTo(40.0);
    // Fees 30; gross = net 100 + fees 30 = 130; 30 / 130 × 100 = 23.0769 %.
    assertThat(stats.grossPnl()).isEqualByComparingTo("130");
    assertThat(stats.feesPercentOfGross().orElseThrow()).isEqualByComparingTo("23.0769");
  }

  @Test
  void profitFactorIsAbsentWithoutLosses() {
    TradeCycles stats = TradeCycles.of(List.of(cycle(1, 5, "10", "1"), cycle(2, 5, "0", "1")));

    assertThat(stats.profitFactor().reason()).contains("no losing cycles");
    assertThat(stats.payoffRatio().reason()).contains("no losing cycles");
    assertThat(stats.averageLoss().reason()).contains("no losing cycles");
    assertThat(stats.winRate().orElseThrow()).isEqualTo(1.0);
  }

  @Test
  void feesShareIsAbsentWhenGrossIsZeroAndEverythingIsAbsentWithoutCycles() {
    // Net −5 with 5 fees: gross 0.
    assertThat(TradeCycles.of(List.of(cycle(1, 5, "-5", "5"))).feesPercentOfGross().reason())
        .contains("gross PnL is zero");
    TradeCycles none = TradeCycles.of(List.of());
    assertThat(none.winRate().isPresent()).isFalse();
    assertThat(none.expectancy().reason()).contains("no cycles");
    assertThat(none.medianDurationMinutes().reason()).contains("no cycles");
    assertThat(none.longestWinStreak()).isZero();
  }
}
