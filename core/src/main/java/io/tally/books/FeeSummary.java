package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every fee paid, valued in the base currency when paid: in total, by the asset the fee was paid
 * in, and by pair (trade fees only).
 *
 * <p>Example: {@code FeeSummary[total=20.00000000, byAsset={USD=20.00000000},
 * byPair={XBTUSD=20.00000000}]}. Immutable.
 */
public record FeeSummary(
    BigDecimal total, SortedMap<Asset, BigDecimal> byAsset, SortedMap<Pair, BigDecimal> byPair) {

  public FeeSummary {
    requireNonNull(total, "total");
    byAsset = sortedCopy(byAsset);
    byPair = sortedCopy(byPair);
  }

  static <K extends Comparable<K>> SortedMap<K, BigDecimal> sortedCopy(Map<K, BigDecimal> map) {
    return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}
