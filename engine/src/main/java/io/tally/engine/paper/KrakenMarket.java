package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.PublicTrades;
import io.tally.kraken.api.TickerQuote;
import io.tally.ledger.Side;
import io.tally.money.Pair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link MarketSource} over Kraken's public {@code Ticker} and {@code Trades}, or the
 * simulator's, which answers the same API: paper trading on real (or simulated) prices.
 *
 * <p>The matching never waits for the network: {@link #refresh} fetches ahead, and {@link #quote}
 * and {@link #trades} answer from what was fetched. A pair's tape starts when it is first
 * refreshed, so a resting order fills only against trades printed after the account began to watch
 * its pair; trades older than {@link #TAPE_KEPT} are dropped. A quote is the ticker's best bid, ask
 * and last, stamped with the moment it was received (Kraken's ticker has no time).
 *
 * <p>Example: {@code market.refresh(List.of(XBTUSD), List.of(XBTUSD)); market.quote(XBTUSD, now)}.
 * Thread-safe: every method is synchronized.
 */
public final class KrakenMarket implements MarketFeed {

  /** How long fetched public trades are kept for matching. */
  public static final Duration TAPE_KEPT = Duration.ofHours(1);

  private final KrakenClient client;
  private final Clock clock;
  private final Map<Pair, MarketQuote> quotes = new HashMap<>();
  private final Map<Pair, Tape> tapes = new HashMap<>();

  /** A market read through {@code client}, its quotes stamped by {@code clock}. */
  public KrakenMarket(KrakenClient client, Clock clock) {
    this.client = requireNonNull(client, "client");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public synchronized void refresh(Collection<Pair> quoted, Collection<Pair> taped) {
    for (Pair pair : quoted) {
      List<TickerQuote> ticker = client.ticker(List.of(krakenName(pair)));
      for (TickerQuote quote : ticker) {
        quotes.put(
            pair, new MarketQuote(pair, quote.time(), quote.bid(), quote.ask(), quote.last()));
      }
    }
    for (Pair pair : taped) {
      tapes.computeIfAbsent(pair, watched -> new Tape(clock.instant())).fetch(pair);
    }
  }

  /**
   * Starts the tape of {@code pair} now, without fetching: the next {@link #refresh} of its trades
   * brings every trade printed from this moment on (a resting order placed now misses none).
   */
  @Override
  public synchronized void watch(Pair pair) {
    tapes.computeIfAbsent(requireNonNull(pair, "pair"), watched -> new Tape(clock.instant()));
  }

  @Override
  public synchronized Optional<Instant> quotedAt(Pair pair) {
    return Optional.ofNullable(quotes.get(pair)).map(MarketQuote::at);
  }

  @Override
  public synchronized Optional<MarketQuote> quote(Pair pair, Instant at) {
    return Optional.ofNullable(quotes.get(pair));
  }

  @Override
  public synchronized List<PublicTrade> trades(Pair pair, Instant after, Instant until) {
    Tape tape = tapes.get(pair);
    if (tape == null) {
      return List.of();
    }
    return tape.trades.stream()
        .filter(trade -> trade.at().isAfter(after) && !trade.at().isAfter(until))
        .toList();
  }

  /** The name Kraken knows a pair by: its altname, such as {@code XBTUSD}. */
  static String krakenName(Pair pair) {
    return pair.base().code() + pair.quote().code();
  }

  /** One pair's public trades since it was first watched. */
  private final class Tape {
    private Instant since;
    private final ArrayDeque<PublicTrade> trades = new ArrayDeque<>();

    Tape(Instant since) {
      this.since = since;
    }

    void fetch(Pair pair) {
      PublicTrades page =
          client.trades(krakenName(pair), Optional.of(since), KrakenClient.MAX_PUBLIC_TRADES);
      for (io.tally.kraken.api.PublicTrade trade : page.trades()) {
        if (trade.time().isAfter(since) && trade.volume().signum() > 0) {
          trades.addLast(
              new PublicTrade(
                  pair,
                  trade.time(),
                  trade.price(),
                  trade.volume(),
                  trade.side() == io.tally.kraken.api.PublicTrade.Side.BUY ? Side.BUY : Side.SELL));
        }
      }
      if (page.last().isAfter(since)) {
        since = page.last();
      }
      Instant oldest = clock.instant().minus(TAPE_KEPT);
      while (!trades.isEmpty() && trades.peekFirst().at().isBefore(oldest)) {
        trades.pollFirst();
      }
    }
  }
}
