package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What the books hold of one asset: the quantity, its total cost in the base currency, and the
 * realized PnL the asset has produced so far (all kinds).
 *
 * <p>Example: {@code Holding[asset=XBT, quantity=0.5, cost=20000.00000000,
 * realized=4990.00000000]}. Immutable.
 */
public record Holding(Asset asset, BigDecimal quantity, BigDecimal cost, BigDecimal realized) {

  public Holding {
    requireNonNull(asset, "asset");
    requireNonNull(quantity, "quantity");
    requireNonNull(cost, "cost");
    requireNonNull(realized, "realized");
  }

  /** Cost per unit, derived (never stored); empty when nothing is held. */
  public Optional<BigDecimal> averageCost() {
    return quantity.signum() == 0 ? Optional.empty() : Optional.of(Precision.price(cost, quantity));
  }
}
