package io.tally.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void aKnownFigureHasNoReason() {
    Metric<Double> metric = Metric.of(1.5);

    assertThat(metric.value()).contains(1.5);
    assertThat(metric.reason()).isEmpty();
    assertThat(metric).hasToString("1.5");
  }

  @Test
  void anAbsentFigureCarriesItsReasonThroughMap() {
    Metric<Double> metric = Metric.<Double>absent("no losing cycles").map(value -> value * 2);

    assertThat(metric.value()).isEmpty();
    assertThat(metric.reason()).contains("no losing cycles");
    assertThat(metric).hasToString("absent: no losing cycles");
    assertThatThrownBy(metric::orElseThrow)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("no losing cycles");
  }

  @Test
  void neitherAnInfiniteFigureNorABlankReasonIsAMetric() {
    assertThatThrownBy(() -> Metric.of(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metric.absent(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
