package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A {@link PortfolioStore} in a SQLite file, the default: one account's raw rows and events,
 * append-only, in a file the user can copy.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (PortfolioStore store = SqliteStore.open(Path.of("tally.db"))) {
 *   CommitResult result = store.commit(new ImportBatch(rows, events, "ledgers-2024.csv"));
 *   List<EventRecord> events = store.events();
 * }
 * }</pre>
 *
 * <p><b>Text only.</b> Fields, lines and ids are stored as TEXT in STRICT tables, so SQLite never
 * turns an amount into a floating-point number; text compares with SQLite's BINARY collation.
 *
 * <p><b>Settings.</b> {@code journal_mode=WAL} lets readers in other processes read while an import
 * writes. {@code synchronous=FULL} syncs the log at every commit, so a commit that returned
 * survives a power loss; in WAL mode {@code NORMAL} would lose the last commits instead, and
 * commits here are few and large, so the extra sync costs little. A paper account's store is the
 * one exception ({@link Durability#PROCESS_CRASH}, asked for by {@code tally paper} only): it
 * commits after every order, its money is simulated, and {@code synchronous=NORMAL} takes the sync
 * (about 2.8 ms here) out of each commit; its commits survive the process crashing, and a power
 * loss may lose the last ones (docs/BENCHMARKS.md §18). Its log is copied into the database file by
 * a {@link WalCheckpointer} on a connection of its own, so that no commit waits for that either
 * (§22). A new store's first import runs in a file that has no name yet ({@link
 * Durability#UNTIL_NAMED}, {@link NewStoreFile}), without a log or syncs, and is switched to WAL
 * and synced whole before it takes its name. {@code foreign_keys=ON} checks that every row and
 * revision names its import; a write waits up to {@value #BUSY_TIMEOUT_MILLIS} ms for another
 * process's write lock, which a commit takes when it begins. The schema is migrated by Flyway from
 * {@code db/migration/sqlite}; a new file gets the newest schema, and Flyway's history of it, from
 * one script ({@link NewSchema}).
 *
 * <p><b>Threads.</b> The store holds one connection (SQLite has one writer anyway); calls are
 * synchronized on it, so it can be shared between threads, and calls run one at a time. Each read
 * is one SQL statement, or several in one deferred transaction, so it sees one committed state. A
 * paper account's store also holds its checkpoint thread and connection, closed with it.
 */
public final class SqliteStore extends SqlStore {

  /** How long a write waits for another connection's lock before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /** SQLite's page cache ceiling, in KiB. */
  private static final int CACHE_KIB = 256 * 1024;

  /** The least page cache a new store's import is given, in KiB. */
  private static final int IMPORT_CACHE_MIN_KIB = 8 * 1024;

  /** The page cache a new store's import is given per row and event record it writes, in bytes. */
  private static final int IMPORT_CACHE_BYTES_PER_RECORD = 64;

  private static final Pattern PRAGMA_NAME = Pattern.compile("[a-z_]+(=[A-Za-z]+)?");

  private final Path file;
  private final Connection connection;
  private final Durability durability;

  /**
   * Jdbi over {@link #connection}, opened by the first call that needs it (see {@link #handle()}).
   */
  private Optional<Handle> handle = Optional.empty();

  /** Set once, by {@link #open(Path, Clock, Durability)}, for a paper account's store. */
  private Optional<WalCheckpointer> checkpoints = Optional.empty();

  private boolean closed;

  private SqliteStore(Path file, Clock clock, Connection connection, Durability durability) {
    super(file.toString(), Dialect.SQLITE, clock);
    this.file = file;
    this.connection = connection;
    this.durability = durability;
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
    return open(dbFile, clock, Durability.POWER_LOSS);
  }

  /**
   * Opens the store like {@link #open(Path, Clock)}, its commits as durable as {@code durability}
   * says: {@link Durability#POWER_LOSS} for every account but a paper one, and {@link
   * Durability#UNTIL_NAMED} only to create a new file that nobody else opens yet.
   *
   * @throws IllegalArgumentException if {@code durability} is {@link Durability#UNTIL_NAMED} and
   *     the file exists: a store that may have readers is never written without its log
   */
  public static SqliteStore open(Path dbFile, Clock clock, Durability durability) {
    Path file = requireNonNull(dbFile, "dbFile").toAbsolutePath().normalize();
    requireNonNull(clock, "clock");
    requireNonNull(durability, "durability");
    if (durability == Durability.UNTIL_NAMED && Files.exists(file)) {
      throw new IllegalArgumentException(
          file + " exists: only a new file, which nobody else opens yet, is opened " + durability);
    }
    try {
      Path directory = file.getParent();
      if (directory != null) {
        Files.createDirectories(directory);
      }
    } catch (IOException e) {
      throw new StoreException("Could not create the directory of " + file + ": " + e, e);
    }
    SQLiteDataSource dataSource = dataSource(file, durability);
    // A store at the newest schema opens without Flyway, whose scan of the migrations and their
    // checksums is most of a short command's start; a new file gets that schema in one step.
    if (!SchemaVersion.isCurrent(dataSource)) {
      if (isNewFile(dataSource)) {
        NewSchema.create(dataSource, file);
      } else {
        MigrateResult migrated = migrate(dataSource, file);
        if (movedRows(migrated)) {
          reclaimSpace(dataSource, file);
        }
      }
    }
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException("Could not open " + file + ": " + e, e);
    }
    SqliteStore store = new SqliteStore(file, clock, connection, durability);
    try {
      String journalMode = store.pragma("journal_mode");
      if (!durability.journalMode().equalsIgnoreCase(journalMode)) {
        throw new StoreException(
            "Could not switch "
                + file
                + " to journal_mode="
                + durability.journalMode()
                + "; it is "
                + journalMode);
      }
      String synchronous = store.pragma("synchronous");
      if (!durability.synchronous().equals(synchronous)) {
        throw new StoreException(
            "Could not set synchronous="
                + durability.synchronous()
                + " on "
                + file
                + " for "
                + durability
                + "; it is "
                + synchronous);
      }
      if (durability == Durability.PROCESS_CRASH) {
        store.checkpoints = Optional.of(WalCheckpointer.start(dataSource, file));
      }
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Whether the file holds no schema yet, so that {@link NewSchema} makes it; a file that is no
   * database is left to Flyway, whose error says so.
   */
  private static boolean isNewFile(SQLiteDataSource dataSource) {
    try {
      return NewSchema.isNewFile(dataSource);
    } catch (SQLException e) {
      return false;
    }
  }

  private static MigrateResult migrate(SQLiteDataSource dataSource, Path file) {
    try {
      return Dialect.SQLITE.migrate(dataSource);
    } catch (FlywayException e) {
      throw new StoreException("Could not migrate the schema of " + file + ": " + e, e);
    }
  }

  /**
   * The migrations that move an older store's rows, events or trades' lines to a new form, or its
   * rows' keys: 6, 12, 15, 17 and 19.
   */
  private static final Set<String> MOVING = Set.of("6", "12", "15", "17", "19");

  /**
   * Whether this migration moved the rows, events or trades' lines of an older store: to the
   * compact rows of schema 6, the blocks of schema 12, 15 or 17, or the row keys of schema 19.
   */
  private static boolean movedRows(MigrateResult migrated) {
    return migrated.initialSchemaVersion != null
        && migrated.migrations.stream().anyMatch(migration -> MOVING.contains(migration.version));
  }

  /**
   * Gives back to the file system the pages the rows, events or trades' lines of an older store
   * took before schema 6, 12, 15, 17 or 19 moved them ({@code VACUUM}, which cannot run inside the
   * migration's transaction): otherwise the store would keep its old size plus the compact copy
   * until new rows filled the free pages. A million rows take a few seconds, once.
   */
  private static void reclaimSpace(SQLiteDataSource dataSource, Path file) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("VACUUM");
    } catch (SQLException e) {
      throw new StoreException(
          "Could not give back the space of what a newer schema moved in "
              + file
              + " (VACUUM): "
              + e
              + "; the store is migrated and opens next time, and 'sqlite3 "
              + file
              + " VACUUM' gives the space back later",
          e);
    }
  }

  private static SQLiteDataSource dataSource(Path file, Durability durability) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(
        durability == Durability.UNTIL_NAMED
            ? SQLiteConfig.JournalMode.MEMORY
            : SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        switch (durability) {
          case POWER_LOSS -> SQLiteConfig.SynchronousMode.FULL;
          case PROCESS_CRASH -> SQLiteConfig.SynchronousMode.NORMAL;
          case UNTIL_NAMED -> SQLiteConfig.SynchronousMode.OFF;
        });
    if (durability == Durability.PROCESS_CRASH) {
      // Its WalCheckpointer copies the log; the writer's own checkpoint is only the backstop.
      config.setWalAutocheckpoint(WalCheckpointer.BACKSTOP_PAGES);
    }
    config.enforceForeignKeys(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    // A large import inserts index keys in random order; SQLite's default 2 MB page cache makes it
    // re-read pages constantly (a 1M-row import: 11.9 s of inserts at 2 MB, 7.8 s at 256 MB). The
    // cache is a ceiling, not an allocation: small stores never use it. A new store's import sizes
    // it to itself (beforeImport).
    config.setCacheSize(-CACHE_KIB);
    // A commit reads what is stored, then writes: take the write lock when it begins, so no other
    // writer can slip in between.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }

  /**
   * Sizes the page cache of a new store's file ({@link Durability#UNTIL_NAMED}) to its import:
   * {@value #IMPORT_CACHE_BYTES_PER_RECORD} bytes a row or event record, from 8 MB to the 256 MB
   * ceiling, about the index pages its inserts come back to. A cache as large as the ceiling,
   * filled page by page with what the commit writes, only held the process's memory: a 100,000-row
   * first import took 0.95 of the time with 16 MB and peaked 40 MiB lower, where 2 MB was slower
   * again; a million rows still want a large one (28.5 s at 256 MB against 32.5 s at 16 MB)
   * (docs/BENCHMARKS.md §24). Such a file is closed once it is named. Any other store keeps the
   * ceiling, which a server's later reads may use.
   */
  @Override
  void beforeImport(Connection connection, long records) throws SQLException {
    if (durability != Durability.UNTIL_NAMED) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA cache_size = -" + importCacheKib(records));
    }
  }

  /** The page cache, in KiB, of an import of {@code records} rows and event records. */
  static long importCacheKib(long records) {
    return Math.max(
        IMPORT_CACHE_MIN_KIB, Math.min(CACHE_KIB, records * IMPORT_CACHE_BYTES_PER_RECORD / 1024));
  }

  @Override
  synchronized <T> T withHandle(Work<T> work) throws SQLException {
    if (closed) {
      throw closedException();
    }
    return work.run(handle());
  }

  @Override
  synchronized <T> T withConnection(ConnectionWork<T> work) throws SQLException {
    if (closed) {
      throw closedException();
    }
    return work.run(connection);
  }

  /**
   * A deferred transaction, begun and ended by statements: the connection's own transactions begin
   * IMMEDIATE, which would take the write lock for a read. In WAL mode the snapshot is taken at the
   * first read and held to the end, and writers in other processes are not held up.
   */
  @Override
  synchronized <T> T withSnapshot(ConnectionWork<T> work) throws SQLException {
    if (closed) {
      throw closedException();
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN DEFERRED");
      try {
        T result = work.run(connection);
        statement.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        statement.execute("ROLLBACK");
        throw e;
      }
    }
  }

  @Override
  synchronized <T> T inTransaction(Work<T> work) throws SQLException {
    if (closed) {
      throw closedException();
    }
    // The connection begins IMMEDIATE transactions: the write lock is taken at the start.
    return handle().inTransaction(work::run);
  }

  /**
   * Jdbi over the store's connection, opened at the first call that needs it: a short command's
   * reads go through {@link #withConnection} and never load Jdbi, which with the JDK's Flight
   * Recorder it starts took a tenth of a second of {@code tally report} (docs/BENCHMARKS.md §22).
   */
  private Handle handle() {
    if (handle.isEmpty()) {
      handle = Optional.of(Jdbi.open(connection));
    }
    return handle.get();
  }

  /**
   * Closes the connection (after the checkpoint thread's, so that the last one to close copies the
   * log into the file); closing again does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      checkpoints.ifPresent(WalCheckpointer::close);
    } finally {
      try {
        if (handle.isPresent()) {
          handle.get().close(); // and its connection
        } else {
          connection.close();
        }
      } catch (JdbiException | SQLException e) {
        throw new StoreException("Could not close " + file + ": " + e, e);
      }
    }
  }

  /**
   * Readies a file opened {@link Durability#UNTIL_NAMED} to take a store's name, and closes it: the
   * file is switched to WAL mode like every store, then closed, then synced whole, so that once it
   * is named a power loss cannot take back anything written to it.
   *
   * @throws StoreException if the file cannot be switched to WAL or synced
   */
  synchronized void closeForNaming() {
    if (closed) {
      throw closedException();
    }
    try {
      String journalMode = pragma("journal_mode=WAL");
      if (!"wal".equalsIgnoreCase(journalMode)) {
        throw new StoreException(
            "Could not switch " + file + " to journal_mode=WAL; it is " + journalMode);
      }
    } finally {
      close();
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    } catch (IOException e) {
      throw new StoreException("Could not sync " + file + " to disk: " + e, e);
    }
  }

  /**
   * The value of a SQLite pragma on the store's connection, such as {@code journal_mode}, or what
   * setting one answers, such as {@code journal_mode=WAL}.
   */
  String pragma(String name) {
    if (!PRAGMA_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Not a pragma name: '" + name + "'");
    }
    return run(
        () ->
            withConnection(
                plain -> {
                  try (Statement statement = plain.createStatement();
                      ResultSet result = statement.executeQuery("PRAGMA " + name)) {
                    result.next();
                    return result.getString(1);
                  }
                }),
        () -> "read pragma " + name + " of");
  }

  @Override
  public String toString() {
    return "SqliteStore[" + file + "]";
  }
}
