package io.tally.store;

/**
 * What a commit that returned survives, chosen when a store is opened: every account whose money is
 * real keeps {@link #POWER_LOSS}; a paper account, whose money is simulated, may keep {@link
 * #PROCESS_CRASH} and commit without waiting for the disk.
 *
 * <p>For a SQLite file (in WAL mode, as {@link SqliteStore} always is) it is the connection's
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
  POWER_LOSS("2"),

  /**
   * A commit survives the process crashing but not a power loss, which may lose the last commits
   * (the store stays consistent): SQLite {@code synchronous=NORMAL} in WAL mode, and the log copied
   * into the file by a thread of its own ({@link WalCheckpointer}), so that no commit waits for the
   * disk. For a paper account only.
   */
  PROCESS_CRASH("1");

  private final String synchronous;

  Durability(String synchronous) {
    this.synchronous = synchronous;
  }

  /** SQLite's {@code PRAGMA synchronous} value for this durability: 2 (FULL) or 1 (NORMAL). */
  String synchronous() {
    return synchronous;
  }
}
