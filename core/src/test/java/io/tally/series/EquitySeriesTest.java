package io.tally.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EquitySeriesTest {

  private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

  @Test
  void theLastPointOfEachBucketStandsForIt() {
    // Points every 5 minutes for an hour (13 points: 00:00 … 01:00), 30-minute buckets:
    // buckets [00:00, 00:30) → 00:25, [00:30, 01:00) → 00:55, [01:00, …) → 01:00.
    List<EquityPoint> points = new ArrayList<>();
    for (int i = 0; i <= 12; i++) {
      points.add(point(T0.plus(Duration.ofMinutes(5L * i)), 1000 + i, 0));
    }

    List<EquityPoint> kept = EquitySeries.downsample(points, Duration.ofMinutes(30));

    assertThat(kept)
        .extracting(EquityPoint::at)
        .containsExactly(
            T0.plus(Duration.ofMinutes(25)),
            T0.plus(Duration.ofMinutes(55)),
            T0.plus(Duration.ofMinutes(60)));
  }

  @Test
  void aFlowIsKeptWithThePointBeforeIt() {
    // A deposit between 00:10 and 00:15 (flows 0 → 500): both are kept as a visible step.
    List<EquityPoint> points = new ArrayList<>();
    for (int i = 0; i <= 5; i++) {
      points.add(point(T0.plus(Duration.ofMinutes(5L * i)), 1000 + i, i >= 3 ? 500 : 0));
    }

    List<EquityPoint> kept = EquitySeries.downsample(points, Duration.ofHours(1));

    assertThat(kept)
        .extracting(EquityPoint::at)
        .containsExactly(
            T0.plus(Duration.ofMinutes(10)),
            T0.plus(Duration.ofMinutes(15)),
            T0.plus(Duration.ofMinutes(25)));
  }

  static long[] seeds() {
    return new long[] {3, 7, 11, 19, 42, 77, 101, 2024};
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void downsamplingKeepsOrderTheNewestPointEveryBucketAndEveryFlow(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<EquityPoint> points = new ArrayList<>();
    Instant at = T0;
    long flows = 0;
    for (int i = 0; i < 2000; i++) {
      at = at.plusSeconds(1 + random.nextInt(900));
      if (random.nextInt(100) == 0) {
        flows += random.nextInt(1000) - 400;
      }
      points.add(point(at, random.nextInt(100_000), flows));
    }
    Duration bucket = Duration.ofMinutes(1 + random.nextInt(240));

    List<EquityPoint> kept = EquitySeries.downsample(points, bucket);

    assertThat(points).containsAll(kept);
    assertThat(kept).isSortedAccordingTo((a, b) -> a.at().compareTo(b.at()));
    assertThat(kept.get(kept.size() - 1)).isEqualTo(points.get(points.size() - 1));
    Set<Long> bucketsIn = new HashSet<>();
    points.forEach(p -> bucketsIn.add(p.at().toEpochMilli() / bucket.toMillis()));
    Set<Long> bucketsOut = new HashSet<>();
    kept.forEach(p -> bucketsOut.add(p.at().toEpochMilli() / bucket.toMillis()));
    assertThat(bucketsOut).isEqualTo(bucketsIn);
    for (int i = 1; i < points.size(); i++) {
      if (points.get(i).flowSince(points.get(i - 1))) {
        assertThat(kept).contains(points.get(i), points.get(i - 1));
      }
    }
  }

  @Test
  void aSeriesWithFewPointsIsKeptWhole() {
    List<EquityPoint> points = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      points.add(point(T0.plusSeconds(5L * i), 1000 + i, 0));
    }

    assertThat(EquitySeries.downsample(points, Duration.ofMinutes(5), 10)).isEqualTo(points);
    assertThat(EquitySeries.downsample(points, Duration.ofMinutes(5), 9)).hasSize(1);
  }

  @Test
  void rangesParseAndStart() {
    Instant now = Instant.parse("2024-03-10T00:00:00Z");
    assertThat(EquityRange.parse("7d").start(now)).contains(Instant.parse("2024-03-03T00:00:00Z"));
    assertThat(EquityRange.parse("ALL").start(now)).isEmpty();
    assertThatThrownBy(() -> EquityRange.parse("1y")).hasMessageContaining("24h, 7d, 30d or all");
    assertThatThrownBy(() -> EquitySeries.downsample(List.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static EquityPoint point(Instant at, long equity, long flows) {
    return new EquityPoint(
        at,
        BigDecimal.valueOf(equity),
        BigDecimal.ZERO,
        BigDecimal.valueOf(flows),
        BigDecimal.ZERO);
  }
}
