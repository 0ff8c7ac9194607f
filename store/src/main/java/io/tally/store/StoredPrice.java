package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A price as the store keeps it: one unit of {@code asset} is worth {@code price} (decimal text) in
 * the base currency at {@code at}, according to {@code source}. The store does no arithmetic, so
 * the price stays text.
 *
 * <p>Example: {@code new StoredPrice("XBT", Instant.parse("2024-01-01T00:00:00Z"), "42000.1",
 * "kraken:ohlc:XXBTZUSD:60")}. Immutable.
 */
public record StoredPrice(String asset, Instant at, String price, String source) {

  public StoredPrice {
    requireText(asset, "asset");
    StoredInstant.requireStorable(at, "at");
    requireText(price, "price");
    requireText(source, "source");
  }

  /**
   * What a store holding no price keeps of {@code prices} written in one commit: the first price of
   * each asset, time and source, in the order given (a later one with the same three is not
   * written: the store's unique key).
   */
  public static List<StoredPrice> firstOfEachKey(List<StoredPrice> prices) {
    Set<List<Object>> keys = new HashSet<>();
    List<StoredPrice> kept = new ArrayList<>(prices.size());
    for (StoredPrice price : prices) {
      if (keys.add(List.of(price.asset(), price.at(), price.source()))) {
        kept.add(price);
      }
    }
    return kept;
  }

  private static void requireText(String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
