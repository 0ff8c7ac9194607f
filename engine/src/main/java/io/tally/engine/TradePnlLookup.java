package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.TradePnl;
import io.tally.books.TradePnls;
import io.tally.ledger.EventId;
import io.tally.ledger.Trade;
import io.tally.store.PortfolioStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What each trade of {@link LiveBooks} did to trading PnL: the trades the fold applied in this
 * process are in memory ({@link TradePnls}); those it resumed past were saved with the checkpoints
 * before, in the store, and are read from there on demand. So a start-up never reads a line per
 * trade ever made, and a list of 20 trades reads at most 20.
 *
 * <p>Example: {@code live.tradePnls(store).find(List.of(trade)).get(trade.id())} is {@code
 * TradePnl[realized=4990.00000000, ...]}. Immutable: it answers for the fold as it stood when
 * taken; thread-safe as the store is.
 */
public final class TradePnlLookup {

  private final TradePnls folded;
  private final PortfolioStore store;
  private final BookConfig config;
  private final Function<List<Trade>, Map<EventId, TradePnl>> rest;

  /**
   * The trades of a fold: {@code folded} in memory, the rest from the lines {@code store} saved for
   * books kept by {@code config}.
   */
  public TradePnlLookup(TradePnls folded, PortfolioStore store, BookConfig config) {
    this(folded, store, config, trades -> Map.of());
  }

  /**
   * The trades of a fold like {@link #TradePnlLookup(TradePnls, PortfolioStore, BookConfig)}, and
   * of those found in neither, what {@code rest} answers (it is called only when there are some):
   * the books as of a past day, resumed from saved books, fold again the trades before those.
   */
  public TradePnlLookup(
      TradePnls folded,
      PortfolioStore store,
      BookConfig config,
      Function<List<Trade>, Map<EventId, TradePnl>> rest) {
    this.folded = requireNonNull(folded, "folded");
    this.store = requireNonNull(store, "store");
    this.config = requireNonNull(config, "config");
    this.rest = requireNonNull(rest, "rest");
  }

  /**
   * What each of {@code trades} did to PnL, by event id; a trade the books did not fold has no
   * entry.
   */
  public Map<EventId, TradePnl> find(List<Trade> trades) {
    Map<EventId, TradePnl> found = new HashMap<>();
    List<Trade> notFolded = new ArrayList<>();
    for (Trade trade : trades) {
      folded
          .find(trade)
          .ifPresentOrElse(pnl -> found.put(trade.id(), pnl), () -> notFolded.add(trade));
    }
    if (!notFolded.isEmpty()) {
      store
          .tradeLines(config.name(), notFolded.stream().map(trade -> trade.id().value()).toList())
          .forEach((id, line) -> found.put(EventId.of(id), TradePnl.parse(line)));
    }
    List<Trade> missing =
        notFolded.stream().filter(trade -> !found.containsKey(trade.id())).toList();
    if (!missing.isEmpty()) {
      found.putAll(rest.apply(missing));
    }
    return found;
  }
}
