package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.ledger.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every trade folded so far did to trading PnL, in the order the fold met them: an append-only
 * log that {@link Books} writes and each {@link BookState} reads a prefix of. Taking a state copies
 * only the list of chunks, never the entries, so a fold of a million trades hands out its books in
 * microseconds; a trade is found by its time (binary search) and then its id.
 *
 * <p>Example: {@code books.tradePnls().find(trade)} is {@code
 * Optional[TradePnl[realized=4990.00000000, ...]]} for a trade the books folded. A view is
 * immutable; the log behind it only ever grows past the view's end.
 */
public final class TradePnls {

  private static final int CHUNK = 1024;

  /** One folded trade. */
  private record Entry(EventId id, Instant at, TradePnl pnl) {}

  private final List<Entry[]> chunks;
  private final int size;
  private final boolean timeOrdered;

  private TradePnls(List<Entry[]> chunks, int size, boolean timeOrdered) {
    this.chunks = chunks;
    this.size = size;
    this.timeOrdered = timeOrdered;
  }

  /** How many trades the books had folded. */
  public int size() {
    return size;
  }

  /** What {@code trade} did to trading PnL; empty when these books did not fold it. */
  public Optional<TradePnl> find(Trade trade) {
    return find(trade.id(), trade.at());
  }

  /** What the trade {@code id} at {@code at} did to trading PnL; empty when not folded. */
  public Optional<TradePnl> find(EventId id, Instant at) {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    int from = 0;
    if (timeOrdered) {
      // The first entry at or after `at`; entries of one instant may be in any id order.
      int low = 0;
      int high = size;
      while (low < high) {
        int middle = (low + high) >>> 1;
        if (entry(middle).at().isBefore(at)) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      from = low;
    }
    for (int i = from; i < size; i++) {
      Entry entry = entry(i);
      if (timeOrdered && entry.at().isAfter(at)) {
        break;
      }
      if (entry.id().equals(id) && entry.at().equals(at)) {
        return Optional.of(entry.pnl());
      }
    }
    return Optional.empty();
  }

  /**
   * Calls {@code action} for every trade from the {@code from}-th on (0 for all), in the order
   * folded: its id, time and PnL.
   *
   * <p>Example: {@code pnls.forEach(saved, (id, at, pnl) -> lines.add(...))} hands over only the
   * trades folded since {@code saved} were.
   */
  public void forEach(int from, EntryAction action) {
    if (from < 0 || from > size) {
      throw new IllegalArgumentException("from must be between 0 and " + size + ": " + from);
    }
    for (int i = from; i < size; i++) {
      Entry entry = entry(i);
      action.accept(entry.id(), entry.at(), entry.pnl());
    }
  }

  /** What {@link #forEach} hands each trade to. */
  @FunctionalInterface
  public interface EntryAction {
    void accept(EventId id, Instant at, TradePnl pnl);
  }

  /** Equal when both hold the same trades with the same PnL, in the same order. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof TradePnls that) || that.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!entry(i).equals(that.entry(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = size;
    for (int i = 0; i < size; i++) {
      hash = 31 * hash + entry(i).hashCode();
    }
    return hash;
  }

  @Override
  public String toString() {
    return "TradePnls[size=" + size + "]";
  }

  private Entry entry(int index) {
    return chunks.get(index / CHUNK)[index % CHUNK];
  }

  /**
   * The fold's side: appends trades and hands out views. A trade that comes before the last one in
   * time (the fold is given events in replay order, so only a misuse does this) turns the views'
   * search into a scan rather than a wrong answer. Not thread-safe; views are.
   */
  static final class Log {
    private final List<Entry[]> chunks = new ArrayList<>();
    private int size;
    private boolean timeOrdered = true;
    private Instant last = Instant.MIN;

    void append(EventId id, Instant at, TradePnl pnl) {
      if (size % CHUNK == 0) {
        chunks.add(new Entry[CHUNK]);
      }
      if (at.isBefore(last)) {
        timeOrdered = false;
      }
      last = at;
      chunks.get(size / CHUNK)[size % CHUNK] = new Entry(id, at, requireNonNull(pnl, "pnl"));
      size++;
    }

    /** The trades so far; later appends write past its end, never into it. */
    TradePnls view() {
      return new TradePnls(List.copyOf(chunks), size, timeOrdered);
    }
  }
}
