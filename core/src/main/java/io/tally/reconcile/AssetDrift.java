package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One asset of a live check: what the books hold, what the exchange's {@code Balance} says, the
 * difference ({@code exchange − internal}) and that difference valued in the base currency at the
 * current price. An asset with a difference but no price cannot be measured against the tolerance,
 * so it is {@link #unvalued()} and counts as drift.
 *
 * <p>Example: {@code AssetDrift[asset=XBT, internal=1.5, exchange=1.6, difference=0.1,
 * differenceBase=Optional[6000.00000000]]}. Immutable.
 */
public record AssetDrift(
    Asset asset,
    BigDecimal internal,
    BigDecimal exchange,
    BigDecimal difference,
    Optional<BigDecimal> differenceBase) {

  public AssetDrift {
    requireNonNull(asset, "asset");
    requireNonNull(internal, "internal");
    requireNonNull(exchange, "exchange");
    requireNonNull(difference, "difference");
    requireNonNull(differenceBase, "differenceBase");
  }

  /** Whether the books and the exchange hold exactly the same quantity. */
  public boolean matches() {
    return difference.signum() == 0;
  }

  /** Whether there is a difference that no price could value. */
  public boolean unvalued() {
    return !matches() && differenceBase.isEmpty();
  }
}
