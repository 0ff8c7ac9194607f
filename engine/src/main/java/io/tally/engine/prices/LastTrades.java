package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.PublicTrade;
import io.tally.kraken.api.PublicTrades;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The last public trade at or before each of many moments on one pair, found by paging Kraken's
 * {@code Trades} forward from a little before each moment. The trades fetched are one continuous
 * stretch, so the moments are taken oldest first and a moment shortly after the stretch pages on
 * from its cursor: nearby moments share pages. A moment with no trade in the {@value
 * #FIRST_WINDOW_MINUTES} minutes before it is searched again from further back (each window four
 * times the last, up to {@link #WIDEST_WINDOW}); a moment that still has none, or that would take
 * more than {@value #MAX_PAGES_PER_MOMENT} pages, is left for another source.
 *
 * <p>Example: moments 10:00:00 and 10:05:00 on XXBTZUSD: one page from 09:45:00 usually holds the
 * last trade before both. Not thread-safe: one search per instance.
 */
final class LastTrades {

  /** How far before a moment the first search starts. */
  static final int FIRST_WINDOW_MINUTES = 15;

  static final Duration FIRST_WINDOW = Duration.ofMinutes(FIRST_WINDOW_MINUTES);

  /** The furthest back a search for one moment goes: an older trade is no price of the moment. */
  static final Duration WIDEST_WINDOW = Duration.ofDays(7);

  /** How much each new search window is wider than the last. */
  static final int WIDENING = 4;

  /** Pages one moment may cost before it is left for another source. */
  static final int MAX_PAGES_PER_MOMENT = 20;

  private final String pair;
  private final HistoricPrices.TradeSource source;
  private final Instant now;
  private final List<PublicTrade> trades = new ArrayList<>();
  private boolean started;
  private Instant from = Instant.EPOCH;
  private Instant cursor = Instant.EPOCH;
  private Instant through = Instant.EPOCH;
  private boolean exhausted;
  private int pages;

  LastTrades(String pair, HistoricPrices.TradeSource source, Instant now) {
    this.pair = requireNonNull(pair, "pair");
    this.source = requireNonNull(source, "source");
    this.now = requireNonNull(now, "now");
  }

  /** The last trade at or before each moment that has one within reach. */
  Map<Instant, PublicTrade> find(SortedSet<Instant> moments) {
    Map<Instant, PublicTrade> found = new LinkedHashMap<>();
    for (Instant moment : moments) {
      search(moment).ifPresent(trade -> found.put(moment, trade));
    }
    return found;
  }

  /** The pages fetched so far. */
  int pages() {
    return pages;
  }

  private Optional<PublicTrade> search(Instant moment) {
    boolean continues =
        started
            && from.isBefore(moment)
            && (!moment.isAfter(through)
                || (!exhausted && !moment.isAfter(through.plus(FIRST_WINDOW))));
    Duration window = FIRST_WINDOW;
    if (!continues) {
      start(moment.minus(window));
    }
    int spent = 0;
    while (true) {
      while (moment.isAfter(through) && !exhausted) {
        if (spent == MAX_PAGES_PER_MOMENT) {
          started = false;
          return Optional.empty();
        }
        page();
        spent++;
      }
      int last = lastAtOrBefore(moment);
      if (last >= 0) {
        PublicTrade trade = trades.get(last);
        // Earlier trades can answer no later moment: the stretch goes on from this one.
        trades.subList(0, last).clear();
        return trade.time().isBefore(moment.minus(WIDEST_WINDOW))
            ? Optional.empty()
            : Optional.of(trade);
      }
      // No trade between the stretch's start and the moment: look further back.
      Duration searched = Duration.between(from, moment);
      if (searched.compareTo(WIDEST_WINDOW) >= 0) {
        return Optional.empty();
      }
      while (window.compareTo(searched) <= 0) {
        window = window.multipliedBy(WIDENING);
      }
      if (window.compareTo(WIDEST_WINDOW) > 0) {
        window = WIDEST_WINDOW;
      }
      start(moment.minus(window));
    }
  }

  private void start(Instant since) {
    trades.clear();
    started = true;
    from = since;
    cursor = since;
    through = since;
    exhausted = false;
  }

  private void page() {
    PublicTrades page = source.trades(pair, cursor);
    pages++;
    Instant newest = cursor;
    for (PublicTrade trade : page.trades()) {
      if (trade.time().isAfter(cursor)) {
        trades.add(trade);
        newest = trade.time().isAfter(newest) ? trade.time() : newest;
      }
    }
    boolean full = page.trades().size() >= KrakenClient.MAX_PUBLIC_TRADES;
    Instant next = page.last().isAfter(newest) ? page.last() : newest;
    if (!full || !next.isAfter(cursor)) {
      // A short page is the end of Kraken's trades for now; a cursor that stands still is too.
      exhausted = true;
      through = newest.isAfter(now) ? newest : now;
    } else {
      through = newest;
    }
    cursor = next;
  }

  /** The index of the last trade fetched at or before {@code moment}; -1 when there is none. */
  private int lastAtOrBefore(Instant moment) {
    for (int i = trades.size() - 1; i >= 0; i--) {
      if (!trades.get(i).time().isAfter(moment)) {
        return i;
      }
    }
    return -1;
  }
}
