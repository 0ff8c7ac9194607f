package io.tally.series;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Downsampling of the equity series for a chart: the last point of each time bucket stands for it,
 * so the newest value is always shown and equity is never averaged into a number it never had. A
 * point where external flows changed is kept too (with the point before it), so deposits and
 * withdrawals stay visible as markers however coarse the buckets are.
 *
 * <p>Example: {@code EquitySeries.downsample(points, Duration.ofMinutes(30))}.
 */
public final class EquitySeries {

  private EquitySeries() {}

  /**
   * The points as they are when there are at most {@code maxPoints} of them (a young series stays
   * whole, so a chart has a line from its second sample on), else {@link #downsample(List,
   * Duration)}.
   */
  public static List<EquityPoint> downsample(
      List<EquityPoint> points, Duration bucket, int maxPoints) {
    return points.size() <= maxPoints ? List.copyOf(points) : downsample(points, bucket);
  }

  /**
   * The points, oldest first, reduced to the last one of each {@code bucket} (aligned to the epoch)
   * plus every point where flows changed and the one before it.
   */
  public static List<EquityPoint> downsample(List<EquityPoint> points, Duration bucket) {
    requireNonNull(points, "points");
    requireNonNull(bucket, "bucket");
    if (bucket.isZero() || bucket.isNegative()) {
      throw new IllegalArgumentException("The bucket must be positive: " + bucket);
    }
    long width = bucket.toMillis();
    boolean[] keep = new boolean[points.size()];
    for (int i = 0; i < points.size(); i++) {
      boolean lastOfBucket =
          i == points.size() - 1
              || Math.floorDiv(points.get(i).at().toEpochMilli(), width)
                  != Math.floorDiv(points.get(i + 1).at().toEpochMilli(), width);
      if (lastOfBucket) {
        keep[i] = true;
      }
      if (i > 0 && points.get(i).flowSince(points.get(i - 1))) {
        keep[i] = true;
        keep[i - 1] = true;
      }
    }
    List<EquityPoint> kept = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (keep[i]) {
        kept.add(points.get(i));
      }
    }
    return kept;
  }
}
