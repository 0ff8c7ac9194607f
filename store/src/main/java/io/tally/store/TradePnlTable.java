package io.tally.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * SQL for table {@code trade_pnl}: each trade's PnL line by books and event id, derived data saved
 * with the checkpoints. Lookups go by at most {@value #IDS_PER_QUERY} ids per statement, below
 * every database's limit on bound parameters.
 */
final class TradePnlTable {

  private static final int IDS_PER_QUERY = 500;

  /**
   * Lines sent per JDBC batch: a replay's checkpoint saves every trade (429k for 1M events), and
   * one batch of them all held about 400 MB of bound values in the driver.
   */
  static final int LINES_PER_BATCH = 10_000;

  private TradePnlTable() {}

  /** Saves {@code trades}: the books' stored lines deleted first when it says so. */
  static void save(Handle handle, CheckpointTrades trades) {
    if (trades.replaceAll()) {
      handle
          .createUpdate("DELETE FROM trade_pnl WHERE books = ?")
          .bind(0, trades.books())
          .execute();
    }
    List<Map.Entry<String, String>> lines = List.copyOf(trades.lines().entrySet());
    for (int from = 0; from < lines.size(); from += LINES_PER_BATCH) {
      PreparedBatch batch =
          handle.prepareBatch(
              "INSERT INTO trade_pnl (books, event_id, line) VALUES (?, ?, ?)"
                  + " ON CONFLICT (books, event_id) DO UPDATE SET line = excluded.line");
      for (Map.Entry<String, String> line :
          lines.subList(from, Math.min(lines.size(), from + LINES_PER_BATCH))) {
        batch.bind(0, trades.books()).bind(1, line.getKey()).bind(2, line.getValue()).add();
      }
      batch.execute();
    }
  }

  /** The stored lines of {@code books} for those of {@code eventIds} that have one. */
  static Map<String, String> find(Handle handle, String books, List<String> eventIds) {
    Map<String, String> found = new HashMap<>();
    for (int from = 0; from < eventIds.size(); from += IDS_PER_QUERY) {
      List<String> ids =
          new ArrayList<>(eventIds.subList(from, Math.min(eventIds.size(), from + IDS_PER_QUERY)));
      handle
          .createQuery(
              "SELECT event_id, line FROM trade_pnl WHERE books = :books AND event_id IN (<ids>)")
          .bind("books", books)
          .bindList("ids", ids)
          .map((result, context) -> Map.entry(result.getString(1), result.getString(2)))
          .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
    }
    return found;
  }
}
