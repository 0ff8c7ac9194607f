package io.tally.margin;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A {@link MarginAccount}'s trades as {@link MarginBook} saw them at one moment, without copying
 * them: the book's array of trades up to its size then, and the trades open then. A closed trade
 * never changes again and the book only appends, so the array's first {@code size} slots hold what
 * they held, except those of the trades open then, which the book changes in place and this list
 * keeps a copy of. So an account costs its open trades, not its whole history (a paper account
 * publishes one after every commit).
 *
 * <p>Example: {@code TradeList.of(List.of(trade))} is {@code [trade]}; a book's {@code account()}
 * gives one for each call, equal to a copy of its trades then. Immutable; a book's array is written
 * only by its folding thread, and only slots no published list reads.
 */
final class TradeList extends AbstractList<TradeLifecycle> implements RandomAccess {

  private static final TradeList EMPTY = new TradeList(new TradeLifecycle[0], 0, Map.of());

  private final TradeLifecycle[] slots;
  private final int size;
  private final Map<Integer, TradeLifecycle> open;

  private TradeList(TradeLifecycle[] slots, int size, Map<Integer, TradeLifecycle> open) {
    this.slots = slots;
    this.size = size;
    this.open = open;
  }

  /** A list of {@code trades}, copied. */
  static TradeList of(Collection<TradeLifecycle> trades) {
    if (trades instanceof TradeList list) {
      return list;
    }
    TradeLifecycle[] copy = List.copyOf(trades).toArray(new TradeLifecycle[0]);
    return copy.length == 0 ? EMPTY : new TradeList(copy, copy.length, Map.of());
  }

  /**
   * The first {@code size} of {@code slots}, which the caller changes later only at the indices of
   * {@code open} (the trades open now: their values now are kept) and from {@code size} on.
   */
  static TradeList sharing(TradeLifecycle[] slots, int size, Map<Integer, TradeLifecycle> open) {
    return new TradeList(slots, size, Map.copyOf(open));
  }

  @Override
  public TradeLifecycle get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size + " trades");
    }
    TradeLifecycle kept = open.get(index);
    return kept != null ? kept : slots[index];
  }

  @Override
  public int size() {
    return size;
  }

  /** The trades as an array of their own. */
  TradeLifecycle[] toArrayCopy() {
    TradeLifecycle[] copy = Arrays.copyOf(slots, size);
    open.forEach((index, trade) -> copy[index] = trade);
    return copy;
  }
}
