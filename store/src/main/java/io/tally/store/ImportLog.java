package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for table {@code import_log}: one entry per commit, appended and never changed. */
final class ImportLog {

  private ImportLog() {}

  /** Appends an entry and returns its id. */
  static long append(Connection connection, Instant at, String description, CommitResult result)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO import_log (imported_at, description, rows_added, rows_skipped,"
                + " events_added, events_revised, events_retracted, events_unchanged)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING import_id")) {
      insert.setString(1, StoredInstant.toText(at));
      insert.setString(2, description);
      insert.setLong(3, result.rowsAdded());
      insert.setLong(4, result.rowsSkipped());
      insert.setLong(5, result.eventsAdded());
      insert.setLong(6, result.eventsRevised());
      insert.setLong(7, result.eventsRetracted());
      insert.setLong(8, result.eventsUnchanged());
      try (ResultSet id = insert.executeQuery()) {
        if (!id.next()) {
          throw new SQLException("INSERT INTO import_log returned no import_id");
        }
        return id.getLong(1);
      }
    }
  }

  /** The id of the newest entry, or 0 if there is none. */
  static long lastId(Connection connection) throws SQLException {
    try (Statement select = connection.createStatement();
        ResultSet result =
            select.executeQuery("SELECT coalesce(max(import_id), 0) FROM import_log")) {
      result.next();
      return result.getLong(1);
    }
  }

  /** Every entry, oldest first. */
  static List<ImportLogEntry> all(Handle handle) {
    return handle
        .createQuery(
            "SELECT import_id, imported_at, description, rows_added, rows_skipped, events_added,"
                + " events_revised, events_retracted, events_unchanged"
                + " FROM import_log ORDER BY import_id")
        .map(ImportLog::entry)
        .list();
  }

  private static ImportLogEntry entry(ResultSet result, StatementContext context)
      throws SQLException {
    return new ImportLogEntry(
        result.getLong(1),
        StoredInstant.fromText(result.getString(2)),
        result.getString(3),
        new CommitResult(
            result.getInt(4),
            result.getInt(5),
            result.getInt(6),
            result.getInt(7),
            result.getInt(8),
            result.getInt(9)));
  }
}
