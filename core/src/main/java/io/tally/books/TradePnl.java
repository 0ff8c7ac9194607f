package io.tally.books;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What one trade did to the books' trading PnL, as the fold booked it: the realized PnL in the base
 * currency (its sold legs' gains less the cost of the units its fees used up), the base-currency
 * value of its fees, and the realized PnL in the pair's quote currency at the trade's own price of
 * the quote.
 *
 * <p>The realized figures of all trades add up, exactly, to {@link BookState#realized(PnlKind)} of
 * {@link PnlKind#TRADE}, by pair and by strategy tag: each is the sum of the amounts booked for
 * that trade and nothing else.
 *
 * <p>Example: sell 1 XBT bought for 40,000 USD at 45,000 USD paying a 10 USD fee: {@code
 * TradePnl[realized=4990.00000000, fees=10.00000000, realizedQuote=Optional[4990.00000000]]}. On
 * ETHXBT in a USD book, with 1 XBT worth 50,000 USD in that trade, a realized 500 USD is {@code
 * realizedQuote=Optional[0.01000000]} XBT. Immutable.
 *
 * @param realized realized trading PnL in the base currency, at {@code Precision.MONEY_SCALE}
 * @param fees the fee legs' value in the base currency
 * @param realizedQuote {@code realized} in the quote currency: equal to it when the quote is the
 *     base currency; else converted at the trade's value of its quote leg; empty when the trade has
 *     no quote leg or no value
 */
public record TradePnl(BigDecimal realized, BigDecimal fees, Optional<BigDecimal> realizedQuote) {

  public TradePnl {
    requireNonNull(realized, "realized");
    requireNonNull(fees, "fees");
    requireNonNull(realizedQuote, "realizedQuote");
  }
}
