package io.tally.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite's write-ahead-log checkpoints for a store of many small commits, made on a thread and a
 * connection of their own so that no commit waits for one.
 *
 * <p>A SQLite connection copies its log into the database file itself, by default after the commit
 * that takes the log past 1,000 pages, and it syncs both files while it does: that commit then
 * takes 6–10 ms instead of 0.4. A paper account commits after every order, hundreds of times a
 * second, so one order in a hundred paid for it (docs/BENCHMARKS.md §22). Here a passive checkpoint
 * runs every {@link #PERIOD} instead; it copies what is committed without taking the write lock, so
 * commits go on while it runs. The writer's own checkpoint stays as a backstop at {@link
 * #BACKSTOP_PAGES}, because a passive checkpoint racing a stream of commits rarely finds the log
 * wholly copied, which is when SQLite starts the log over.
 *
 * <p>Example: {@code WalCheckpointer checkpoints = WalCheckpointer.start(dataSource, file);} … then
 * {@code checkpoints.close()} before the store's own connection closes. Thread-safe.
 */
final class WalCheckpointer implements AutoCloseable {

  /** How often the log is copied into the database file. */
  static final Duration PERIOD = Duration.ofMillis(100);

  /** The log's length, in pages of 4 KiB, past which the writer checkpoints after its commit. */
  static final int BACKSTOP_PAGES = 10_000;

  /** The thread's name, for thread dumps. */
  static final String THREAD_NAME = "tally-wal-checkpoint";

  private static final System.Logger LOG = System.getLogger(WalCheckpointer.class.getName());

  private final Path file;
  private final Connection connection;
  private final ScheduledExecutorService thread;

  /** The threads the executor made (one, unless a task's failure made it start another). */
  private final List<Thread> workers = new CopyOnWriteArrayList<>();

  private WalCheckpointer(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread daemon = new Thread(runnable, THREAD_NAME);
              daemon.setDaemon(true);
              workers.add(daemon);
              return daemon;
            });
  }

  /**
   * Opens a second connection to {@code file} through {@code dataSource} and checkpoints on it
   * every {@link #PERIOD} until closed.
   *
   * @throws StoreException if the connection cannot be opened
   */
  static WalCheckpointer start(SQLiteDataSource dataSource, Path file) {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException("Could not open a checkpoint connection to " + file + ": " + e, e);
    }
    WalCheckpointer checkpointer = new WalCheckpointer(file, connection);
    long millis = PERIOD.toMillis();
    checkpointer.thread.scheduleWithFixedDelay(
        checkpointer::checkpoint, millis, millis, TimeUnit.MILLISECONDS);
    return checkpointer;
  }

  /**
   * Copies what is committed into the database file. A failure is logged and the next period tries
   * again: until one succeeds the writer's backstop keeps the log bounded.
   */
  private void checkpoint() {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      LOG.log(System.Logger.Level.WARNING, "Could not checkpoint the log of " + file + ": " + e);
    }
  }

  /**
   * Stops the checkpoints, waiting for one that is running and for the thread to end, and closes
   * the connection; the store's own connection, closed last, makes the final checkpoint. Closing
   * again does nothing.
   *
   * @throws StoreException if a checkpoint does not end within 10 s, or the connection cannot be
   *     closed
   */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        throw new StoreException("A checkpoint of " + file + " did not end within 10 s");
      }
      // The executor has terminated once its thread's last task is done; the thread itself ends
      // a moment later.
      for (Thread worker : workers) {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("Interrupted while a checkpoint of " + file + " ran", e);
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException(
          "Could not close the checkpoint connection to " + file + ": " + e, e);
    }
  }
}
