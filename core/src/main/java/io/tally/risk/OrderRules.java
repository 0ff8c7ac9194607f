package io.tally.risk;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Kraken's order rules of one pair: the least volume, the least cost and the volume's decimals.
 *
 * <p>Example: XBT/USD, {@code new OrderRules(0.0001, Optional.of(0.5), 8)}. Immutable.
 */
public record OrderRules(BigDecimal ordermin, Optional<BigDecimal> costmin, int lotDecimals) {

  public OrderRules {
    requireNonNull(ordermin, "ordermin");
    requireNonNull(costmin, "costmin");
  }

  /** Whether {@code volume} is at least the ordermin. */
  public boolean meetsOrdermin(BigDecimal volume) {
    return volume.compareTo(ordermin) >= 0;
  }

  /** Whether {@code volume × price} is at least the costmin (true without one). */
  public boolean meetsCostmin(BigDecimal volume, BigDecimal price) {
    return costmin.map(min -> volume.multiply(price).compareTo(min) >= 0).orElse(true);
  }

  /** Whether {@code volume} has at most the lot decimals. */
  public boolean fitsLot(BigDecimal volume) {
    return Math.max(0, volume.stripTrailingZeros().scale()) <= lotDecimals;
  }

  /** {@code volume} rounded down to the lot decimals. */
  public BigDecimal roundDown(BigDecimal volume) {
    return volume.setScale(lotDecimals, RoundingMode.DOWN);
  }
}
