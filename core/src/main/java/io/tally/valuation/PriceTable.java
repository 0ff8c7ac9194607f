package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Price;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link PriceSource} over a fixed set of price points, such as a prices file: the price of an
 * asset at a time is the last point at or before it. A later point at the same time replaces an
 * earlier one.
 *
 * <p>Example: {@code PriceTable.of(List.of(new Price(Asset.XBT, new BigDecimal("40000"), t0,
 * "prices.csv")))}. Immutable and thread-safe.
 */
public final class PriceTable implements PriceSource {

  private final Map<Asset, Series> byAsset;

  private PriceTable(Map<Asset, Series> byAsset) {
    this.byAsset = byAsset;
  }

  /** A table of these points. */
  public static PriceTable of(List<Price> points) {
    Map<Asset, NavigableMap<Instant, Price>> byAsset = new HashMap<>();
    for (Price point : points) {
      byAsset.computeIfAbsent(point.asset(), a -> new TreeMap<>()).put(point.at(), point);
    }
    Map<Asset, Series> series = new HashMap<>();
    byAsset.forEach((asset, byTime) -> series.put(asset, Series.of(byTime.values())));
    return new PriceTable(series);
  }

  @Override
  public Optional<Price> price(Asset asset, Instant at) {
    requireNonNull(asset, "asset");
    requireNonNull(at, "at");
    Series series = byAsset.get(asset);
    return series == null ? Optional.empty() : series.floor(at);
  }

  /** The latest point of every asset in the table. */
  public List<Price> latest() {
    return byAsset.values().stream().map(Series::last).toList();
  }

  /**
   * One asset's points in time order, their times as seconds and nanoseconds beside them: a binary
   * search over two arrays, where a {@code TreeMap} walked a node and compared an {@code Instant}
   * at every step (a tenth of the books' replay, docs/BENCHMARKS.md §26).
   */
  private record Series(long[] seconds, int[] nanos, List<Optional<Price>> points) {

    /** The points, each made an {@code Optional} once here rather than at every lookup. */
    static Series of(Collection<Price> inOrder) {
      List<Optional<Price>> points = inOrder.stream().map(Optional::of).toList();
      long[] seconds = new long[points.size()];
      int[] nanos = new int[points.size()];
      for (int i = 0; i < points.size(); i++) {
        Instant at = points.get(i).orElseThrow().at();
        seconds[i] = at.getEpochSecond();
        nanos[i] = at.getNano();
      }
      return new Series(seconds, nanos, points);
    }

    /** The last point at or before {@code at}. */
    Optional<Price> floor(Instant at) {
      long second = at.getEpochSecond();
      int nano = at.getNano();
      int low = 0;
      int high = seconds.length - 1;
      int found = -1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        if (seconds[middle] < second || (seconds[middle] == second && nanos[middle] <= nano)) {
          found = middle;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return found < 0 ? Optional.empty() : points.get(found);
    }

    Price last() {
      return points.get(points.size() - 1).orElseThrow();
    }
  }
}
