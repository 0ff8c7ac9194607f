package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A projection of the books onto one market: the base units bought through this pair and still
 * held, their cost (in the base currency and in the pair's quote), and the realized PnL and fees of
 * the pair's trades. The asset books stay the truth, and the positions add up to them: a sale of
 * the base on this pair leaves this position first; every other unit that leaves the asset's pool
 * (the part of a sale beyond this position, the asset spent as a quote, a withdrawal, a fee in the
 * asset, ...) leaves all its holders pro rata — each position on a pair with this base and the
 * units no pair holds ({@link BookState#nonPairHoldings()}). Cost leaves with units, pro rata. So
 * for every asset Σ {@code baseSize} ≤ the holding, with equality when every unit held was bought
 * through a pair.
 *
 * <p>Example: {@code PairPosition[pair=XBTUSD, baseSize=0.5, costBase=20000.00000000,
 * costQuote=20000, realized=4980.00000000, fees=20.00000000]}. Immutable.
 */
public record PairPosition(
    Pair pair,
    BigDecimal baseSize,
    BigDecimal costBase,
    BigDecimal costQuote,
    BigDecimal realized,
    BigDecimal fees) {

  public PairPosition {
    requireNonNull(pair, "pair");
    requireNonNull(baseSize, "baseSize");
    requireNonNull(costBase, "costBase");
    requireNonNull(costQuote, "costQuote");
    requireNonNull(realized, "realized");
    requireNonNull(fees, "fees");
  }

  /** Average entry price in the quote currency; empty when the position is flat. */
  public Optional<BigDecimal> averageEntryPrice() {
    return baseSize.signum() == 0
        ? Optional.empty()
        : Optional.of(Precision.price(costQuote, baseSize));
  }
}
