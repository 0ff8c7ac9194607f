package io.tally.store;

import io.tally.ledger.InstantText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * SQL for table {@code event_revision}: every revision of every event, appended and never changed.
 * The latest revision of an id is the one with the highest number; an event is visible when its
 * latest revision is not a tombstone. A line that starts with its head, the event's time and id as
 * the engine writes them ({@code 2024-03-01T12:00:00Z R1 trade ...}), is stored without it and
 * marked {@code headless}, since the revision's own columns hold both; a reader puts it back.
 */
final class EventTable {

  private static final String LATEST =
      "r.revision = (SELECT max(x.revision) FROM event_revision AS x WHERE x.event_id = r.event_id)";

  private static final String COLUMNS =
      "r.event_id, r.at, r.line, r.retracted, r.revision, r.headless";

  /** The query of {@link #since}: one parameter, the import id. */
  static final String SINCE =
      "SELECT "
          + COLUMNS
          + " FROM event_revision AS r WHERE r.import_id > ? ORDER BY r.import_id, r.seq";

  private EventTable() {}

  /** The latest revision of each of these ids that has one, by id. */
  static Map<String, EventRevision> latest(
      Connection connection, Dialect dialect, Collection<String> eventIds) throws SQLException {
    Map<String, EventRevision> latest = new HashMap<>();
    if (eventIds.isEmpty() || !anyStored(connection)) {
      return latest;
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM "
                + dialect.idTable("id")
                + " CROSS JOIN event_revision AS r"
                + " WHERE r.event_id = id.value AND "
                + LATEST)) {
      dialect.bindIds(query, 1, eventIds);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          EventRevision revision = revision(result);
          latest.put(revision.record().eventId(), revision);
        }
      }
    }
    return latest;
  }

  /**
   * Whether any revision is stored: a store's first import has none, and then need not bind and
   * look up each of its event ids (57,008 of them took 0.05–0.1 s of a 100,000-row import).
   */
  private static boolean anyStored(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM event_revision)");
        ResultSet result = query.executeQuery()) {
      return result.next() && result.getBoolean(1);
    }
  }

  /** The latest revision of every visible event, ordered by time and then id. */
  static List<EventRecord> visible(Handle handle) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM event_revision AS r WHERE r.retracted = 0 AND "
                + LATEST
                + " ORDER BY r.at, r.event_id")
        .map((result, context) -> record(result))
        .list();
  }

  /**
   * The latest revision of every visible event dated in {@code [from, to)}, ordered by time and
   * then id. The range is a range of index {@code event_revision_by_time}, so the database reads
   * the revisions of those times and, for each, the newest revision of its id: an event moved out
   * of the range by a later revision, or retracted, is left out, and one moved into it is in.
   */
  static List<EventRecord> between(Handle handle, Instant from, Instant to) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM event_revision AS r WHERE r.at >= ? AND r.at < ? AND r.retracted = 0"
                + " AND "
                + LATEST
                + " ORDER BY r.at, r.event_id")
        .bind(0, StoredInstant.toText(from))
        .bind(1, StoredInstant.toText(to))
        .map((result, context) -> record(result))
        .list();
  }

  /**
   * Every revision written by the imports after {@code importId}, tombstones included, in write
   * order. Commits run one at a time and take increasing import ids, so (import id, seq) order is
   * seq order; it is the order of index {@code event_revision_by_import}, so the database need not
   * sort.
   */
  static List<EventRevision> since(Handle handle, long importId) {
    return handle
        .createQuery(SINCE)
        .bind(0, importId)
        .map((result, context) -> revision(result))
        .list();
  }

  /**
   * At most {@code limit} visible events, newest first (time, then id, descending), strictly before
   * {@code before} if given. The row comparison and the order match index {@code
   * event_revision_by_time}, so the database walks it backwards from {@code before} and stops after
   * {@code limit} visible events; it reads no more of the log than the revisions it passes.
   */
  static List<EventRecord> before(
      Handle handle, Optional<EventPosition> before, int limit, long asOfImport) {
    Query query = handle.createQuery(beforeSql(before.isPresent()));
    before.ifPresent(
        position ->
            query.bind("at", StoredInstant.toText(position.at())).bind("id", position.eventId()));
    return query
        .bind("limit", limit)
        .bind("asOf", asOfImport)
        .map((result, context) -> record(result))
        .list();
  }

  /**
   * The query of {@link #before}: parameters {@code :limit} and {@code :asOf} (the newest import
   * whose revisions count), and {@code :at} and {@code :id} if {@code positioned}.
   */
  static String beforeSql(boolean positioned) {
    return "SELECT "
        + COLUMNS
        // "+r.import_id" keeps planners on the time index (paging) rather than the import index.
        + " FROM event_revision AS r WHERE r.retracted = 0 AND +r.import_id <= :asOf AND"
        + " r.revision = (SELECT max(x.revision) FROM event_revision AS x"
        + " WHERE x.event_id = r.event_id AND x.import_id <= :asOf)"
        + (positioned ? " AND (r.at, r.event_id) < (:at, :id)" : "")
        + " ORDER BY r.at DESC, r.event_id DESC LIMIT :limit";
  }

  /**
   * How many events are visible: the ids stored, less those whose latest revision is a tombstone.
   * The ids are counted from index {@code event_revision_by_id} alone, and only tombstones look up
   * their id's latest revision; asking each revision whether it is its id's latest and live took
   * 1.2 s on a store of 570,531 events, this 0.12 s (docs/BENCHMARKS.md §28).
   */
  static long countVisible(Handle handle) {
    return handle
        .createQuery(
            "SELECT (SELECT count(DISTINCT event_id) FROM event_revision)"
                + " - (SELECT count(*) FROM event_revision AS r WHERE r.retracted = 1 AND "
                + LATEST
                + ")")
        .mapTo(Long.class)
        .one();
  }

  /** The latest revision of {@code eventId}, tombstone or not. */
  static Optional<EventRecord> find(Handle handle, String eventId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM event_revision AS r WHERE r.event_id = ? ORDER BY r.revision DESC LIMIT 1")
        .bind(0, eventId)
        .map((result, context) -> record(result))
        .findOne();
  }

  /** Revisions bound per JDBC batch, which bounds the memory the driver holds for bindings. */
  private static final int INSERT_CHUNK = 10_000;

  /**
   * Appends these revisions, in order, as written by import {@code importId}, in JDBC batches of
   * {@value #INSERT_CHUNK} (one batch of 570k revisions held about 100 MB of bindings).
   */
  static void append(Connection connection, List<EventRevision> revisions, long importId)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO event_revision"
                + " (event_id, revision, at, line, retracted, import_id, headless)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (EventRevision revision : revisions) {
        EventRecord record = revision.record();
        insert.setString(1, record.eventId());
        insert.setLong(2, revision.revision());
        insert.setString(3, StoredInstant.toText(record.at()));
        String line = record.line();
        // A tombstone has no line, so no head to leave out.
        String head = record.retracted() ? "" : head(record.eventId(), record.at());
        boolean headless =
            !head.isEmpty() && line.length() > head.length() && line.startsWith(head);
        insert.setString(4, headless ? line.substring(head.length()) : line);
        insert.setInt(5, record.retracted() ? 1 : 0);
        insert.setLong(6, importId);
        insert.setInt(7, headless ? 1 : 0);
        insert.addBatch();
        if (++pending == INSERT_CHUNK) {
          insert.executeBatch();
          pending = 0;
        }
      }
      insert.executeBatch();
    }
  }

  /** What the engine starts an event's line with: its time and its id, each followed by a space. */
  private static String head(String eventId, Instant at) {
    return InstantText.format(at) + " " + eventId + " ";
  }

  private static EventRecord record(ResultSet result) throws SQLException {
    String eventId = result.getString(1);
    Instant at = StoredInstant.fromText(result.getString(2));
    String line = result.getString(3);
    boolean retracted = result.getInt(4) == 1;
    if (result.getInt(6) == 1) {
      line = head(eventId, at) + line;
    }
    return new EventRecord(eventId, at, line, retracted);
  }

  private static EventRevision revision(ResultSet result) throws SQLException {
    return new EventRevision(record(result), result.getLong(5));
  }
}
