package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.books.Holding;
import io.tally.money.Price;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One holding valued at a moment: its price (if any), value, unrealized PnL ({@code value − cost})
 * and share of equity. An unvalued holding (no price) counts 0 with 0 unrealized and is flagged,
 * never dropped; a stale one used a price older than the allowed age.
 *
 * <p>Example: {@code XBT 0.5 at 60000 → value 30000, cost 20000, unrealized 10000}. Immutable.
 */
public record AssetValuation(
    Holding holding,
    Optional<Price> price,
    BigDecimal value,
    BigDecimal unrealized,
    boolean unvalued,
    boolean stale,
    BigDecimal percentageOfEquity) {

  public AssetValuation {
    requireNonNull(holding, "holding");
    requireNonNull(price, "price");
    requireNonNull(value, "value");
    requireNonNull(unrealized, "unrealized");
    requireNonNull(percentageOfEquity, "percentageOfEquity");
  }
}
