package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import java.math.BigDecimal;

/**
 * One pair's open margin position in the books against Kraken's netted {@code OpenPositions}. Sizes
 * are quantities from the trades history, never priced, so any difference is beyond tolerance.
 *
 * <p>Example: {@code PositionSizeCheck[pair=XBT/USD, internal=0.08633671, exchange=0.08633671]}
 * matches. Immutable.
 *
 * @param internal the books' signed size (zero when flat)
 * @param exchange Kraken's netted signed size (zero when none)
 */
public record PositionSizeCheck(Pair pair, BigDecimal internal, BigDecimal exchange) {

  public PositionSizeCheck {
    requireNonNull(pair, "pair");
    requireNonNull(internal, "internal");
    requireNonNull(exchange, "exchange");
  }

  /** {@code exchange − internal}. */
  public BigDecimal difference() {
    return exchange.subtract(internal);
  }

  /** Whether the sizes differ at all. */
  public boolean beyondTolerance() {
    return difference().signum() != 0;
  }
}
