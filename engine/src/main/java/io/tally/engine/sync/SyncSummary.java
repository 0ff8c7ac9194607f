package io.tally.engine.sync;

import java.util.List;
import java.util.Set;

/**
 * What a sync brought: new ledger rows, new trades, the pairs whose trades changed, new cash flows,
 * rows fetched again that the store already had, prices stored and moments that stayed unpriced,
 * and every asset where the books and Kraken's balances differ.
 *
 * <p>Example: {@code SyncSummary[newLedgerRows=2, newTrades=1, updatedPairs=[XBTUSD],
 * cashFlowsAdded=0, ...]}. Immutable.
 */
public record SyncSummary(
    int newLedgerRows,
    int newTrades,
    Set<String> updatedPairs,
    int cashFlowsAdded,
    int rowsAlreadyStored,
    int pricesStored,
    int unpricedMoments,
    List<BalanceDifference> balanceDifferences) {

  public SyncSummary {
    updatedPairs = Set.copyOf(updatedPairs);
    balanceDifferences = List.copyOf(balanceDifferences);
  }

  /** Whether every asset the books hold matches Kraken's balance exactly. */
  public boolean balancesMatch() {
    return balanceDifferences.isEmpty();
  }
}
