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

  /**
   * The trades of a fold: {@code folded} in memory, the rest from the lines {@code store} saved for
   * books kept by {@code config}.
   */
  public TradePnlLookup(TradePnls folded, PortfolioStore store, BookConfig config) {
    this.folded = requireNonNull(folded, "folded");
    this.store = requireNonNull(store, "store");
    this.config = requireNonNull(config, "config");
  }

  /**
   * What each of {@code trades} did to PnL, by event id; a trade the books did not fold has no
   * entry.
   */
  public Map<EventId, TradePnl> find(List<Trade> trades) {
    Map<EventId, TradePnl> found = new HashMap<>();
    List<String> saved = new ArrayList<>();
    for (Trade trade : trades) {
      folded
          .find(trade)
          .ifPresentOrElse(pnl -> found.put(trade.id(), pnl), () -> saved.add(trade.id().value()));
    }
    if (!saved.isEmpty()) {
      store
          .tradeLines(config.name(), saved)
          .forEach((id, line) -> found.put(EventId.of(id), TradePnl.parse(line)));
    }
    return found;
  }
}
