package io.tally.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.metrics.DrawdownWindow;
import io.tally.metrics.ResetSchedule;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DrawdownLadderTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  /** Feeds equities an hour apart (no flows) and collects the ladder's events. */
  private static final class Path {
    DrawdownLadder ladder;
    DrawdownWindow window;
    Instant at = T0;
    final List<LadderEvent> events = new ArrayList<>();

    Path(DrawdownRules rules, String start) {
      window = DrawdownWindow.start(ResetSchedule.DEFAULT, T0, new BigDecimal(start));
      ladder = DrawdownLadder.start(rules, new BigDecimal(start));
    }

    Path to(String equity) {
      return flow(equity, "0");
    }

    Path flow(String equity, String flow) {
      at = at.plus(Duration.ofHours(1));
      window = window.observe(at, new BigDecimal(equity), new BigDecimal(flow));
      DrawdownLadder.Step step = ladder.observe(window, new BigDecimal(flow));
      ladder = step.ladder();
      events.addAll(step.events());
      return this;
    }

    List<String> seen() {
      return events.stream()
          .map(
              e ->
                  (e.breach() ? "breach " : "recover ")
                      + e.scope().code()
                      + " "
                      + e.level().toPlainString())
          .toList();
    }
  }

  /** The seed's KPI: 94,000 is 6 % under a peak of 100,000: one breach, at −0.05. */
  @Test
  void equitySixPercentUnderItsPeakBreachesTheFirstLevelOnce() {
    Path path = new Path(DrawdownRules.DEFAULT, "100000").to("94000").to("94500").to("94000");

    assertThat(path.seen()).containsExactly("breach total -0.05");
    assertThat(path.events.get(0).drawdown()).isEqualByComparingTo("-0.06");
    assertThat(path.events.get(0).peak()).isEqualByComparingTo("100000");
    assertThat(path.ladder.state()).isEqualTo(TradingState.ACTIVE);
  }

  /**
   * The scripted path of the ladder: −6 % (level 1, ACTIVE), −11 % (level 2, REDUCING), −16
   * % (level 3, HALTED); back to 100,900 (not past 101,000: nothing clears), then 101,500 clears
   * everything in one recovery and the state is ACTIVE again.
   */
  @Test
  void theLadderGoesDownLevelByLevelAndRecoversPastTheResetMargin() {
    Path path = new Path(DrawdownRules.DEFAULT, "100000");

    path.to("94000");
    assertThat(path.ladder.state()).isEqualTo(TradingState.ACTIVE);
    path.to("89000");
    assertThat(path.ladder.state()).isEqualTo(TradingState.REDUCING);
    path.to("84000");
    assertThat(path.ladder.state()).isEqualTo(TradingState.HALTED);
    path.to("100900");
    assertThat(path.ladder.state()).isEqualTo(TradingState.HALTED);
    path.to("101500");

    assertThat(path.seen())
        .containsExactly(
            "breach total -0.05",
            "breach total -0.10",
            "breach total -0.15",
            "recover total -0.15");
    assertThat(path.ladder.state()).isEqualTo(TradingState.ACTIVE);
    assertThat(path.ladder.peak()).isEqualByComparingTo("101500");
  }

  /** A fall straight through two levels raises both, shallowest first. */
  @Test
  void aFallThroughTwoLevelsRaisesBoth() {
    Path path = new Path(DrawdownRules.DEFAULT, "100000").to("88000");
    assertThat(path.seen()).containsExactly("breach total -0.05", "breach total -0.10");
  }

  /**
   * The peak moves only past 1 %: after 100,500 the peak is still 100,000, so 95,200 (−4.8 % from
   * it, −5.3 % from 100,500) breaches nothing.
   */
  @Test
  void aSmallRiseDoesNotMoveThePeak() {
    Path path = new Path(DrawdownRules.DEFAULT, "100000").to("100500").to("95200");
    assertThat(path.seen()).isEmpty();
    assertThat(path.ladder.peak()).isEqualByComparingTo("100000");
  }

  /** Withdrawing half at 100,000 scales the peak to 50,000: the withdrawal is no drawdown. */
  @Test
  void aWithdrawalIsNoDrawdown() {
    Path path = new Path(DrawdownRules.DEFAULT, "100000").flow("50000", "-50000").to("48000");
    assertThat(path.seen()).isEmpty();
    assertThat(path.ladder.peak()).isEqualByComparingTo("50000");
    path.to("47000");
    assertThat(path.seen()).containsExactly("breach total -0.05");
  }

  /**
   * A daily limit of −3 %: 96,900 breaches it and halts trading until the day's window resets; the
   * first observation the next day recovers it.
   */
  @Test
  void aDailyBreachHaltsUntilTheDayResets() {
    DrawdownRules rules =
        new DrawdownRules(
            DrawdownRules.DEFAULT_LEVELS,
            DrawdownRules.defaultStates(3),
            Optional.of(new BigDecimal("-0.03")),
            Optional.empty(),
            new BigDecimal("0.01"),
            TradingState.HALTED,
            TradingState.HALTED);
    Path path = new Path(rules, "100000").to("97100");
    assertThat(path.seen()).isEmpty();
    path.to("96900").to("96800");
    assertThat(path.seen()).containsExactly("breach daily -0.03");
    assertThat(path.ladder.state()).isEqualTo(TradingState.HALTED);
    assertThat(path.ladder.dailyBreached()).isTrue();

    path.at = Instant.parse("2026-12-02T00:30:00Z").minus(Duration.ofHours(1));
    path.to("96800");
    assertThat(path.seen()).containsExactly("breach daily -0.03", "recover daily -0.03");
    assertThat(path.ladder.state()).isEqualTo(TradingState.ACTIVE);
  }

  @Test
  void aResumedLadderDoesNotRaiseWhatItHadRaised() {
    DrawdownLadder resumed =
        DrawdownLadder.resumed(
            DrawdownRules.DEFAULT, new BigDecimal("100000"), 1, Optional.empty(), Optional.empty());
    DrawdownWindow window =
        DrawdownWindow.start(ResetSchedule.DEFAULT, T0, new BigDecimal("100000"))
            .observe(T0.plusSeconds(60), new BigDecimal("93000"), BigDecimal.ZERO);

    assertThat(resumed.observe(window, BigDecimal.ZERO).events()).isEmpty();
    assertThat(resumed.breachedLevels()).containsExactly(new BigDecimal("-0.05"));
  }

  /**
   * Skipping the division never changes a step: whenever {@code clearlyAbove} says so, the drawdown
   * rounded as the ladder rounds it is above the level. Equities are drawn around the level's
   * threshold, at distances from whole units down to one part in 10^33 of the peak.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void equityClearlyAboveALevelHasADrawdownAboveIt(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 200; i++) {
      BigDecimal peak = BigDecimal.valueOf(random.nextInt(1_000_000_000) + 1L, random.nextInt(9));
      BigDecimal level = BigDecimal.valueOf(-1 - random.nextInt(50), 2);
      BigDecimal threshold = peak.multiply(BigDecimal.ONE.add(level));
      BigDecimal offset =
          peak.movePointLeft(random.nextInt(34))
              .multiply(BigDecimal.valueOf(random.nextInt(3) - 1));
      BigDecimal equity = threshold.add(offset);
      BigDecimal drawdown = equity.divide(peak, Precision.RATIO).subtract(BigDecimal.ONE);
      if (DrawdownLadder.clearlyAbove(equity, peak, level)) {
        assertThat(drawdown).as("%s of %s at %s", equity, peak, level).isGreaterThan(level);
      }
      if (equity.compareTo(threshold) <= 0) {
        assertThat(DrawdownLadder.clearlyAbove(equity, peak, level)).isFalse();
      }
    }
  }

  @Test
  void equityAtOrJustAboveALevelIsLeftToTheDivision() {
    BigDecimal peak = new BigDecimal("10000");
    BigDecimal level = new BigDecimal("-0.05");
    // 10,000 × (1 − 0.05) = 9,500: at the level, and a hair above it, the division decides.
    assertThat(DrawdownLadder.clearlyAbove(new BigDecimal("9500"), peak, level)).isFalse();
    assertThat(DrawdownLadder.clearlyAbove(new BigDecimal("9500.0000000001"), peak, level))
        .isTrue();
    assertThat(
            DrawdownLadder.clearlyAbove(
                new BigDecimal("9500").add(BigDecimal.ONE.movePointLeft(40)), peak, level))
        .isFalse();
    assertThat(DrawdownLadder.clearlyAbove(BigDecimal.ZERO, peak, level)).isFalse();
  }
}
