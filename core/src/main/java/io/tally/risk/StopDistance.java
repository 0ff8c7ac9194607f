package io.tally.risk;

import io.tally.ledger.Side;
import io.tally.money.Precision;
import java.math.BigDecimal;

/**
 * How far a stop is from a price: the share of a position's value lost if it is hit, and the rule
 * that a stop sits on the losing side (below the price for a buy, above it for a sell).
 *
 * <p>Example: {@code StopDistance.fraction(60000, 57000)} is {@code 0.05}. Stateless.
 */
public final class StopDistance {

  private StopDistance() {}

  /**
   * Checks that {@code stop} is on the losing side of {@code price} for an order on {@code side}.
   *
   * @throws IllegalArgumentException naming the stop and the price when it is not
   */
  public static void check(Side side, BigDecimal price, BigDecimal stop) {
    int cmp = stop.compareTo(price);
    if (cmp == 0) {
      throw new IllegalArgumentException(
          "stop " + stop.toPlainString() + " equals the entry " + price.toPlainString());
    }
    if (side == Side.BUY && cmp > 0) {
      throw new IllegalArgumentException(
          "stop "
              + stop.toPlainString()
              + " is above the entry "
              + price.toPlainString()
              + ": a buy's stop must be below it");
    }
    if (side == Side.SELL && cmp < 0) {
      throw new IllegalArgumentException(
          "stop "
              + stop.toPlainString()
              + " is below the entry "
              + price.toPlainString()
              + ": a sell's stop must be above it");
    }
  }

  /** {@code |price − stop| / price}, at most 1. */
  public static BigDecimal fraction(BigDecimal price, BigDecimal stop) {
    return price.subtract(stop).abs().divide(price, Precision.RATIO).min(BigDecimal.ONE);
  }
}
