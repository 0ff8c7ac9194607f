package io.tally.engine.service;

import io.tally.books.BookState;
import io.tally.ledger.EventId;
import io.tally.margin.MarginAccount;
import io.tally.margin.TradeLifecycle;
import io.tally.margin.TradeStatus;
import io.tally.money.Asset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which margin trades closed since the books were last seen, found without looking at every trade
 * of the history: a margin account's trades are listed in opening order and only ever appended, so
 * a trade that closed since is one that was open then (at most one per pair) or one opened since.
 * The writer logs one {@code TRADE_CLOSED} line for each.
 *
 * <p>The first books seen are the start: their closed trades were logged by the run that closed
 * them. Books whose trades no longer continue the ones seen (a history folded again after a
 * revision) are a new start too, so nothing is logged twice.
 *
 * <p>Example: {@code closed.since(view.books()).forEach(trade -> log(trade.closedLine()))}. Not
 * thread-safe: the writer calls it under its lock.
 */
final class ClosedTrades {

  /** One account's trades as last seen: how many, and where the open ones were. */
  private record Seen(int size, List<Open> open) {}

  /** An open trade: its place in the list and its id. */
  private record Open(int index, EventId id) {}

  private Map<Asset, Seen> seen = Map.of();
  private boolean started;

  /** The trades of {@code books} that closed since the books seen last; none the first time. */
  List<TradeLifecycle> since(BookState books) {
    List<TradeLifecycle> closed = new ArrayList<>();
    Map<Asset, Seen> now = new HashMap<>();
    for (MarginAccount account : books.marginAccounts()) {
      Asset collateral = account.terms().collateral();
      List<TradeLifecycle> trades = account.trades();
      Seen before = seen.get(collateral);
      if (!started || !continues(before, trades)) {
        now.put(collateral, scan(trades));
        continue;
      }
      List<Open> open = new ArrayList<>();
      int from = before == null ? 0 : before.size();
      List<Integer> candidates = new ArrayList<>();
      if (before != null) {
        before.open().forEach(entry -> candidates.add(entry.index()));
      }
      for (int index = from; index < trades.size(); index++) {
        candidates.add(index);
      }
      for (int index : candidates) {
        TradeLifecycle trade = trades.get(index);
        if (trade.status() == TradeStatus.CLOSED) {
          closed.add(trade);
        } else {
          open.add(new Open(index, trade.id()));
        }
      }
      now.put(collateral, new Seen(trades.size(), open));
    }
    seen = now;
    started = true;
    return closed;
  }

  /** Whether {@code trades} continue the ones seen: as many or more, the open ones in place. */
  private static boolean continues(Seen before, List<TradeLifecycle> trades) {
    if (before == null) {
      return true;
    }
    if (trades.size() < before.size()) {
      return false;
    }
    for (Open entry : before.open()) {
      if (!trades.get(entry.index()).id().equals(entry.id())) {
        return false;
      }
    }
    return true;
  }

  /** Where the open trades of {@code trades} are, looking at each once. */
  private static Seen scan(List<TradeLifecycle> trades) {
    List<Open> open = new ArrayList<>();
    for (int index = 0; index < trades.size(); index++) {
      if (trades.get(index).status() != TradeStatus.CLOSED) {
        open.add(new Open(index, trades.get(index).id()));
      }
    }
    return new Seen(trades.size(), open);
  }
}
