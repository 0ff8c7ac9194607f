package io.tally.engine.paper;

import io.tally.money.Pair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a paper account's fills get their prices (a port): the quote of a pair at an instant and
 * the public trades of a pair over a span of time. Adapters: the simulator's market (demo, tests)
 * and Kraken's public {@code Ticker} and {@code Trades} (paper trading on real prices); {@link
 * ScriptedMarket} in memory.
 *
 * <p>The engine calls it only while it matches, with instants it is given, never "now" from a
 * clock, so the same market gives the same fills. An adapter that talks to the network should
 * answer from what it has already fetched: the matching step does no I/O of its own.
 *
 * <p>Example: {@code market.quote(Pair.parse("XBT/USDT"), at)} is {@code Optional.of(XBTUSDT bid
 * 59990 ask 60010 last 60000)}. Implementations say their own threading contract.
 */
public interface MarketSource {

  /** The best bid and ask and the last price of {@code pair} as they stood at {@code at}. */
  Optional<MarketQuote> quote(Pair pair, Instant at);

  /**
   * The public trades of {@code pair} after {@code after} (exclusive) and at or before {@code
   * until}, oldest first: what resting limit orders fill against and stop orders trigger on.
   */
  List<PublicTrade> trades(Pair pair, Instant after, Instant until);
}
