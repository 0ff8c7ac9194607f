package io.tally.valuation;

import static java.util.Objects.requireNonNull;

import io.tally.margin.MarginPosition;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * An open Kraken margin position valued at a moment: its mark (quote units per base unit, the base
 * asset's price over the quote asset's, both in the base currency) and its unrealized PnL in the
 * base currency, {@code size × price(base) − sign × entry value × price(quote)}: what closing it at
 * the mark would add to equity (ACCOUNTING.md §5: equity = collateral + Σ unrealized).
 *
 * <p>Example: a 2× long of 0.1 XBT/USD entered at 60,000 (entry value 6,000 USD), XBT at 61,000
 * USD, base USD: mark 61,000, unrealized {@code 0.1 × 61000 − 6000 × 1 = 100.00000000}. Immutable.
 *
 * @param mark quote per base unit; empty when either asset has no price
 * @param quotePrice the quote asset's price in the base currency (1 when it is the base currency);
 *     empty when either asset has no price
 * @param unrealized in the base currency; zero when unvalued
 * @param unvalued whether a price was missing, so the position counts at zero
 */
public record MarginPositionValuation(
    MarginPosition position,
    Optional<BigDecimal> mark,
    Optional<BigDecimal> quotePrice,
    BigDecimal unrealized,
    boolean unvalued) {

  public MarginPositionValuation {
    requireNonNull(position, "position");
    requireNonNull(mark, "mark");
    requireNonNull(quotePrice, "quotePrice");
    requireNonNull(unrealized, "unrealized");
  }
}
