package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Side;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link MarketFeed} held in memory and written by hand or by a seeded generator: quotes that
 * hold from their instant until the next one, and a tape of public trades. For tests and demos; not
 * tied to the simulator.
 *
 * <p>Example: {@code new ScriptedMarket().quote(xbt, t0, new BigDecimal("59990"), new
 * BigDecimal("60010"), new BigDecimal("60000")).trade(xbt, t1, new BigDecimal("58990"), new
 * BigDecimal("0.05"), Side.SELL)}. Thread-safe: every method is synchronized.
 */
public final class ScriptedMarket implements MarketFeed {

  private final Map<Pair, NavigableMap<Instant, MarketQuote>> quotes = new HashMap<>();
  private final Map<Pair, NavigableMap<Instant, List<PublicTrade>>> tape = new HashMap<>();

  /** Sets the quote of a pair from {@code at} on (replacing one at the same instant). */
  public synchronized ScriptedMarket quote(MarketQuote quote) {
    requireNonNull(quote, "quote");
    quotes.computeIfAbsent(quote.pair(), pair -> new TreeMap<>()).put(quote.at(), quote);
    return this;
  }

  /** Sets the bid, ask and last of a pair from {@code at} on. */
  public ScriptedMarket quote(
      Pair pair, Instant at, BigDecimal bid, BigDecimal ask, BigDecimal last) {
    return quote(new MarketQuote(pair, at, bid, ask, last));
  }

  /** Sets a pair's bid, ask and last to one price from {@code at} on. */
  public ScriptedMarket price(Pair pair, Instant at, BigDecimal price) {
    return quote(MarketQuote.atLast(pair, at, price));
  }

  /**
   * Prints a public trade on the tape. It does not move the quote: script the quote too when the
   * trade should be the last price a market order or a funding charge sees.
   */
  public synchronized ScriptedMarket trade(PublicTrade trade) {
    requireNonNull(trade, "trade");
    tape.computeIfAbsent(trade.pair(), pair -> new TreeMap<>())
        .computeIfAbsent(trade.at(), at -> new ArrayList<>())
        .add(trade);
    return this;
  }

  /** Prints a public trade of {@code volume} at {@code price}, taken by {@code side}. */
  public ScriptedMarket trade(
      Pair pair, Instant at, BigDecimal price, BigDecimal volume, Side side) {
    return trade(new PublicTrade(pair, at, price, volume, side));
  }

  /** Nothing to fetch: the script holds every quote and trade already. */
  @Override
  public void refresh(Collection<Pair> quoted, Collection<Pair> taped) {}

  /** Nothing to start: the script's tape is whole already. */
  @Override
  public void watch(Pair pair) {}

  /** Empty: a script is never fetched, and never needs to be. */
  @Override
  public Optional<Instant> quotedAt(Pair pair) {
    return Optional.empty();
  }

  @Override
  public synchronized Optional<MarketQuote> quote(Pair pair, Instant at) {
    NavigableMap<Instant, MarketQuote> byTime = quotes.get(pair);
    if (byTime == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(byTime.floorEntry(at)).map(Map.Entry::getValue);
  }

  @Override
  public synchronized List<PublicTrade> trades(Pair pair, Instant after, Instant until) {
    NavigableMap<Instant, List<PublicTrade>> byTime = tape.get(pair);
    if (byTime == null || !until.isAfter(after)) {
      return List.of();
    }
    List<PublicTrade> trades = new ArrayList<>();
    byTime.subMap(after, false, until, true).values().forEach(trades::addAll);
    return trades;
  }
}
