package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.KrakenException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Pages one frozen window of a newest-first history (Ledgers, TradesHistory, ClosedOrders) into an
 * exact set of rows (kraken-api.md §2.2): {@code ofs} starts at 0 and grows by the rows each page
 * returned; rows are merged by id; paging stops at an empty page or once {@code ofs} reaches {@code
 * count}. When the window is seen to change underneath (the count changes, a page ends before the
 * count, or an id shows up at a second offset) the window is paged again from offset 0, at most
 * {@code maxRestarts} times; then paging fails rather than skip or double-count a row.
 *
 * <p>Example: a window of 120 ledger rows takes pages at offsets 0, 50 and 100 (50 + 50 + 20 rows).
 * Not thread-safe; one pager per run.
 *
 * @param <T> the row type
 */
final class HistoryPager<T> {

  private final String method;
  private final Function<T, String> idOf;
  private final int maxRestarts;

  HistoryPager(String method, Function<T, String> idOf, int maxRestarts) {
    this.method = requireNonNull(method, "method");
    this.idOf = requireNonNull(idOf, "idOf");
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("Negative maxRestarts " + maxRestarts);
    }
    this.maxRestarts = maxRestarts;
  }

  /**
   * Every row of the window, newest first.
   *
   * @param pageAt fetches the window's page at an offset
   * @throws KrakenException when the window kept changing through every restart
   */
  List<T> collect(IntFunction<Page<T>> pageAt, ProgressListener progress) {
    int pages = 0;
    String lastReason = "";
    for (int restarts = 0; restarts <= maxRestarts; restarts++) {
      Map<String, T> rows = new LinkedHashMap<>();
      Map<String, Integer> offsets = new HashMap<>();
      OptionalInt firstCount = OptionalInt.empty();
      int offset = 0;
      String problem = "";
      while (problem.isEmpty()) {
        Page<T> page = pageAt.apply(offset);
        pages++;
        OptionalInt count = page.count();
        if (firstCount.isEmpty()) {
          firstCount = count;
        } else if (!count.equals(firstCount)) {
          problem = "count changed from " + text(firstCount) + " to " + text(count);
          report(progress, pages, rows.size(), count, restarts);
          break;
        }
        List<T> returned = page.rows();
        for (int index = 0; index < returned.size() && problem.isEmpty(); index++) {
          T row = returned.get(index);
          String id = idOf.apply(row);
          Integer seenAt = offsets.putIfAbsent(id, offset + index);
          if (seenAt != null && seenAt != offset + index) {
            problem = "row " + id + " moved from offset " + seenAt + " to " + (offset + index);
          }
          rows.put(id, row);
        }
        offset += returned.size();
        report(progress, pages, rows.size(), count, restarts);
        if (!problem.isEmpty()) {
          break;
        }
        boolean expectMore = count.isPresent() && offset < count.getAsInt();
        if (returned.isEmpty()) {
          if (expectMore) {
            problem = "empty page at offset " + offset + " before the count " + text(count);
          } else {
            return new ArrayList<>(rows.values());
          }
        } else if (count.isPresent() && !expectMore) {
          return new ArrayList<>(rows.values());
        } else if (expectMore && returned.size() < Page.SIZE) {
          problem =
              "page at offset "
                  + (offset - returned.size())
                  + " ended after "
                  + returned.size()
                  + " rows, before the count "
                  + text(count);
        }
      }
      lastReason = problem;
    }
    throw KrakenException.unstable(
        method,
        "the history kept changing while it was paged ("
            + maxRestarts
            + " restarts, "
            + pages
            + " pages; last: "
            + lastReason
            + "); no rows were returned, try again later");
  }

  private void report(
      ProgressListener progress, int pages, int rows, OptionalInt count, int restarts) {
    progress.onPage(new PagingProgress(method, pages, rows, count, restarts));
  }

  private static String text(OptionalInt count) {
    return count.isPresent() ? Integer.toString(count.getAsInt()) : "(none)";
  }
}
