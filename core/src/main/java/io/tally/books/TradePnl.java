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

  /** How {@link #toText()} writes an empty {@link #realizedQuote}. */
  private static final String NONE = "-";

  public TradePnl {
    requireNonNull(realized, "realized");
    requireNonNull(fees, "fees");
    requireNonNull(realizedQuote, "realizedQuote");
  }

  /**
   * The figures as one line, tab-separated, each number with its exact scale: {@code
   * 4990.00000000<TAB>10.00000000<TAB>4990.00000000}, the last {@code -} when empty. {@link #parse}
   * reads it back to an equal record.
   */
  public String toText() {
    return realized.toString()
        + '\t'
        + fees.toString()
        + '\t'
        + realizedQuote.map(BigDecimal::toString).orElse(NONE);
  }

  /**
   * The record {@link #toText()} wrote.
   *
   * @throws IllegalArgumentException if {@code text} is not three tab-separated figures
   */
  public static TradePnl parse(String text) {
    String[] fields = text.split("\t", -1);
    if (fields.length != 3) {
      throw new IllegalArgumentException(
          "A trade's PnL is three tab-separated figures, not '" + text + "'");
    }
    return new TradePnl(
        new BigDecimal(fields[0]),
        new BigDecimal(fields[1]),
        fields[2].equals(NONE) ? Optional.empty() : Optional.of(new BigDecimal(fields[2])));
  }
}
