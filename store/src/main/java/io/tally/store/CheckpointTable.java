package io.tally.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for table {@code checkpoint}: the engine's saved states, derived data that may be deleted.
 * Only the newest {@value #KEPT} are kept, newest by insertion order ({@code seq}).
 */
final class CheckpointTable {

  /** How many checkpoints {@link #insert} leaves: the new one and the one before it. */
  static final int KEPT = 2;

  private CheckpointTable() {}

  /** Appends {@code checkpoint} and deletes all but the newest {@value #KEPT} checkpoints. */
  static void insert(Handle handle, Checkpoint checkpoint) {
    handle
        .createUpdate("INSERT INTO checkpoint (import_id, taken_at, state) VALUES (?, ?, ?)")
        .bind(0, checkpoint.importId())
        .bind(1, StoredInstant.toText(checkpoint.takenAt()))
        .bind(2, checkpoint.state())
        .execute();
    handle
        .createUpdate(
            "DELETE FROM checkpoint WHERE seq NOT IN"
                + " (SELECT seq FROM checkpoint ORDER BY seq DESC LIMIT ?)")
        .bind(0, KEPT)
        .execute();
  }

  /** The newest checkpoint by insertion order, if any. */
  static Optional<Checkpoint> latest(Connection connection) throws SQLException {
    try (Statement select = connection.createStatement();
        ResultSet result =
            select.executeQuery(
                "SELECT import_id, taken_at, state FROM checkpoint ORDER BY seq DESC LIMIT 1")) {
      return result.next()
          ? Optional.of(
              new Checkpoint(
                  result.getLong(1),
                  StoredInstant.fromText(result.getString(2)),
                  result.getString(3)))
          : Optional.empty();
    }
  }
}
