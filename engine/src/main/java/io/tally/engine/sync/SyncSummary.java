package io.tally.engine.sync;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a sync brought: new ledger rows, new trades, the pairs whose trades changed, new cash flows,
 * rows fetched again that the store already had, prices stored and moments that stayed unpriced,
 * every asset where the books and Kraken's balances differ, and Kraken's balances themselves (by
 * canonical asset, wallets such as {@code XBT.M} added in).
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
    Map<Asset, BigDecimal> exchangeBalances) {

  public SyncSummary {
    updatedPairs = Set.copyOf(updatedPairs);
    balanceDifferences = List.copyOf(balanceDifferences);
    exchangeBalances = Collections.unmodifiableSortedMap(new TreeMap<>(exchangeBalances));
  }

  /** Whether every asset the books hold matches Kraken's balance exactly. */
  public boolean balancesMatch() {
    return balanceDifferences.isEmpty();
  }
}
