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
 * <p><b>What came after an import.</b> Each revision and price is written by one import, so what
 * came after import N is well defined: {@link #revisionsSince} and {@link #pricesSince}. To bring
 * state derived from the imports up to N up to date, read {@link #lastImportId()} first, then fold
 * what came after N; the state is then up to the id read first. Another process may commit in
 * between, so the fold may see revisions and prices of newer imports, and the next fold sees them
 * again; revisions are identified by (event id, revision) and prices by (asset, time, source), so
 * folding one twice can be made harmless. Reading the id after the fold instead could name an
 * import the fold did not see.
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

  /**
   * The id of the newest import log entry, or 0 if nothing was ever committed: what a reader that
   * has seen everything stored so far reads {@link #revisionsSince} and {@link #pricesSince} from
   * next time.
   *
   * <p>Example: after three commits on a fresh SQLite store, {@code lastImportId()} is 3.
   */
  long lastImportId();

  /**
   * Every event revision written by the imports after {@code importId}, tombstones included, in the
   * order they were written: what to fold into state derived from the imports up to {@code
   * importId} to bring it up to date. {@code revisionsSince(0)} is every revision ever stored.
   *
   * <p>Example: if import 1 stored {@code EventRecord.of("E1", at, "A")} and {@code
   * EventRecord.of("E2", at, "B")}, and import 2 then committed {@code EventRecord.of("E1", at,
   * "C")} and {@code EventRecord.retracted("E2", at)}, {@code revisionsSince(1)} is {@code [new
   * EventRevision(EventRecord.of("E1", at, "C"), 2), new EventRevision(EventRecord.retracted("E2",
   * at), 2)]}.
   *
   * @param importId an import id, or 0; import ids need not be consecutive (on PostgreSQL a failed
   *     commit leaves a gap)
   * @throws IllegalArgumentException if {@code importId} is negative
   */
  List<EventRevision> revisionsSince(long importId);

  /**
   * Every price written by the imports after {@code importId}, in the order they were written
   * (unlike {@link #prices()}, which orders by time). A price already stored when an import offered
   * it again was not written by that import.
   *
   * <p>Example: {@code store.pricesSince(importId)} are the prices that state derived from the
   * imports up to {@code importId} has not seen.
   *
   * @throws IllegalArgumentException if {@code importId} is negative
   */
  List<StoredPrice> pricesSince(long importId);

  /**
   * At most {@code limit} visible events, newest first: by time descending, then by id descending;
   * strictly before {@code before} in that order when it is given. Paging with the position of each
   * page's last event returns every visible event exactly once, also across events of equal time.
   * The database reads an index from {@code before} backwards, so a page costs about {@code limit}
   * events whatever the size of the log.
   *
   * <p>Example:
   *
   * <pre>{@code
   * List<EventRecord> page = store.eventsBefore(Optional.empty(), 50); // the newest 50
   * List<EventRecord> older =
   *     store.eventsBefore(Optional.of(EventPosition.of(page.get(page.size() - 1))), 50);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  List<EventRecord> eventsBefore(Optional<EventPosition> before, int limit);

  /** Releases the store's connections; closing again does nothing. */
  @Override
  void close();
}
