package io.tally.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.BalanceCheck;
import io.tally.ledger.Unclassified;
import io.tally.store.CommitResult;
import io.tally.store.CommittedImport;
import java.util.List;
import java.util.Set;

/**
 * What an ingest did: rows read, the import it committed and what the store added, how many ledger
 * rows, trades and cash flows were new, which pairs gained or changed trades, Kraken's
 * running-balance check over the rows brought, and the events among them Tally could not classify.
 *
 * <p>Example: {@code IngestResult[rowsRead=6, newLedgerRows=6, newTrades=2, newCashFlows=2,
 * updatedPairs=[XBTUSD], ...]}. Immutable.
 */
public record IngestResult(
    int rowsRead,
    CommittedImport committed,
    int newLedgerRows,
    int newTrades,
    int newCashFlows,
    Set<String> updatedPairs,
    BalanceCheck balances,
    List<Unclassified> unclassified) {

  public IngestResult {
    requireNonNull(committed, "committed");
    updatedPairs = Set.copyOf(updatedPairs);
    requireNonNull(balances, "balances");
    unclassified = List.copyOf(unclassified);
  }

  /** What the store added: rows, and events new, revised and retracted. */
  public CommitResult stored() {
    return committed.result();
  }

  /** Rows read that the store already had (or that a batch named twice). */
  public int duplicatesSkipped() {
    return rowsRead - stored().rowsAdded();
  }
}
