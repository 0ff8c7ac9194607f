package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Risk and risk-adjusted figures of a daily return series (ACCOUNTING.md §9), in {@code double} (§1
 * allows it once the series exists). With {@code n} daily returns {@code r}, factor {@code A}:
 *
 * <ul>
 *   <li>volatility {@code = stdev_{n−1}(r) × √A};
 *   <li>Sharpe {@code = mean(r − rf_d) / stdev_{n−1}(r) × √A}, {@code rf_d} as in {@link
 *       RatioSettings#dailyRiskFreeRate()};
 *   <li>Sortino {@code = mean(r − MAR_d) / sqrt(Σ_all min(0, r − MAR_d)² / n) × √A}, every day in
 *       {@code n};
 *   <li>Calmar {@code = CAGR / |max drawdown|}; recovery factor {@code = TWR / |max drawdown|}.
 * </ul>
 *
 * Each is absent, with the reason, below {@code minObservations} daily returns (volatility too), or
 * when its denominator is zero (no variation, no downside, no drawdown).
 *
 * <p>Example: {@code RiskRatios.of(returns, RatioSettings.DEFAULT).sharpe()} is {@code 1.8} or
 * {@code absent: fewer than 30 daily observations (12)}. Immutable.
 */
public record RiskRatios(
    Metric<Double> volatility,
    Metric<Double> sharpe,
    Metric<Double> sortino,
    Metric<Double> calmar,
    Metric<Double> recoveryFactor) {

  public RiskRatios {
    requireNonNull(volatility, "volatility");
    requireNonNull(sharpe, "sharpe");
    requireNonNull(sortino, "sortino");
    requireNonNull(calmar, "calmar");
    requireNonNull(recoveryFactor, "recoveryFactor");
  }

  /** The ratios of every day of {@code returns}. */
  public static RiskRatios of(Returns returns, RatioSettings settings) {
    requireNonNull(settings, "settings");
    double[] r = returns.values();
    Optional<String> tooFew = tooFew(r.length, settings);
    if (tooFew.isPresent()) {
      Metric<Double> absent = Metric.absent(tooFew.get());
      return new RiskRatios(absent, absent, absent, absent, absent);
    }
    BigDecimal maxDepth = Drawdowns.of(returns).maxDepth();
    Metric<Double> calmar;
    Metric<Double> recovery;
    if (maxDepth.signum() == 0) {
      calmar = Metric.absent("no drawdown");
      recovery = Metric.absent("no drawdown");
    } else {
      double depth = maxDepth.doubleValue();
      calmar = returns.cagr().map(cagr -> cagr / depth);
      recovery = Metric.of(returns.twr().doubleValue() / depth);
    }
    return new RiskRatios(
        volatility(r, settings), sharpe(r, settings), sortino(r, settings), calmar, recovery);
  }

  /**
   * Sharpe over each trailing window of {@code days} daily returns, for every day from the {@code
   * days}-th on (absent for a day whose window has no variation, or for every day when {@code days}
   * is below {@code minObservations}).
   */
  public static List<Dated<Metric<Double>>> rollingSharpe(
      Returns returns, int days, RatioSettings settings) {
    if (days < 1) {
      throw new IllegalArgumentException("A rolling window needs at least one day, got " + days);
    }
    double[] r = returns.values();
    List<Dated<Metric<Double>>> rolling = new ArrayList<>();
    for (int end = days; end <= r.length; end++) {
      rolling.add(
          new Dated<>(
              returns.daily().get(end - 1).date(),
              sharpe(Arrays.copyOfRange(r, end - days, end), settings)));
    }
    return rolling;
  }

  private static Optional<String> tooFew(int n, RatioSettings settings) {
    if (n < settings.minObservations()) {
      return Optional.of(
          "fewer than " + settings.minObservations() + " daily observations (" + n + ")");
    }
    return Optional.empty();
  }

  static Metric<Double> volatility(double[] r, RatioSettings settings) {
    Optional<String> tooFew = tooFew(r.length, settings);
    if (tooFew.isPresent()) {
      return Metric.absent(tooFew.get());
    }
    double sd = stdev(r);
    return sd > 0
        ? Metric.of(sd * settings.sqrtFactor())
        : Metric.absent("no variation in the daily returns");
  }

  static Metric<Double> sharpe(double[] r, RatioSettings settings) {
    Optional<String> tooFew = tooFew(r.length, settings);
    if (tooFew.isPresent()) {
      return Metric.absent(tooFew.get());
    }
    double sd = stdev(r);
    return sd > 0
        ? Metric.of((mean(r) - settings.dailyRiskFreeRate()) / sd * settings.sqrtFactor())
        : Metric.absent("no variation in the daily returns");
  }

  static Metric<Double> sortino(double[] r, RatioSettings settings) {
    Optional<String> tooFew = tooFew(r.length, settings);
    if (tooFew.isPresent()) {
      return Metric.absent(tooFew.get());
    }
    double mar = settings.dailyMinimumAcceptableReturn();
    double squares = 0;
    for (double value : r) {
      double shortfall = Math.min(0, value - mar);
      squares += shortfall * shortfall;
    }
    double downside = Math.sqrt(squares / r.length);
    return downside > 0
        ? Metric.of((mean(r) - mar) / downside * settings.sqrtFactor())
        : Metric.absent("no daily return below the minimum acceptable return");
  }

  static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return sum / values.length;
  }

  /**
   * Sample standard deviation ({@code n − 1}), two passes for accuracy; exactly 0 when every value
   * is the same (so rounding in the mean cannot turn a flat series into a huge ratio).
   */
  static double stdev(double[] values) {
    if (Arrays.stream(values).allMatch(value -> value == values[0])) {
      return 0;
    }
    double mean = mean(values);
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }
}
