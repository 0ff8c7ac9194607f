package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The top of a pair's book at an instant: the best bid, the best ask and the last traded price, in
 * the quote asset per base unit. Market orders fill at the touch (the ask for a buy, the bid for a
 * sell); stop-loss and take-profit orders trigger on the last price.
 *
 * <p>Example: {@code new MarketQuote(Pair.parse("XBT/USDT"), at, new BigDecimal("59990"), new
 * BigDecimal("60010"), new BigDecimal("60000"))}; {@code MarketQuote.atLast(pair, at, price)} for a
 * source that knows only the last price. Immutable.
 *
 * @param bid positive, at most the ask
 * @param ask positive
 * @param last positive
 */
public record MarketQuote(Pair pair, Instant at, BigDecimal bid, BigDecimal ask, BigDecimal last) {

  public MarketQuote {
    requireNonNull(pair, "pair");
    requireNonNull(at, "at");
    bid = Precision.canonical(Checks.positive("bid", bid));
    ask = Precision.canonical(Checks.positive("ask", ask));
    last = Precision.canonical(Checks.positive("last", last));
    if (bid.compareTo(ask) > 0) {
      throw new IllegalArgumentException(
          "bid " + bid.toPlainString() + " is above ask " + ask.toPlainString() + " on " + pair);
    }
  }

  /** A quote whose bid, ask and last are all one price (a source with only the last price). */
  public static MarketQuote atLast(Pair pair, Instant at, BigDecimal last) {
    return new MarketQuote(pair, at, last, last, last);
  }

  @Override
  public String toString() {
    return pair
        + " bid "
        + bid.toPlainString()
        + " ask "
        + ask.toPlainString()
        + " last "
        + last.toPlainString()
        + " at "
        + at;
  }
}
