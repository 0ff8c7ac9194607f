package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

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

  private static void requireText(String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
