package io.tally.metrics;

/**
 * The conventions behind the risk ratios (ACCOUNTING.md §9): the annualisation factor (365 for
 * crypto, which trades every day), the annual risk-free rate for Sharpe, the annual minimum
 * acceptable return for Sortino, and how many daily observations a ratio needs before it is shown.
 *
 * <p>Annual rates become daily ones geometrically: {@code rf_d = (1 + rf)^(1/factor) − 1}, so 365
 * days at {@code rf_d} compound to exactly {@code rf}; the same holds for the MAR.
 *
 * <p>Example: {@code RatioSettings.DEFAULT.withRiskFreeRate(0.04)}. Immutable.
 *
 * @param annualization periods per year of the return series, 365 by default
 * @param riskFreeRate annual risk-free rate as a fraction, 0 by default
 * @param minimumAcceptableReturn annual MAR for Sortino as a fraction, 0 by default
 * @param minObservations fewest daily returns a ratio needs, 30 by default
 */
public record RatioSettings(
    int annualization, double riskFreeRate, double minimumAcceptableReturn, int minObservations) {

  /** Factor 365, no risk-free rate, a MAR of 0 and at least 30 observations. */
  public static final RatioSettings DEFAULT = new RatioSettings(365, 0, 0, 30);

  public RatioSettings {
    if (annualization < 1) {
      throw new IllegalArgumentException("annualization must be positive, got " + annualization);
    }
    if (!(riskFreeRate > -1) || !Double.isFinite(riskFreeRate)) {
      throw new IllegalArgumentException("riskFreeRate must be above -1, got " + riskFreeRate);
    }
    if (!(minimumAcceptableReturn > -1) || !Double.isFinite(minimumAcceptableReturn)) {
      throw new IllegalArgumentException(
          "minimumAcceptableReturn must be above -1, got " + minimumAcceptableReturn);
    }
    if (minObservations < 2) {
      throw new IllegalArgumentException(
          "minObservations must be at least 2 (a sample deviation), got " + minObservations);
    }
  }

  /** These settings with another annual risk-free rate. */
  public RatioSettings withRiskFreeRate(double rate) {
    return new RatioSettings(annualization, rate, minimumAcceptableReturn, minObservations);
  }

  /** The daily risk-free rate {@code (1 + rf)^(1/factor) − 1}. */
  public double dailyRiskFreeRate() {
    return daily(riskFreeRate);
  }

  /** The daily minimum acceptable return {@code (1 + MAR)^(1/factor) − 1}. */
  public double dailyMinimumAcceptableReturn() {
    return daily(minimumAcceptableReturn);
  }

  private double daily(double annual) {
    return Math.expm1(Math.log1p(annual) / annualization);
  }

  /** {@code √factor}, which turns a daily ratio into an annual one. */
  double sqrtFactor() {
    return Math.sqrt(annualization);
  }
}
