package io.tally.store;

/**
 * The store's one exception: a database could not be opened, migrated, read or written. The message
 * names the database (a file, or a URL without its password) and what was being done; the cause is
 * the SQLite, PostgreSQL, HikariCP, Jdbi, Flyway or I/O exception underneath.
 *
 * <p>Example message: {@code Could not commit import 'ledgers-2024.csv' (3 rows, 2 events) to
 * /data/tally.db: [SQLITE_FULL] database or disk is full}.
 */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with this message and no underlying cause. */
  public StoreException(String message) {
    super(message);
  }

  /** An exception with this message, caused by {@code cause}. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
