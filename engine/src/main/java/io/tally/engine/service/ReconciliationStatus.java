package io.tally.engine.service;

import java.util.Locale;

/**
 * What a reconciliation could say about the books against Kraken's balances (JSON {@code
 * reconciliation_status}, written by {@link #code()}). Only {@link #DRIFT} raises the drift flag;
 * {@link #NO_QUIET_MOMENT} and {@link #STALE} keep the flag of the last comparison that could be
 * made.
 *
 * <p>Example: {@code ReconciliationStatus.NO_QUIET_MOMENT.code()} is {@code "no_quiet_moment"}.
 */
public enum ReconciliationStatus {
  /** The books and {@code Balance}, taken at one quiet moment, agree within the tolerance. */
  OK,
  /** At a quiet moment the books differ from {@code Balance} beyond the tolerance: real drift. */
  DRIFT,
  /** No live check was possible (no Kraken keys): only the ledger check ran. */
  UNCHECKED,
  /**
   * The last comparison, restored from the store: the service started without a fresh one (no
   * Kraken keys, or the start-up sync failed), so the books were last compared with {@code Balance}
   * before the restart, at the time it names ({@code checked_at}). Its drift flag is the
   * comparison's: a drift found before the restart is still the last known truth, and an {@code ok}
   * from then no longer vouches for the books now. The next comparison replaces it; without keys a
   * reconciliation keeps it (the ledger check is today's).
   */
  STALE,
  /**
   * Ledger rows kept arriving through every try of the quiet-moment protocol, so no {@code Balance}
   * matched the books: nothing was compared, and the drift flag and detail stay those of the last
   * comparison. Not drift.
   */
  NO_QUIET_MOMENT;

  /** The JSON spelling, such as {@code no_quiet_moment}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
