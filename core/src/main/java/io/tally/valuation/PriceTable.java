package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Price;
import java.time.Instant;
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

  private final Map<Asset, NavigableMap<Instant, Price>> byAsset;

  private PriceTable(Map<Asset, NavigableMap<Instant, Price>> byAsset) {
    this.byAsset = byAsset;
  }

  /** A table of these points. */
  public static PriceTable of(List<Price> points) {
    Map<Asset, NavigableMap<Instant, Price>> byAsset = new HashMap<>();
    for (Price point : points) {
      byAsset.computeIfAbsent(point.asset(), a -> new TreeMap<>()).put(point.at(), point);
    }
    return new PriceTable(byAsset);
  }

  @Override
  public Optional<Price> price(Asset asset, Instant at) {
    requireNonNull(asset, "asset");
    requireNonNull(at, "at");
    NavigableMap<Instant, Price> series = byAsset.get(asset);
    if (series == null) {
      return Optional.empty();
    }
    Map.Entry<Instant, Price> entry = series.floorEntry(at);
    return entry == null ? Optional.empty() : Optional.of(entry.getValue());
  }

  /** The latest point of every asset in the table. */
  public List<Price> latest() {
    return byAsset.values().stream().map(series -> series.lastEntry().getValue()).toList();
  }
}
