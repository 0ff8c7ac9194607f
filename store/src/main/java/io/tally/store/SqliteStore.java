package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import tools.jackson.core.JacksonException;

/**
 * One account's store in a SQLite file: the raw source rows exactly as imported, and the classified
 * events as the caller's text lines, both append-only.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (SqliteStore store = SqliteStore.open(Path.of("tally.db"))) {
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
 * <p><b>Text only.</b> Fields, lines and ids are stored as TEXT in STRICT tables, so amounts such
 * as {@code 12345.123456789012345678} come back character for character; comparisons are
 * case-sensitive. Times are stored as fixed-width UTC text with nine fraction digits, such as
 * {@code 2024-03-01T12:00:00.500000000Z}, so they keep full precision and text order is time order.
 *
 * <p><b>Settings.</b> {@code journal_mode=WAL} lets readers in other processes read while an import
 * writes. {@code synchronous=FULL} syncs the log at every commit, so a commit that returned
 * survives a power loss; in WAL mode {@code NORMAL} would lose the last commits instead, and
 * commits here are few and large, so the extra sync costs little. {@code foreign_keys=ON} checks
 * that every row and revision names its import; a write waits up to {@value #BUSY_TIMEOUT_MILLIS}
 * ms for another process's write lock. The schema is migrated by Flyway from {@code
 * db/migration/sqlite}.
 *
 * <p><b>Threads.</b> The store holds one connection (SQLite has one writer anyway); methods are
 * synchronized, so it can be shared between threads, and calls run one at a time. Each read is one
 * SQL statement, so it sees one committed state.
 */
public final class SqliteStore implements AutoCloseable {

  /** How long a write waits for another connection's lock before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private static final String MIGRATIONS = "classpath:db/migration/sqlite";

  /** SQLite's page cache ceiling, in KiB. */
  private static final int CACHE_KIB = 256 * 1024;

  private static final Pattern PRAGMA_NAME = Pattern.compile("[a-z_]+");

  private final Path file;
  private final Clock clock;
  private final Handle handle;
  private boolean closed;

  private SqliteStore(Path file, Clock clock, Handle handle) {
    this.file = file;
    this.clock = clock;
    this.handle = handle;
  }

  /**
   * Opens the store in {@code dbFile}, creating the file and its directories if missing and
   * migrating the schema to the newest version. Import log times come from the UTC system clock.
   *
   * @throws StoreException if the file cannot be created, is not a SQLite database, or cannot be
   *     migrated
   */
  public static SqliteStore open(Path dbFile) {
    return open(dbFile, Clock.systemUTC());
  }

