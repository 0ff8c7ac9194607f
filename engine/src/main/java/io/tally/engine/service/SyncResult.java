package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.engine.sync.SyncSummary;
import java.util.Set;

/**
 * What {@code sync()} returns, as the contract names it: new trades, new ledger rows, the pairs
 * whose trades changed, new cash flows and whether the reconciliation after it found drift; the
 * sync's own details (prices stored, rows fetched again, ...) ride along.
 *
 * <p>Example: {@code SyncResult[newTradesCount=3, newLedgerRows=7, updatedPairs=[XBTUSD],
 * cashFlowsAdded=1, driftDetected=false, ...]}. Immutable.
 */
public record SyncResult(
    int newTradesCount,
    int newLedgerRows,
    Set<String> updatedPairs,
    int cashFlowsAdded,
    boolean driftDetected,
    SyncSummary detail) {

  public SyncResult {
    updatedPairs = Set.copyOf(updatedPairs);
    requireNonNull(detail, "detail");
  }
}
