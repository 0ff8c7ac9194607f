package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The last trade price and best bid and ask of one pair, from {@code /0/public/Ticker}.
 *
 * <p>Example: {@code TickerQuote[pair=XXBTZUSD, last=73380.6, ask=73380.7, bid=73380.6,
 * time=2026-11-23T10:15:30.123Z]}. Immutable.
 *
 * @param pair the pair key, such as {@code XXBTZUSD} (even when asked for by altname)
 * @param last the price of the last trade ({@code c[0]})
 * @param ask the best ask price ({@code a[0]})
 * @param bid the best bid price ({@code b[0]})
 * @param time when this client received the quote: Kraken's ticker carries no time of its own
 */
public record TickerQuote(
    String pair, BigDecimal last, BigDecimal ask, BigDecimal bid, Instant time) {

  public TickerQuote {
    requireNonNull(pair, "pair");
    last = Precision.canonical(requireNonNull(last, "last"));
    ask = Precision.canonical(requireNonNull(ask, "ask"));
    bid = Precision.canonical(requireNonNull(bid, "bid"));
    requireNonNull(time, "time");
  }
}
