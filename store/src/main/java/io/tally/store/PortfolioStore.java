package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One account's store: the raw source rows exactly as imported, and the classified events as the
 * caller's text lines, both append-only. Two implementations keep the same contract: {@link
 * SqliteStore} in a file (the default) and {@link PostgresStore} on a PostgreSQL server.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (PortfolioStore store = PortfolioStore.open("tally.db", System.getenv())) {
 *   CommitResult result = store.commit(new ImportBatch(rows, events, "ledgers-2024.csv"));
 *   List<EventRecord> events = store.events();
 * }
 * }</pre>
 *
 * <p><b>Rows</b> are identified by (source, row id); committing a row that is already stored skips
 * it and never updates it. <b>Events</b> are versioned by id: a record that differs from the latest
 * revision of its id is appended as a new revision, readers see only the latest revision, and a
 * tombstone ({@link EventRecord#retracted}) as the latest revision hides the event. Every commit is
 * one transaction and adds one entry to the import log.
 *
 * <p><b>Text only.</b> Fields, lines and ids are stored as text, so amounts such as {@code
 * 12345.123456789012345678} come back character for character; comparisons and ordering are by code
 * point and case-sensitive. Times are stored as fixed-width UTC text with nine fraction digits,
 * such as {@code 2024-03-01T12:00:00.500000000Z}, so they keep full precision and text order is
 * time order. Stored history is append-only: the database itself rejects updates and deletes.
 *
 * <p><b>Failures.</b> Every database failure is a {@link StoreException} naming the database (a URL
 * never with its password) and what was being done. Using a closed store is an {@link
 * IllegalStateException}.
 *
 * <p><b>Threads.</b> Implementations are thread-safe. Each read is one SQL statement, so it sees
 * one committed state; commits run one at a time, also across processes.
 */
public interface PortfolioStore extends AutoCloseable {

  /** The start of a location that names a PostgreSQL database: {@value}. */
  String POSTGRESQL_PREFIX = "jdbc:postgresql:";

  /**
   * Opens the store at {@code location} like {@link #open(String, Map)}, with database credentials
   * from the process's environment.
   */
  static PortfolioStore open(String location) {
    return open(location, System.getenv());
  }

  /**
   * Opens the store at {@code location}, migrating its schema to the newest version:
   *
   * <ul>
   *   <li>{@code jdbc:postgresql://host[:port]/database[?user=...&password=...]} opens a {@link
   *       PostgresStore}. A user or password missing from the URL is taken from {@code env}:
   *       {@value PostgresStore#USER_VARIABLE} and {@value PostgresStore#PASSWORD_VARIABLE}.
   *   <li>any other {@code jdbc:} URL is rejected: only SQLite files and PostgreSQL are supported.
   *   <li>anything else is the path of a SQLite file, opened as a {@link SqliteStore} (created with
   *       its directories if missing).
   * </ul>
   *
   * @param env the environment to read database credentials from, such as {@link System#getenv()}
   * @throws IllegalArgumentException if {@code location} is blank or an unsupported URL
   * @throws StoreException if the database cannot be reached, opened or migrated
   */
  static PortfolioStore open(String location, Map<String, String> env) {
    requireNonNull(location, "location");
    requireNonNull(env, "env");
    if (location.isBlank()) {
      throw new IllegalArgumentException("The database location must not be blank");
    }
    if (location.startsWith(POSTGRESQL_PREFIX)) {
      return PostgresStore.open(location, env);
    }
    if (location.startsWith("jdbc:")) {
      throw new IllegalArgumentException(
          "Unsupported database URL '"
              + describe(location)
              + "': use a SQLite file path or a "
              + POSTGRESQL_PREFIX
              + "//host/database URL");
    }
    return SqliteStore.open(Path.of(location));
  }

  /**
   * {@code location} as messages and progress lines may show it: a file path as given, a URL
   * without its password.
   */
  static String describe(String location) {
    requireNonNull(location, "location");
    return location.startsWith("jdbc:") ? PostgresLocation.redact(location) : location;
  }

  /**
   * Writes a batch in one transaction: its new rows, the event records that change something, its
   * prices and marks, and an import log entry (also when nothing was new). Either all of it is
   * written or, if this throws, none of it.
   *
   * <p>A row whose (source, row id) is stored, or came earlier in the batch, is skipped: stored
   * rows are never updated. An event record is appended as the next revision of its id unless it
   * equals the latest revision (both tombstones, or both live with the same time and line), or is a
   * tombstone for an event that was never stored. Records of one id apply in batch order. A price
   * whose (asset, time, source) is stored is skipped; a mark is appended when its value differs
   * from the latest one.
   *
   * @return how many rows were added and skipped, and what became of the event records
   * @throws StoreException if the database fails; nothing of the batch is then stored
   */
  CommitResult commit(ImportBatch batch);

  /**
   * Which of {@code rowIds} of {@code source} are stored. The ids go to the database in one query
   * whatever their number, so an importer can ask about a whole export at once (a million ids take
   * about a second on SQLite).
   */
  Set<String> knownRowIds(String source, Collection<String> rowIds);

  /**
   * Every stored row of {@code source} whose group is one of {@code groupIds}, in insertion order:
   * what a group's classification is rerun from when it gains rows.
   */
  List<SourceRow> rowsInGroups(String source, Collection<String> groupIds);

  /** Every stored row of {@code source}, in insertion order. */
  List<SourceRow> rows(String source);

  /**
   * The visible events: the latest revision of every event id unless it is a tombstone, ordered by
   * time and then id.
   */
  List<EventRecord> events();

  /**
   * The latest revision of event {@code eventId}, or empty if it was never stored. A retracted
   * event is returned as its tombstone ({@link EventRecord#retracted()} is true), so callers can
   * tell a retracted event from an unknown one; {@link #events()} leaves it out.
   */
  Optional<EventRecord> findEvent(String eventId);

  /** How many rows are stored, of all sources. */
  long rowCount();

  /** How many events are visible: the size of {@link #events()}. */
  long eventCount();

  /** The import log, oldest entry first: one entry per commit. */
  List<ImportLogEntry> imports();

  /** Every price a sync stored, oldest first. */
  List<StoredPrice> prices();

  /** The latest value of every sync mark, such as the newest ledger time synced. */
  Map<String, String> marks();

  /** Releases the store's connections; closing again does nothing. */
  @Override
  void close();
}
