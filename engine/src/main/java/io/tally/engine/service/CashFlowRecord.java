package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.CashFlow;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A deposit, withdrawal, reward or adjustment with its value in the base currency at its time
 * (ACCOUNTING.md §4), empty when no price of that moment is known (the books list the issue), and
 * its note: the Kraken ledger type or subtype it came from ({@code staking}, {@code deposit}), or
 * why Tally booked it ({@code balance gap}, {@code reconciliation adjustment}); empty when neither
 * is known ({@link FlowNotes}).
 *
 * <p>Example: {@code CashFlowRecord[flow=CashFlow[id=L1, kind=DEPOSIT, amount=XBT 0.5, ...],
 * valueBase=Optional[20000.00000000], note=Optional[deposit]]}. Immutable.
 */
public record CashFlowRecord(CashFlow flow, Optional<BigDecimal> valueBase, Optional<String> note) {

  public CashFlowRecord {
    requireNonNull(flow, "flow");
    requireNonNull(valueBase, "valueBase");
    requireNonNull(note, "note");
  }
}
