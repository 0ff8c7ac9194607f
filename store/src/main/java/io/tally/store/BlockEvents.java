package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Schema 15, a Java migration: moves the revisions of table {@code event_revision} (one row per
 * revision, schemas 1 to 13) into the blocks of schema 14 ({@link EventTable#append}), keeping
 * their order and import, then drops {@code event_revision}. It is Java, not SQL, so that old
 * revisions are written by the same code as new ones on both databases. Revisions move in chunks of
 * {@value #CHUNK}, in {@code seq} order, so memory stays small for any number of them; each
 * import's revisions start a block of their own. Whether an event was visible before a revision
 * comes from its id's revision before it, so each block's {@code visible_change} is what a commit
 * would have written.
 *
 * <p>Example: {@code Flyway.configure().javaMigrations(new BlockEvents())}. A failure names the
 * revision and fails the whole migration, which the store runs in one transaction with schema 14,
 * so the store stays at schema 13. Stateless.
 */
final class BlockEvents extends RowMigration {

  /** Revisions moved per batch. */
  static final int CHUNK = 10_000;

  BlockEvents() {
    super("15", "event blocks");
  }

  @Override
  void migrate(Connection connection) throws SQLException {
    long after = Long.MIN_VALUE;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT r.seq, r.event_id, r.revision, r.at, r.line, r.retracted, r.headless,"
                + " r.import_id, (SELECT p.retracted FROM event_revision AS p"
                + " WHERE p.event_id = r.event_id AND p.revision < r.revision"
                + " ORDER BY p.revision DESC LIMIT 1)"
                + " FROM event_revision AS r WHERE r.seq > ? ORDER BY r.seq LIMIT "
                + CHUNK)) {
      while (true) {
        select.setLong(1, after);
        List<EventRevision> run = new ArrayList<>();
        Map<String, Boolean> visibleBefore = new HashMap<>();
        long runImport = -1;
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            after = result.getLong(1);
            long importId = result.getLong(8);
            if (importId != runImport) {
              append(connection, run, runImport, visibleBefore);
              run = new ArrayList<>();
              visibleBefore = new HashMap<>();
              runImport = importId;
            }
            EventRevision revision = oldRevision(result);
            // NULL: no revision before this one. 0: the one before was live.
            int retractedBefore = result.getInt(9);
            visibleBefore.putIfAbsent(
                revision.record().eventId(), !result.wasNull() && retractedBefore == 0);
            run.add(revision);
          }
        }
        if (run.isEmpty()) {
          break;
        }
        append(connection, run, runImport, visibleBefore);
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE event_revision");
    }
  }

  private static void append(
      Connection connection,
      List<EventRevision> run,
      long importId,
      Map<String, Boolean> visibleBefore)
      throws SQLException {
    EventTable.append(connection, run, importId, id -> visibleBefore.getOrDefault(id, false));
  }

  /** The revision of {@code event_revision} at the result's cursor. */
  private static EventRevision oldRevision(ResultSet result) throws SQLException {
    long seq = result.getLong(1);
    String eventId = result.getString(2);
    try {
      Instant at = StoredInstant.fromText(result.getString(4));
      String line = result.getString(5);
      boolean retracted = result.getInt(6) == 1;
      if (result.getInt(7) == 1) {
        line = EventBlock.head(eventId, at) + line;
      }
      EventRecord record =
          retracted ? EventRecord.retracted(eventId, at) : EventRecord.of(eventId, at, line);
      return new EventRevision(record, result.getLong(3));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw cannotMove("event", eventId, seq, "event_revision", "a block", e);
    }
  }
}
