package io.tally.valuation;

import io.tally.money.Asset;
import io.tally.money.Price;
import java.time.Instant;
import java.util.Optional;

/**
 * Where prices come from (a port): the value of one unit of an asset in the base currency, as last
 * known at or before a time. Adapters implement it from price files, Kraken's Ticker and OHLC, or
 * fixed values in tests.
 *
 * <p>Example: {@code prices.price(Asset.XBT, Instant.parse("2024-01-01T00:00:00Z"))}.
 * Implementations say their own threading contract.
 */
public interface PriceSource {

  /** A source that knows no price at all. */
  PriceSource NONE = (asset, at) -> Optional.empty();

  /** The last known price of {@code asset} at or before {@code at}, if any. */
  Optional<Price> price(Asset asset, Instant at);

  /**
   * This source's price, or {@code fallback}'s when this one has none: prices set by hand ahead of
   * the stored ones, as {@code tally report --price} does.
   */
  default PriceSource orElse(PriceSource fallback) {
    return (asset, at) -> price(asset, at).or(() -> fallback.price(asset, at));
  }
}
