package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.reconcile.FlowAdjustedDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.reconcile.MarginCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One reconciliation (ACCOUNTING.md §7, docs/RECONCILIATION.md): what it could say ({@link
 * ReconciliationStatus}), the ledger check (Kraken's running balances against the rows, with the
 * first divergence), the live check against {@code Balance} taken at a quiet moment (empty without
 * a Kraken client), flow-adjusted drift from the stored baseline, the recent external flows that
 * explain part of it, the ids of adjustment events booked when {@code auto_update} is on, and the
 * margin check against Kraken's {@code TradeBalance} and {@code OpenPositions} read at the same
 * quiet moment (empty where the region has no margin, or without a Kraken client). A margin
 * difference beyond its tolerance is drift like a balance difference.
 *
 * <p>When no quiet moment was found ({@link ReconciliationStatus#NO_QUIET_MOMENT}) nothing was
 * compared: the live check and drift are those of the last reconciliation that compared (its {@link
 * LiveCheck#at()} says when), so the drift flag keeps its previous value.
 *
 * <p>A {@link ReconciliationStatus#STALE stale} reconciliation is the last comparison, restored
 * from the store when the service started without a fresh one: {@code at} and its live check are
 * that comparison's, its drift flag too; the ledger check and recent flows are of the start.
 *
 * <p>Example: {@code reconciliation.driftFlag()} is true when the live check found an asset or the
 * total beyond the tolerance, or the margin check a figure or a position size. Immutable.
 *
 * @param at when this reconciliation ran; for {@link ReconciliationStatus#STALE} when the restored
 *     comparison ran
 */
public record Reconciliation(
    Instant at,
    ReconciliationStatus status,
    Optional<DataIssue> firstDivergence,
    Optional<LiveCheck> live,
    Optional<FlowAdjustedDrift> drift,
    List<CashFlowRecord> recentFlows,
    List<String> adjustmentsBooked,
    Optional<MarginCheck> margin) {

  /** A reconciliation without a margin check. */
  public Reconciliation(
      Instant at,
      ReconciliationStatus status,
      Optional<DataIssue> firstDivergence,
      Optional<LiveCheck> live,
      Optional<FlowAdjustedDrift> drift,
      List<CashFlowRecord> recentFlows,
      List<String> adjustmentsBooked) {
    this(
        at, status, firstDivergence, live, drift, recentFlows, adjustmentsBooked, Optional.empty());
  }

  public Reconciliation {
    requireNonNull(at, "at");
    requireNonNull(status, "status");
    requireNonNull(firstDivergence, "firstDivergence");
    requireNonNull(live, "live");
    requireNonNull(drift, "drift");
    recentFlows = List.copyOf(recentFlows);
    adjustmentsBooked = List.copyOf(adjustmentsBooked);
    requireNonNull(margin, "margin");
    boolean compared = status == ReconciliationStatus.OK || status == ReconciliationStatus.DRIFT;
    boolean drifted =
        live.map(LiveCheck::driftFlag).orElse(false)
            || margin.map(MarginCheck::driftFlag).orElse(false);
    if (compared && (live.isEmpty() || drifted != (status == ReconciliationStatus.DRIFT))) {
      throw new IllegalArgumentException(
          "Status " + status.code() + " does not match the live check " + live + " and " + margin);
    }
    if (live.isEmpty() && margin.isPresent()) {
      throw new IllegalArgumentException("A margin check without a live check: " + margin.get());
    }
    if (status == ReconciliationStatus.UNCHECKED && live.isPresent()) {
      throw new IllegalArgumentException("Status unchecked with a live check: " + live.get());
    }
    if (status == ReconciliationStatus.STALE && live.isEmpty()) {
      throw new IllegalArgumentException(
          "Status stale without a live check: stale restates an earlier comparison");
    }
    if (!compared && !adjustmentsBooked.isEmpty()) {
      throw new IllegalArgumentException(
          "Adjustments booked without a comparison (" + status.code() + "): " + adjustmentsBooked);
    }
  }

  /** Whether every ledger row's balance equals the running balance before it. */
  public boolean ledgerOk() {
    return firstDivergence.isEmpty();
  }

  /**
   * Whether the live check or the margin check found drift; false when there was no live check.
   * After {@link ReconciliationStatus#NO_QUIET_MOMENT} this is the previous comparison's flag, and
   * when {@link ReconciliationStatus#STALE} the restored comparison's.
   */
  public boolean driftFlag() {
    return live.map(LiveCheck::driftFlag).orElse(false)
        || margin.map(MarginCheck::driftFlag).orElse(false);
  }
}
