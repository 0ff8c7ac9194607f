package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.books.PairPosition;
import java.math.BigDecimal;

/**
 * A pair position valued at a moment: the base units still held through the pair at the base
 * asset's price, and their unrealized PnL against the pair's cost.
 *
 * <p>Example: {@code XBTUSD 0.5 at 60000 → current value 30000, unrealized 10000}. Immutable.
 */
public record PositionValuation(
    PairPosition position, BigDecimal currentValue, BigDecimal unrealized, boolean unvalued) {

  public PositionValuation {
    requireNonNull(position, "position");
    requireNonNull(currentValue, "currentValue");
    requireNonNull(unrealized, "unrealized");
  }
}
