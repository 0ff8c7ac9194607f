package io.tally.engine.service;

import java.util.Locale;

/**
 * What a reconciliation could say about the books against Kraken's balances (JSON {@code
 * reconciliation_status}, written by {@link #code()}). Only {@link #DRIFT} raises the drift flag;
 * {@link #NO_QUIET_MOMENT} keeps the flag of the last comparison that could be made.
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
   * The last comparison is too old to vouch for the books now. Reserved: nothing sets it yet (a
   * reconciliation that cannot compare says why with one of the other statuses).
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
