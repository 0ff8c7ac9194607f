package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * SQL for table {@code dated_books}: the books as they stood at moments, derived data that a commit
 * deletes when it writes something dated before them.
 */
final class DatedBooksTable {

  private DatedBooksTable() {}

  /** Saves {@code states}, each replacing a stored state of the same books and moment. */
  static void save(Handle handle, List<DatedBooks> states) {
    if (states.isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO dated_books (books, before_at, import_id, state) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (books, before_at) DO UPDATE"
                + " SET import_id = excluded.import_id, state = excluded.state");
    for (DatedBooks state : states) {
      batch
          .bind(0, state.books())
          .bind(1, StoredInstant.toText(state.before()))
          .bind(2, state.importId())
          .bind(3, state.state())
          .add();
    }
    batch.execute();
  }

  /** The state of {@code books} with the latest moment at or before {@code atOrBefore}, if any. */
  static Optional<DatedBooks> latest(Handle handle, String books, Instant atOrBefore) {
    return handle
        .createQuery(
            "SELECT books, before_at, import_id, state FROM dated_books"
                + " WHERE books = ? AND before_at <= ? ORDER BY before_at DESC LIMIT 1")
        .bind(0, books)
        .bind(1, StoredInstant.toText(atOrBefore))
        .map(
            (result, context) ->
                new DatedBooks(
                    result.getString(1),
                    StoredInstant.fromText(result.getString(2)),
                    result.getLong(3),
                    result.getString(4)))
        .findOne();
  }

  /**
   * Deletes the states of every books whose moment is after {@code changed}: they hold an event or
   * price dated at or after it, and whatever changed there. Returns how many.
   */
  static int deleteAfter(Connection connection, Instant changed) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM dated_books WHERE before_at > ?")) {
      delete.setString(1, StoredInstant.toText(changed));
      return delete.executeUpdate();
    }
  }
}
