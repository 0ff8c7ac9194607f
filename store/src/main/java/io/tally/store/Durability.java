package io.tally.store;

/**
 * What a commit that returned survives, chosen when a store is opened: every account whose money is
 * real keeps {@link #POWER_LOSS}; a paper account, whose money is simulated, may keep {@link
 * #PROCESS_CRASH} and commit without waiting for the disk; a new store's file that has no name yet
 * needs {@link #UNTIL_NAMED}.
 *
 * <p>For a SQLite file in WAL mode (as every store is once it has its name) it is the connection's
 * {@code synchronous} setting: {@code FULL} syncs the log at every commit; {@code NORMAL} syncs it
 * only at checkpoints, so a commit is in the operating system's cache when it returns. Either way
 * the file stays consistent; {@code NORMAL} may lose the last commits to a power loss or an
 * operating system crash, never to the process crashing. A PostgreSQL server keeps its own
 * settings: there every store is as durable as the server is configured to be.
 *
 * <p>Example: {@code PortfolioStore.open("paper.paper.db", env, Durability.PROCESS_CRASH)}.
 * Immutable.
 */
public enum Durability {

  /** A commit survives a power loss: SQLite {@code synchronous=FULL}. The default. */
  POWER_LOSS("2", "wal"),

  /**
   * A commit survives the process crashing but not a power loss, which may lose the last commits
   * (the store stays consistent): SQLite {@code synchronous=NORMAL} in WAL mode, and the log copied
   * into the file by a thread of its own ({@link WalCheckpointer}), so that no commit waits for the
   * disk. For a paper account only.
   */
  PROCESS_CRASH("1", "wal"),

  /**
   * Nothing, until the file takes a store's name: for a new store's file that nobody else opens yet
   * ({@link NewStoreFile}). Its first import writes each page once, with SQLite's rollback journal
   * in memory and no syncs ({@code journal_mode=MEMORY}, {@code synchronous=OFF}), where WAL mode
   * writes each page to the log and then again to the file, syncing both. A crash meanwhile leaves
   * only that unnamed file; before naming it, its writer switches it to WAL and syncs it whole
   * ({@link SqliteStore#closeForNaming()}), and from then on it is a store like any other.
   */
  UNTIL_NAMED("0", "memory");

  private final String synchronous;
  private final String journalMode;

  Durability(String synchronous, String journalMode) {
    this.synchronous = synchronous;
    this.journalMode = journalMode;
  }

  /**
   * SQLite's {@code PRAGMA synchronous} value for this durability: 2 (FULL), 1 (NORMAL) or 0 (OFF).
   */
  String synchronous() {
    return synchronous;
  }

  /** SQLite's {@code PRAGMA journal_mode} for this durability: {@code wal} or {@code memory}. */
  String journalMode() {
    return journalMode;
  }
}