  /** Opens the store like {@link #open(Path)}, taking import log times from {@code clock}. */
  public static SqliteStore open(Path dbFile, Clock clock) {
    Path file = requireNonNull(dbFile, "dbFile").toAbsolutePath().normalize();
    requireNonNull(clock, "clock");
    try {
      Path directory = file.getParent();
      if (directory != null) {
        Files.createDirectories(directory);
      }
    } catch (IOException e) {
      throw new StoreException("Could not create the directory of " + file + ": " + e, e);
    }
    SQLiteDataSource dataSource = dataSource(file);
    try {
      Flyway.configure(SqliteStore.class.getClassLoader())
          .dataSource(dataSource)
          .locations(MIGRATIONS)
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StoreException("Could not migrate the schema of " + file + ": " + e, e);
    }
    Handle handle;
    try {
      handle = Jdbi.create(dataSource).open();
    } catch (JdbiException e) {
      throw new StoreException("Could not open " + file + ": " + e, e);
    }
    SqliteStore store = new SqliteStore(file, clock, handle);
    try {
      String journalMode = store.pragma("journal_mode");
      if (!"wal".equalsIgnoreCase(journalMode)) {
        throw new StoreException(
            "Could not switch " + file + " to journal_mode=WAL; it is " + journalMode);
      }
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    // A large import inserts index keys in random order; SQLite's default 2 MB page cache makes it
    // re-read pages constantly (a 1M-row import: 11.9 s of inserts at 2 MB, 7.8 s at 256 MB). The
    // cache is a ceiling, not an allocation: small stores never use it.
    config.setCacheSize(-CACHE_KIB);
    // A commit reads what is stored, then writes: take the write lock when it begins, so no other
    // writer can slip in between.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }

  /**
   * Writes a batch in one transaction: its new rows, the event records that change something, and
   * an import log entry (also when nothing was new). Either all of it is written or, if this
   * throws, none of it.
   *
   * <p>A row whose (source, row id) is stored, or came earlier in the batch, is skipped: stored
   * rows are never updated. An event record is appended as the next revision of its id unless it
   * equals the latest revision (both tombstones, or both live with the same time and line), or is a
   * tombstone for an event that was never stored. Records of one id apply in batch order.
   *
   * @return how many rows were added and skipped, and what became of the event records
   * @throws StoreException if the database fails; nothing of the batch is then stored
   */
  public synchronized CommitResult commit(ImportBatch batch) {
    requireNonNull(batch, "batch");
    return run(
        () ->
            handle.inTransaction(
                transaction -> {
                  Map<String, Set<String>> stored = BatchPlan.rowIdsBySource(batch);
                  stored.replaceAll((source, ids) -> RowTable.known(transaction, source, ids));
                  BatchPlan plan =
                      BatchPlan.of(
                          batch, stored, EventTable.latest(transaction, BatchPlan.eventIds(batch)));
                  long importId =
                      ImportLog.append(
                          transaction, clock.instant(), batch.description(), plan.result());
                  RowTable.insert(transaction, plan.rows(), importId);
                  EventTable.append(transaction, plan.revisions(), importId);
                  MarkTable.insertPrices(transaction, batch.prices(), importId);
                  MarkTable.insertMarks(transaction, batch.marks(), importId);
                  return plan.result();
                }),
        () ->
            "commit import '"
                + batch.description()
                + "' ("
                + batch.rows().size()
                + " rows, "
                + batch.events().size()
                + " events) to");
  }

  /**
   * Which of {@code rowIds} of {@code source} are stored. The ids go to SQLite as one JSON array in
   * one query, so SQLite's limit on bound variables does not apply and an importer can ask about a
   * whole export at once (a million ids take about a second).
   */
  public synchronized Set<String> knownRowIds(String source, Collection<String> rowIds) {
    requireNonNull(source, "source");
    Set<String> ids = distinct(rowIds, "rowIds");
    return run(() -> RowTable.known(handle, source, ids), () -> "look up row ids in");
  }

  /**
   * Every stored row of {@code source} whose group is one of {@code groupIds}, in insertion order:
   * what a group's classification is rerun from when it gains rows.
   */
  public synchronized List<SourceRow> rowsInGroups(String source, Collection<String> groupIds) {
    requireNonNull(source, "source");
    Set<String> ids = distinct(groupIds, "groupIds");
    return run(() -> RowTable.inGroups(handle, source, ids), () -> "read groups from");
  }

  /** Every stored row of {@code source}, in insertion order. */
  public synchronized List<SourceRow> rows(String source) {
    requireNonNull(source, "source");
    return run(() -> RowTable.all(handle, source), () -> "read rows of " + source + " from");
  }

  /**
   * The visible events: the latest revision of every event id unless it is a tombstone, ordered by
   * time and then id.
   */
  public synchronized List<EventRecord> events() {
    return run(() -> EventTable.visible(handle), () -> "read events from");
  }

  /**
   * The latest revision of event {@code eventId}, or empty if it was never stored. A retracted
   * event is returned as its tombstone ({@link EventRecord#retracted()} is true), so callers can
   * tell a retracted event from an unknown one; {@link #events()} leaves it out.
   */
  public synchronized Optional<EventRecord> findEvent(String eventId) {
    requireNonNull(eventId, "eventId");
    return run(() -> EventTable.find(handle, eventId), () -> "find event " + eventId + " in");
  }

  /** How many rows are stored, of all sources. */
  public synchronized long rowCount() {
    return run(() -> RowTable.count(handle), () -> "count rows in");
  }

  /** How many events are visible: the size of {@link #events()}. */
  public synchronized long eventCount() {
    return run(() -> EventTable.countVisible(handle), () -> "count events in");
  }

  /** The import log, oldest entry first: one entry per commit. */
  public synchronized List<ImportLogEntry> imports() {
    return run(() -> ImportLog.all(handle), () -> "read the import log of");
  }

  /** Closes the connection; closing again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      handle.close();
    } catch (JdbiException e) {
      throw new StoreException("Could not close " + file + ": " + e, e);
    }
  }

  /** Every price a sync stored, oldest first. */
  public synchronized List<StoredPrice> prices() {
    return run(() -> MarkTable.prices(handle), () -> "read prices of");
  }

  /** The latest value of every sync mark, such as the newest ledger time synced. */
  public synchronized Map<String, String> marks() {
    return run(() -> MarkTable.marks(handle), () -> "read sync marks of");
  }

  /** The value of a SQLite pragma on the store's connection, such as {@code journal_mode}. */
  synchronized String pragma(String name) {
    if (!PRAGMA_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a pragma name: '" + name + "'");
    }
    return run(
        () -> handle.createQuery("PRAGMA " + name).mapTo(String.class).one(),
        () -> "read pragma " + name + " of");
  }

  @Override
  public String toString() {
    return "SqliteStore[" + file + "]";
  }

  /**
   * Runs {@code work} on the open connection, wrapping what the database, Jdbi or a stored text
   * throws into a {@link StoreException} that says "Could not {@code doing} file".
   */
  private <T> T run(Work<T> work, Supplier<String> doing) {
    if (closed) {
      throw new IllegalStateException("The store of " + file + " is closed");
    }
    try {
      return work.run();
    } catch (SQLException | JdbiException | JacksonException | DateTimeException e) {
      throw new StoreException("Could not " + doing.get() + " " + file + ": " + e, e);
    }
  }

  /** Database work, which may throw what {@link #run} wraps. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  private static Set<String> distinct(Collection<String> ids, String name) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String id : requireNonNull(ids, name)) {
      distinct.add(requireNonNull(id, () -> name + " must not contain null"));
    }
    return distinct;
  }
}
