package io.tally.store;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A {@link PortfolioStore} on a PostgreSQL server, for books that several machines share or that
 * live beside other data: the same tables, rules and results as {@link SqliteStore}.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (PortfolioStore store =
 *     PostgresStore.open("jdbc:postgresql://db.internal/tally", System.getenv())) {
 *   store.commit(new ImportBatch(rows, events, "ledgers-2024.csv"));
 * }
 * }</pre>
 *
 * <p><b>Credentials.</b> The user and password come from the URL ({@code ?user=...&password=...})
 * or, when it has none, from {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}. Passwords
 * never reach a message or a log: the store names its database by the URL without them.
 *
 * <p><b>Text only.</b> Every column the caller fills is TEXT with {@code COLLATE "C"}, so values
 * come back character for character and order by code point as on SQLite, whatever the database's
 * locale. PostgreSQL text cannot hold the NUL character: a row's id or group with one fails the
 * commit (field values, event ids and event lines are stored escaped, {@link RowText}, in blocks,
 * so they can hold it). The database must be UTF8.
 *
 * <p><b>Writes.</b> A commit, like every other write (saving a checkpoint or snapshot, appending an
 * equity point, pruning), is one REPEATABLE READ transaction that first locks {@code import_log} in
 * EXCLUSIVE mode: writes, also from other processes, run one at a time, readers never wait, and the
 * snapshot a write plans from is taken after the lock, so it sees every earlier commit. Lists of
 * ids are bound as one {@code text[]} and joined through {@code unnest}. Identity columns may skip
 * numbers a failed commit took, so import ids increase but may have gaps. The schema is migrated by
 * Flyway from {@code db/migration/postgresql}, in the URL's schema ({@code currentSchema}, else
 * {@code public}).
 *
 * <p><b>Connections and threads.</b> A HikariCP pool of at most {@value #MAX_CONNECTIONS}
 * connections, one of them kept open. A pool rather than one connection because the store stays
 * open across a sync's long Kraken fetches, and a server connection that idles that long can be
 * dropped (server restart, firewall or proxy timeouts): the pool checks a connection before lending
 * it and replaces dead ones. It also lets threads read at once. Thread-safe.
 */
public final class PostgresStore extends SqlStore {

  /** The environment variable with the database user, used when the URL names none. */
  public static final String USER_VARIABLE = "TALLY_DB_USER";

  /** The environment variable with the database password, used when the URL has none. */
  public static final String PASSWORD_VARIABLE = "TALLY_DB_PASSWORD";

  /** The most connections the pool opens. */
  static final int MAX_CONNECTIONS = 4;

  /** How long a call waits for a connection (also when the server is down) before failing. */
  private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;

  private final HikariDataSource pool;
  private final Jdbi jdbi;
  private volatile boolean closed;

  private PostgresStore(PostgresLocation location, Clock clock, HikariDataSource pool) {
    super(location.url(), Dialect.POSTGRESQL, clock);
    this.pool = pool;
    this.jdbi = Jdbi.create(pool);
  }

  /**
   * Opens the store in the PostgreSQL database of {@code jdbcUrl}, migrating its schema to the
   * newest version. A user or password the URL lacks is taken from {@code env}. Import log times
   * come from the UTC system clock.
   *
   * @throws IllegalArgumentException if {@code jdbcUrl} does not start with {@value
   *     PortfolioStore#POSTGRESQL_PREFIX}
   * @throws StoreException if the server cannot be reached or refuses the login, or the schema
   *     cannot be migrated
   */
  public static PostgresStore open(String jdbcUrl, Map<String, String> env) {
    return open(jdbcUrl, env, Clock.systemUTC());
  }

  /**
   * Opens the store like {@link #open(String, Map)}, taking import log times from {@code clock}.
   */
  public static PostgresStore open(String jdbcUrl, Map<String, String> env, Clock clock) {
    PostgresLocation location = PostgresLocation.of(jdbcUrl, env);
    requireNonNull(clock, "clock");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(location));
    } catch (RuntimeException e) {
      // Hikari's PoolInitializationException, or its rejection of the URL or settings.
      throw new StoreException("Could not connect to " + location + ": " + e.getMessage(), e);
    }
    PostgresStore store = new PostgresStore(location, clock, pool);
    try {
      store.requireUtf8();
      // As on SQLite: a store at the newest schema opens without Flyway's scan.
      if (!SchemaVersion.isCurrent(pool)) {
        try {
          Dialect.POSTGRESQL.migrate(pool);
        } catch (FlywayException e) {
          throw new StoreException("Could not migrate the schema of " + location + ": " + e, e);
        }
      }
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Checks, before anything is written, that the database stores text as UTF-8. */
  private void requireUtf8() {
    String encoding =
        run(
            () ->
                withHandle(
                    handle -> handle.createQuery("SHOW server_encoding").mapTo(String.class).one()),
            () -> "read the encoding of");
    if (!"UTF8".equals(encoding)) {
      throw new StoreException(
          "Could not open "
              + database()
              + ": its encoding is "
              + encoding
              + ", but the store needs UTF8 to keep every text exactly");
    }
  }

  private static HikariConfig poolConfig(PostgresLocation location) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tally-store");
    config.setJdbcUrl(location.url());
    location.user().ifPresent(config::setUsername);
    location.password().ifPresent(config::setPassword);
    config.setDataSourceProperties(location.secrets());
    // Batched inserts go as multi-row INSERTs: a 200,000-row import takes a fraction of the time.
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    config.setMaximumPoolSize(MAX_CONNECTIONS);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    return config;
  }

  @Override
  <T> T withHandle(Work<T> work) throws SQLException {
    if (closed) {
      throw closedException();
    }
    return jdbi.withHandle(work::run);
  }

  @Override
  <T> T withConnection(ConnectionWork<T> work) throws SQLException {
    if (closed) {
      throw closedException();
    }
    try (Connection connection = pool.getConnection()) {
      return work.run(connection);
    }
  }

  /** A READ ONLY, REPEATABLE READ transaction: one snapshot for all its statements. */
  @Override
  <T> T withSnapshot(ConnectionWork<T> work) throws SQLException {
    if (closed) {
      throw closedException();
    }
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      connection.setReadOnly(true);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  @Override
  <T> T inTransaction(Work<T> work) throws SQLException {
    if (closed) {
      throw closedException();
    }
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        transaction -> {
          // LOCK TABLE takes no snapshot: the one the commit reads from is taken after the lock,
          // so it sees every commit before it. EXCLUSIVE still lets readers in.
          transaction.execute("LOCK TABLE import_log IN EXCLUSIVE MODE");
          return work.run(transaction);
        });
  }

  /** Closes the pool and its connections; closing again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      pool.close();
    } catch (RuntimeException e) {
      throw new StoreException("Could not close " + database() + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "PostgresStore[" + database() + "]";
  }
}
