package io.tally.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for table {@code portfolio_snapshot}: the engine's portfolio snapshots, derived data that may
 * be pruned. Newest first is by time, then by insertion order ({@code seq}) among equal times: the
 * order of index {@code portfolio_snapshot_by_time}, walked backwards.
 */
final class SnapshotTable {

  private SnapshotTable() {}

  /** Appends {@code snapshot}. */
  static void insert(Handle handle, StoredSnapshot snapshot) {
    handle
        .createUpdate("INSERT INTO portfolio_snapshot (taken_at, body) VALUES (?, ?)")
        .bind(0, StoredInstant.toText(snapshot.takenAt()))
        .bind(1, snapshot.body())
        .execute();
  }

  /** At most {@code limit} snapshots taken at or after {@code since} if given, newest first. */
  static List<StoredSnapshot> newest(Handle handle, Optional<Instant> since, int limit) {
    Query query =
        handle.createQuery(
            "SELECT taken_at, body FROM portfolio_snapshot"
                + (since.isPresent() ? " WHERE taken_at >= :since" : "")
                + " ORDER BY taken_at DESC, seq DESC LIMIT :limit");
    since.ifPresent(at -> query.bind("since", StoredInstant.toText(at)));
    return query
        .bind("limit", limit)
        .map(
            (result, context) ->
                new StoredSnapshot(
                    StoredInstant.fromText(result.getString(1)), result.getString(2)))
        .list();
  }

  /** Deletes the snapshots taken before {@code olderThan} and returns how many. */
  static int prune(Handle handle, Instant olderThan) {
    return handle
        .createUpdate("DELETE FROM portfolio_snapshot WHERE taken_at < ?")
        .bind(0, StoredInstant.toText(olderThan))
        .execute();
  }
}
