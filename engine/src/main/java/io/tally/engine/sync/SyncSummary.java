package io.tally.engine.sync;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * What a sync brought (over every pull it made until it found a quiet moment): new ledger rows, new
 * trades, the pairs whose trades changed, new cash flows, rows fetched again that the store already
 * had, prices stored and moments that stayed unpriced, every asset where the books and Kraken's
 * balances differ at the quiet moment, and those balances themselves ({@link QuietBalances}: none
 * when no quiet moment was found, and then no differences either).
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
    List<BalanceDifference> balanceDifferences,
    QuietBalances balances,
    OrderHolds holds,
    OpenOrders openOrders) {

  public SyncSummary {
    updatedPairs = Set.copyOf(updatedPairs);
    balanceDifferences = List.copyOf(balanceDifferences);
    requireNonNull(balances, "balances");
    requireNonNull(holds, "holds");
    requireNonNull(openOrders, "openOrders");
    if (!balances.found() && !balanceDifferences.isEmpty()) {
      throw new IllegalArgumentException(
          "Balance differences without a quiet moment to take them at: " + balanceDifferences);
    }
  }

  /**
   * Whether every asset the books hold matches Kraken's balance exactly at a quiet moment; false
   * when no quiet moment was found (nothing was compared).
   */
  public boolean balancesMatch() {
    return balances.found() && balanceDifferences.isEmpty();
  }
}
