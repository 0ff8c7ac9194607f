package io.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FlowAdjustedDriftTest {

  private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

  @Test
  void aDepositIsExplainedNotDrift() {
    // Baseline: equity 10,000 with PnL 0 and flows 10,000 so far. Then +5,000 deposited and
    // +300 PnL; the exchange shows 15,290. Raw 5,290; explained 300 + 5,000; unexplained −10.
    DriftBaseline baseline =
        new DriftBaseline(T0, new BigDecimal("10000"), BigDecimal.ZERO, new BigDecimal("10000"));

    FlowAdjustedDrift drift =
        FlowAdjustedDrift.of(
            DriftMode.OBSERVE_ONLY,
            baseline,
            new BigDecimal("15290"),
            new BigDecimal("300"),
            new BigDecimal("15000"));

    assertThat(drift.rawDrift()).isEqualByComparingTo("5290");
    assertThat(drift.flows()).isEqualByComparingTo("5000");
    assertThat(drift.pnl()).isEqualByComparingTo("300");
    assertThat(drift.unexplained()).isEqualByComparingTo("-10");
    assertThat(drift.baseline()).isEqualTo(baseline);
  }

  @Test
  void autoAdjustMovesTheBaselineInsteadOfSubtractingFlows() {
    // Same history: the baseline becomes 10,000 + 5,000 = 15,000; flows since it are 0.
    DriftBaseline baseline =
        new DriftBaseline(T0, new BigDecimal("10000"), BigDecimal.ZERO, new BigDecimal("10000"));

    FlowAdjustedDrift drift =
        FlowAdjustedDrift.of(
            DriftMode.AUTO_ADJUST,
            baseline,
            new BigDecimal("15290"),
            new BigDecimal("300"),
            new BigDecimal("15000"));

    assertThat(drift.baseline().equity()).isEqualByComparingTo("15000");
    assertThat(drift.baseline().flows()).isEqualByComparingTo("15000");
    assertThat(drift.flows()).isEqualByComparingTo("0");
    assertThat(drift.rawDrift()).isEqualByComparingTo("290");
    assertThat(drift.unexplained()).isEqualByComparingTo("-10");
  }

  static long[] seeds() {
    return new long[] {1, 2, 3, 5, 8, 13, 21, 34, 55, 89};
  }

  /**
   * Whatever the flows and PnL, an exchange equity they fully explain has zero unexplained drift.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void flowsAndPnlNeverLookLikeDriftInEitherMode(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DriftBaseline baseline = new DriftBaseline(T0, money(random), money(random), money(random));
    BigDecimal pnlTotal = baseline.pnl();
    BigDecimal flowsTotal = baseline.flows();
    BigDecimal equity = baseline.equity();
    DriftBaseline moving = baseline;
    for (int step = 0; step < 50; step++) {
      BigDecimal pnl = money(random);
      BigDecimal flow = random.nextBoolean() ? money(random) : BigDecimal.ZERO;
      pnlTotal = pnlTotal.add(pnl);
      flowsTotal = flowsTotal.add(flow);
      equity = equity.add(pnl).add(flow);
      BigDecimal missing = random.nextInt(5) == 0 ? money(random) : BigDecimal.ZERO;

      FlowAdjustedDrift observed =
          FlowAdjustedDrift.of(
              DriftMode.OBSERVE_ONLY, baseline, equity.add(missing), pnlTotal, flowsTotal);
      FlowAdjustedDrift adjusted =
          FlowAdjustedDrift.of(
              DriftMode.AUTO_ADJUST, moving, equity.add(missing), pnlTotal, flowsTotal);
      moving = adjusted.baseline();

      assertThat(observed.unexplained())
          .as("seed %d step %d", seed, step)
          .isEqualByComparingTo(missing);
      assertThat(adjusted.unexplained())
          .as("seed %d step %d", seed, step)
          .isEqualByComparingTo(missing);
      assertThat(adjusted.flows()).isEqualByComparingTo("0");
    }
  }

  @Test
  void aBaselineRoundTripsThroughText() {
    DriftBaseline baseline =
        new DriftBaseline(
            T0, new BigDecimal("10000.12345678"), new BigDecimal("-1.5"), new BigDecimal("0"));

    assertThat(DriftBaseline.parse(baseline.toText())).isEqualTo(baseline);
    assertThatThrownBy(() -> DriftBaseline.parse("1|2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1|2");
  }

  @Test
  void modesParseFromTheirConfigSpelling() {
    assertThat(DriftMode.parse("auto_adjust")).isEqualTo(DriftMode.AUTO_ADJUST);
    assertThat(DriftMode.parse("observe_only")).isEqualTo(DriftMode.OBSERVE_ONLY);
    assertThatThrownBy(() -> DriftMode.parse("auto"))
        .hasMessageContaining("observe_only or auto_adjust");
  }

  private static BigDecimal money(SplittableRandom random) {
    return BigDecimal.valueOf(random.nextLong(-10_000_000_000L, 10_000_000_000L), 8);
  }
}
