package io.tally.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Kraken's paging of Ledgers, TradesHistory and ClosedOrders (kraken-api.md §2.2): the rows that
 * match, newest first, 50 from offset {@code ofs}, with the total {@code count}. {@code start} is
 * exclusive and {@code end} inclusive; each is unix seconds or an id of the kind paged, and an id
 * stands for its row's place in the history (rows sharing a time keep their booking order).
 *
 * <p>Example: {@code Pages.page(ledger, LedgerEntry::id, LedgerEntry::time, filter, params, 50)}.
 * Stateless.
 */
final class Pages {

  /** Rows per page. */
  static final int SIZE = 50;

  private Pages() {}

  /** One page of rows and the number of rows that matched. */
  record Page<T>(List<T> rows, int count) {}

  /**
   * The page of {@code oldestFirst} rows for {@code params} ({@code start}, {@code end}, {@code
   * ofs}), at most {@code limit} rows.
   */
  static <T> Page<T> page(
      List<T> oldestFirst,
      Function<T, String> id,
      Function<T, Instant> time,
      Predicate<T> filter,
      Params params,
      int limit) {
    Bound start = bound(params.get("start"), oldestFirst, id);
    Bound end = bound(params.get("end"), oldestFirst, id);
    List<T> matching = new ArrayList<>();
    for (int index = oldestFirst.size() - 1; index >= 0; index--) {
      T row = oldestFirst.get(index);
      BigDecimal seconds = WireFormat.seconds(time.apply(row));
      if (start.after(index, seconds) && end.atOrBefore(index, seconds) && filter.test(row)) {
        matching.add(row);
      }
    }
    return slice(matching, params.offset(), limit);
  }

  /**
   * The page at {@code offset} of {@code newestFirst} matching rows, at most {@code limit} rows.
   */
  static <T> Page<T> slice(List<T> newestFirst, int offset, int limit) {
    List<T> rows =
        offset >= newestFirst.size()
            ? List.of()
            : newestFirst.subList(
                offset, Math.min(newestFirst.size(), offset + Math.min(limit, SIZE)));
    return new Page<>(List.copyOf(rows), newestFirst.size());
  }

  /** A {@code start} or {@code end} bound: unix seconds, a row position, or none. */
  private record Bound(Optional<BigDecimal> seconds, Optional<Integer> position) {

    static final Bound NONE = new Bound(Optional.empty(), Optional.empty());

    boolean after(int index, BigDecimal time) {
      return seconds.map(s -> time.compareTo(s) > 0).orElse(true)
          && position.map(p -> index > p).orElse(true);
    }

    boolean atOrBefore(int index, BigDecimal time) {
      return seconds.map(s -> time.compareTo(s) <= 0).orElse(true)
          && position.map(p -> index <= p).orElse(true);
    }
  }

  private static <T> Bound bound(
      Optional<String> value, List<T> oldestFirst, Function<T, String> id) {
    if (value.isEmpty() || value.get().isEmpty()) {
      return Bound.NONE;
    }
    String text = value.get();
    if (Params.isTime(text)) {
      return new Bound(Optional.of(new BigDecimal(text)), Optional.empty());
    }
    for (int index = 0; index < oldestFirst.size(); index++) {
      if (id.apply(oldestFirst.get(index)).equals(text)) {
        return new Bound(Optional.empty(), Optional.of(index));
      }
    }
    throw ApiException.invalidArguments("unknown id as bound: '" + text + "'");
  }
}
