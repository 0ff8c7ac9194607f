package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.reconcile.FlowAdjustedDrift;
import io.tally.reconcile.LiveCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One reconciliation (ACCOUNTING.md §7): the ledger check (Kraken's running balances against the
 * rows, with the first divergence), the live check against {@code Balance} (empty without a Kraken
 * client), flow-adjusted drift from the stored baseline, the recent external flows that explain
 * part of it, and the ids of adjustment events booked when {@code auto_update} is on.
 *
 * <p>Example: {@code reconciliation.driftFlag()} is true when the live check found an asset or the
 * total beyond the tolerance. Immutable.
 */
public record Reconciliation(
    Instant at,
    Optional<DataIssue> firstDivergence,
    Optional<LiveCheck> live,
    Optional<FlowAdjustedDrift> drift,
    List<CashFlowRecord> recentFlows,
    List<String> adjustmentsBooked) {

  public Reconciliation {
    requireNonNull(at, "at");
    requireNonNull(firstDivergence, "firstDivergence");
    requireNonNull(live, "live");
    requireNonNull(drift, "drift");
    recentFlows = List.copyOf(recentFlows);
    adjustmentsBooked = List.copyOf(adjustmentsBooked);
  }

  /** Whether every ledger row's balance equals the running balance before it. */
  public boolean ledgerOk() {
    return firstDivergence.isEmpty();
  }

  /** Whether the live check found drift; false when there was no live check. */
  public boolean driftFlag() {
    return live.map(LiveCheck::driftFlag).orElse(false);
  }
}
