package io.tally.metrics;

import static io.tally.metrics.Days.concat;
import static io.tally.metrics.Days.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RiskRatiosTest {

  /** 20 days of +2 % then 20 days of −1 %: mean 0.005. */
  private static final Returns UP_AND_DOWN =
      Returns.of(Days.fromReturns("1000", concat(repeat("0.02", 20), repeat("-0.01", 20))));

  @Test
  void sharpeAndVolatilityUseTheSampleDeviation() {
    // Deviations ±0.015, Σ² = 40 × 0.000225 = 0.009, / 39 → sd 0.0151911;
    // Sharpe = 0.005 / 0.0151911 × √365 = 6.28822; volatility = 0.0151911 × √365 = 0.290225.
    RiskRatios ratios = RiskRatios.of(UP_AND_DOWN, RatioSettings.DEFAULT);

    assertThat(ratios.sharpe().orElseThrow()).isCloseTo(6.2882164933, within(1e-8));
    assertThat(ratios.volatility().orElseThrow()).isCloseTo(0.2902253766, within(1e-9));
  }

  @Test
  void theRiskFreeRateIsCompoundedDownToADay() {
    // rf_d = 1.04^(1/365) − 1 = 0.000107460; (0.005 − 0.000107460) / 0.0151911 × √365 = 6.15307.
    RiskRatios ratios = RiskRatios.of(UP_AND_DOWN, RatioSettings.DEFAULT.withRiskFreeRate(0.04));

    assertThat(ratios.sharpe().orElseThrow()).isCloseTo(6.1530704186, within(1e-8));
  }

  @Test
  void sortinoCountsEveryDayInN() {
    // Σ min(0, r)² = 20 × 0.0001 = 0.002; / n = 40 (not 20) → 0.00005; sqrt = 0.00707107;
    // 0.005 / 0.00707107 × √365 = 13.50926. Dividing by the 20 losing days only would give 9.55.
    RiskRatios ratios = RiskRatios.of(UP_AND_DOWN, RatioSettings.DEFAULT);

    assertThat(ratios.sortino().orElseThrow()).isCloseTo(13.5092560861, within(1e-8));
  }

  @Test
  void calmarAndRecoveryFactorDivideByTheMaximumDrawdown() {
    // Max drawdown: 20 days of −1 % from the peak: 1 − 0.99^20 = 0.182093.
    RiskRatios ratios = RiskRatios.of(UP_AND_DOWN, RatioSettings.DEFAULT);
    double depth = 1 - Math.pow(0.99, 20);
    double twr = Math.pow(1.02, 20) * Math.pow(0.99, 20) - 1;

    assertThat(ratios.recoveryFactor().orElseThrow()).isCloseTo(twr / depth, within(1e-12));
    assertThat(ratios.calmar().orElseThrow())
        .isCloseTo((Math.pow(1 + twr, 365.25 / 40) - 1) / depth, within(1e-9));
  }

  @Test
  void fewerThanThirtyObservationsLeaveEveryRatioAbsentWithTheReason() {
    Returns short29 =
        Returns.of(Days.fromReturns("1000", concat(repeat("0.02", 15), repeat("-0.01", 14))));

    RiskRatios ratios = RiskRatios.of(short29, RatioSettings.DEFAULT);

    for (Metric<Double> ratio :
        List.of(
            ratios.volatility(),
            ratios.sharpe(),
            ratios.sortino(),
            ratios.calmar(),
            ratios.recoveryFactor())) {
      assertThat(ratio.reason()).contains("fewer than 30 daily observations (29)");
    }
    Returns enough =
        Returns.of(Days.fromReturns("1000", concat(repeat("0.02", 15), repeat("-0.01", 15))));
    assertThat(RiskRatios.of(enough, RatioSettings.DEFAULT).sharpe().isPresent()).isTrue();
  }

  @Test
  void zeroDenominatorsAreAbsentWithTheirReasons() {
    // Every day +1 %: no variation, no day below the MAR of 0, no drawdown.
    RiskRatios flat =
        RiskRatios.of(
            Returns.of(Days.fromReturns("1000", repeat("0.01", 40))), RatioSettings.DEFAULT);

    assertThat(flat.sharpe().reason()).contains("no variation in the daily returns");
    assertThat(flat.volatility().reason()).contains("no variation in the daily returns");
    assertThat(flat.sortino().reason())
        .contains("no daily return below the minimum acceptable return");
    assertThat(flat.calmar().reason()).contains("no drawdown");
    assertThat(flat.recoveryFactor().reason()).contains("no drawdown");
  }

  @Test
  void rollingSharpeStartsOnItsThirtiethDay() {
    List<Dated<Metric<Double>>> rolling =
        RiskRatios.rollingSharpe(UP_AND_DOWN, 30, RatioSettings.DEFAULT);

    assertThat(rolling).hasSize(11); // windows ending on days 30..40
    assertThat(rolling.get(0).date()).isEqualTo(Days.day(29));
    // The last window: 10 days of +2 %, 20 of −1 %: mean 0, so Sharpe 0.
    assertThat(rolling.get(10).value().orElseThrow()).isCloseTo(0.0, within(1e-12));
  }
}
