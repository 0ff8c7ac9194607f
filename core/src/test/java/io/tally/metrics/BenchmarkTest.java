package io.tally.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BenchmarkTest {

  private static List<Dated<BigDecimal>> series(double... returns) {
    List<Dated<BigDecimal>> series = new ArrayList<>();
    for (int i = 0; i < returns.length; i++) {
      series.add(new Dated<>(Days.day(i), BigDecimal.valueOf(returns[i])));
    }
    return series;
  }

  private static double[] randomReturns(long seed, int n) {
    Random random = new Random(seed);
    double[] returns = new double[n];
    for (int i = 0; i < n; i++) {
      returns[i] = (random.nextDouble() - 0.5) * 0.1;
    }
    return returns;
  }

  @Test
  void twiceTheBenchmarkHasBetaTwoAndCorrelationOne() {
    double[] b = randomReturns(7, 60);
    double[] p = new double[b.length];
    double[] active = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      p[i] = 2 * b[i];
      active[i] = p[i] - b[i]; // = b[i]
    }

    Benchmark stats = Benchmark.of(series(p), series(b), RatioSettings.DEFAULT);

    assertThat(stats.beta().orElseThrow()).isCloseTo(2.0, within(1e-9));
    assertThat(stats.correlation().orElseThrow()).isCloseTo(1.0, within(1e-9));
    // p − b = b: tracking error is the benchmark's volatility, IR its mean / sd × √365.
    double sd = RiskRatios.stdev(active);
    assertThat(stats.trackingError().orElseThrow()).isCloseTo(sd * Math.sqrt(365), within(1e-12));
    assertThat(stats.informationRatio().orElseThrow())
        .isCloseTo(RiskRatios.mean(active) / sd * Math.sqrt(365), within(1e-9));
  }

  @Test
  void excessReturnComparesTheChainedReturns() {
    // Portfolio +10 % then +10 % (0.21); benchmark +5 % twice (0.1025): excess 0.1075.
    Benchmark stats = Benchmark.of(series(0.1, 0.1), series(0.05, 0.05), RatioSettings.DEFAULT);

    assertThat(stats.excessReturn()).isCloseTo(0.1075, within(1e-12));
    assertThat(stats.beta().reason()).contains("fewer than 30 daily observations (2)");
  }

  @Test
  void theSameSeriesHasNoTrackingErrorAndDifferentDaysAreRefused() {
    double[] b = randomReturns(3, 40);

    Benchmark same = Benchmark.of(series(b), series(b), RatioSettings.DEFAULT);

    assertThat(same.trackingError().reason()).isPresent();
    assertThat(same.informationRatio().reason()).isPresent();
    assertThatThrownBy(() -> Benchmark.of(series(0.1), series(0.1, 0.2), RatioSettings.DEFAULT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
