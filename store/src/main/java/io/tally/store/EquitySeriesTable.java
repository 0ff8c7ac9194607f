package io.tally.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * SQL for table {@code equity_point}: the equity series, derived data that may be pruned. At most
 * one point per time (unique index {@code equity_point_by_time}), so time order is a total order.
 */
final class EquitySeriesTable {

  private EquitySeriesTable() {}

  /** Appends {@code point} unless a point at its time is stored; returns whether it was added. */
  static boolean insert(Handle handle, StoredEquityPoint point) {
    return handle
            .createUpdate(
                "INSERT INTO equity_point (at, equity, cash, flows, bot_pnl)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .bind(0, StoredInstant.toText(point.at()))
            .bind(1, point.equity())
            .bind(2, point.cash())
            .bind(3, point.flows())
            .bind(4, point.botPnl())
            .execute()
        == 1;
  }

  /** Every point at or after {@code since}, oldest first. */
  static List<StoredEquityPoint> since(Handle handle, Instant since) {
    return handle
        .createQuery(
            "SELECT at, equity, cash, flows, bot_pnl FROM equity_point WHERE at >= ? ORDER BY at")
        .bind(0, StoredInstant.toText(since))
        .map(
            (result, context) ->
                new StoredEquityPoint(
                    StoredInstant.fromText(result.getString(1)),
                    result.getString(2),
                    result.getString(3),
                    result.getString(4),
                    result.getString(5)))
        .list();
  }

  /** Deletes the points before {@code olderThan} and returns how many. */
  static int prune(Handle handle, Instant olderThan) {
    return handle
        .createUpdate("DELETE FROM equity_point WHERE at < ?")
        .bind(0, StoredInstant.toText(olderThan))
        .execute();
  }
}
