package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One page of a pair's public trades, oldest first, from {@code /0/public/Trades}: at most 1000
 * trades after the {@code since} asked for, and the cursor to ask for the next page with.
 *
 * <p>Example: {@code PublicTrades[pair=XXBTZUSD, trades=[...],
 * last=2023-07-06T19:32:49.993150842Z]} ({@code last} is Kraken's nanosecond cursor {@code
 * "1688671969993150842"}). Immutable.
 *
 * @param pair the pair key, such as {@code XXBTZUSD} (even when asked for by altname)
 * @param trades the trades, oldest first
 * @param last the cursor for the next page's {@code since}: the newest trade's time, or the {@code
 *     since} asked for when there was no newer trade
 */
public record PublicTrades(String pair, List<PublicTrade> trades, Instant last) {

  public PublicTrades {
    requireNonNull(pair, "pair");
    trades = List.copyOf(trades);
    requireNonNull(last, "last");
  }
}
