package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * The portfolio's daily returns against a benchmark's over the same days, in {@code double}: excess
 * return {@code = TWR_p − TWR_b} (each chain-linked), beta {@code = cov(p, b) / var(b)},
 * correlation, tracking error {@code = stdev_{n−1}(p − b) × √A} and information ratio {@code =
 * mean(p − b) / stdev_{n−1}(p − b) × √A}. Covariance and variances use {@code n − 1}. Beta,
 * correlation, tracking error and information ratio need {@code minObservations} days, like the
 * other ratios; excess return does not.
 *
 * <p>Example: {@code Benchmark.of(returns.daily(), btcReturns, RatioSettings.DEFAULT).beta()} is
 * {@code 0.8}. Immutable.
 */
public record Benchmark(
    double excessReturn,
    Metric<Double> beta,
    Metric<Double> correlation,
    Metric<Double> trackingError,
    Metric<Double> informationRatio) {

  public Benchmark {
    requireNonNull(beta, "beta");
    requireNonNull(correlation, "correlation");
    requireNonNull(trackingError, "trackingError");
    requireNonNull(informationRatio, "informationRatio");
  }

  /**
   * Compares two daily return series.
   *
   * @throws IllegalArgumentException when the two series do not cover the same days
   */
  public static Benchmark of(
      List<Dated<BigDecimal>> portfolio,
      List<Dated<BigDecimal>> benchmark,
      RatioSettings settings) {
    requireNonNull(settings, "settings");
    if (portfolio.size() != benchmark.size()) {
      throw new IllegalArgumentException(
          "The portfolio has "
              + portfolio.size()
              + " daily returns and the benchmark "
              + benchmark.size());
    }
    int n = portfolio.size();
    double[] p = new double[n];
    double[] b = new double[n];
    double[] active = new double[n];
    double growthP = 1;
    double growthB = 1;
    for (int i = 0; i < n; i++) {
      if (!portfolio.get(i).date().equals(benchmark.get(i).date())) {
        throw new IllegalArgumentException(
            "Day "
                + i
                + " is "
                + portfolio.get(i).date()
                + " for the portfolio and "
                + benchmark.get(i).date()
                + " for the benchmark");
      }
      p[i] = portfolio.get(i).value().doubleValue();
      b[i] = benchmark.get(i).value().doubleValue();
      active[i] = p[i] - b[i];
      growthP *= 1 + p[i];
      growthB *= 1 + b[i];
    }
    double excess = growthP - growthB;
    if (n < settings.minObservations()) {
      Metric<Double> absent =
          Metric.absent(
              "fewer than " + settings.minObservations() + " daily observations (" + n + ")");
      return new Benchmark(excess, absent, absent, absent, absent);
    }
    double sdP = RiskRatios.stdev(p);
    double sdB = RiskRatios.stdev(b);
    double sdActive = RiskRatios.stdev(active);
    double covariance = covariance(p, b);
    Metric<Double> beta =
        sdB > 0
            ? Metric.of(covariance / (sdB * sdB))
            : Metric.absent("no variation in the benchmark's returns");
    Metric<Double> correlation =
        sdB > 0 && sdP > 0
            ? Metric.of(covariance / (sdP * sdB))
            : Metric.absent("no variation in the portfolio's or the benchmark's returns");
    Metric<Double> trackingError =
        sdActive > 0
            ? Metric.of(sdActive * settings.sqrtFactor())
            : Metric.absent("the portfolio's returns equal the benchmark's every day");
    Metric<Double> information =
        trackingError.map(ignored -> RiskRatios.mean(active) / sdActive * settings.sqrtFactor());
    return new Benchmark(excess, beta, correlation, trackingError, information);
  }

  private static double covariance(double[] x, double[] y) {
    double meanX = RiskRatios.mean(x);
    double meanY = RiskRatios.mean(y);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (x[i] - meanX) * (y[i] - meanY);
    }
    return sum / (x.length - 1);
  }
}
