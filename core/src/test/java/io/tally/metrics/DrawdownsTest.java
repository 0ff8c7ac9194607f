package io.tally.metrics;

import static io.tally.metrics.Days.day;
import static io.tally.metrics.Days.dec;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DrawdownsTest {

  @Test
  void theMaximumDrawdownHasItsPeakTroughAndRecoveryDates() {
    // Index: start 1 (dated day −1), 1.2 (day 0), 0.9 (day 1), 1.0 (day 2), 1.2 (day 3), 1.1 (day
    // 4).
    // Deepest: 1 − 0.9 / 1.2 = 0.25, peak day 0, trough day 1, back at 1.2 on day 3.
    Returns returns =
        Returns.of(
            List.of(
                DailyValue.of(day(0), dec("1200"), dec("1000"), BigDecimal.ZERO),
                DailyValue.of(day(1), dec("900")),
                DailyValue.of(day(2), dec("1000")),
                DailyValue.of(day(3), dec("1200")),
                DailyValue.of(day(4), dec("1100"))));

    Drawdowns drawdowns = Drawdowns.of(returns);

    Drawdown max = drawdowns.max().orElseThrow();
    assertThat(max.depth()).isEqualByComparingTo("0.25");
    assertThat(max.peak()).isEqualTo(day(0));
    assertThat(max.trough()).isEqualTo(day(1));
    assertThat(max.recovery()).contains(day(3));
    // Now 1 − 1.1 / 1.2 = 0.08333…; under water on days 1 and 2, then day 4 (still open).
    assertThat(drawdowns.current()).isCloseTo(new BigDecimal("0.0833333333"), within());
    assertThat(drawdowns.longestUnderwaterDays()).isEqualTo(2);
  }

  @Test
  void aFallFromTheStartPeaksAtTheIndexStartAndMayNotRecover() {
    // 1000 deposited, 950 at the end of day 0, 900 on day 1, 940 on day 2: never back to 1.
    Returns returns =
        Returns.of(
            List.of(
                DailyValue.of(day(0), dec("950"), dec("1000"), BigDecimal.ZERO),
                DailyValue.of(day(1), dec("900")),
                DailyValue.of(day(2), dec("940"))));

    Drawdowns drawdowns = Drawdowns.of(returns);

    Drawdown max = drawdowns.max().orElseThrow();
    // The index is chained at 34 digits (0.95 × 900/950), so compare to within 1e-30.
    assertThat(max.depth()).isCloseTo(new BigDecimal("0.1"), tiny()); // 1 − 900 / 1000
    assertThat(max.peak()).isEqualTo(day(-1)); // the start of day 0
    assertThat(max.trough()).isEqualTo(day(1));
    assertThat(max.recovery()).isEmpty();
    assertThat(drawdowns.current()).isCloseTo(new BigDecimal("0.06"), tiny()); // 1 − 940 / 1000
    assertThat(drawdowns.longestUnderwaterDays()).isEqualTo(3); // the open episode counts
  }

  @Test
  void aWithdrawalIsNotADrawdown() {
    // 10000, then 5000 withdrawn at the end of day 1 with no market move: (5000 + 5000) / 10000 −
    // 1.
    Returns returns =
        Returns.of(
            List.of(
                DailyValue.of(day(0), dec("10000"), dec("10000"), BigDecimal.ZERO),
                DailyValue.of(day(1), dec("5000"), BigDecimal.ZERO, dec("5000")),
                DailyValue.of(day(2), dec("5000"))));

    Drawdowns drawdowns = Drawdowns.of(returns);

    assertThat(drawdowns.max()).isEmpty();
    assertThat(drawdowns.maxDepth()).isEqualByComparingTo("0");
    assertThat(drawdowns.current()).isEqualByComparingTo("0");
  }

  @Test
  void theRollingMaximumSeesOnlyItsWindow() {
    // Index 1, 0.5 (day 0), 1.0 (day 1), 1.0 (day 2): 2-day windows end on day 1 and day 2;
    // the window of days 0..1 starts at 1 and falls to 0.5 (0.5); that of days 1..2 is flat.
    Returns returns =
        Returns.of(
            List.of(
                DailyValue.of(day(0), dec("500"), dec("1000"), BigDecimal.ZERO),
                DailyValue.of(day(1), dec("1000")),
                DailyValue.of(day(2), dec("1000"))));

    List<Dated<BigDecimal>> rolling = Drawdowns.of(returns).rollingMax(2);

    assertThat(rolling).extracting(Dated::date).containsExactly(day(1), day(2));
    assertThat(rolling.get(0).value()).isEqualByComparingTo("0.5");
    assertThat(rolling.get(1).value()).isEqualByComparingTo("0");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void maximumIsAtLeastCurrentWhichIsAtLeastZeroAndAtMostOne(long seed) {
    Random random = new Random(seed);
    Returns returns = Returns.of(Days.randomExact(random, 20 + random.nextInt(200)));

    Drawdowns drawdowns = Drawdowns.of(returns);

    assertThat(drawdowns.current()).as("seed %d", seed).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
    assertThat(drawdowns.maxDepth())
        .as("seed %d", seed)
        .isBetween(drawdowns.current(), BigDecimal.ONE);
    for (Dated<BigDecimal> window : drawdowns.rollingMax(90)) {
      assertThat(window.value())
          .as("seed %d", seed)
          .isBetween(BigDecimal.ZERO, drawdowns.maxDepth());
    }
    drawdowns
        .max()
        .ifPresent(
            max -> {
              assertThat(max.peak()).isBefore(max.trough());
              max.recovery().ifPresent(recovery -> assertThat(recovery).isAfter(max.trough()));
            });
    assertThat(drawdowns.longestUnderwaterDays()).isLessThanOrEqualTo(returns.calendarDays());
  }

  /**
   * Property over seeded random series: each rolling window's deepest drawdown is the deepest of
   * its days' drawdowns from the running peak, each divided out (how it reads, and how it was
   * computed before it divided once per window).
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void theRollingMaximumIsTheDeepestDayOfEachWindow(long seed) {
    Random random = new Random(seed);
    Returns returns = Returns.of(Days.randomExact(random, 20 + random.nextInt(200)));
    List<Dated<BigDecimal>> index = returns.index();
    int days = 1 + random.nextInt(30);

    List<Dated<BigDecimal>> rolling = Drawdowns.of(returns).rollingMax(days);

    assertThat(rolling).hasSize(Math.max(0, index.size() - days));
    for (int w = 0; w < rolling.size(); w++) {
      int end = w + days;
      BigDecimal peak = index.get(end - days).value();
      BigDecimal deepest = BigDecimal.ZERO;
      for (int i = end - days + 1; i <= end; i++) {
        BigDecimal level = index.get(i).value();
        if (level.compareTo(peak) >= 0) {
          peak = level;
        } else if (peak.signum() > 0) {
          deepest =
              deepest.max(
                  BigDecimal.ONE.subtract(level.divide(peak, Precision.RATIO), Precision.RATIO));
        }
      }
      assertThat(rolling.get(w).date()).isEqualTo(index.get(end).date());
      assertThat(rolling.get(w).value()).as("seed %d, window %d", seed, w).isEqualTo(deepest);
    }
  }

  private static org.assertj.core.data.Offset<BigDecimal> tiny() {
    return org.assertj.core.data.Offset.offset(new BigDecimal("1e-30"));
  }

  private static org.assertj.core.data.Offset<BigDecimal> within() {
    return org.assertj.core.data.Offset.offset(new BigDecimal("1e-10"));
  }
}
