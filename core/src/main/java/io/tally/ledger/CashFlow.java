package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import java.time.Instant;

/**
 * Value crossing the account's boundary: a deposit, withdrawal, reward or adjustment. The {@code
 * amount} is signed as on the ledger (a withdrawal is negative); the {@code fee} is charged on top
 * in the same asset and is zero or positive.
 *
 * <p>Example: {@code CashFlow[id=FT1, at=..., kind=WITHDRAWAL, amount=XBT -0.5, fee=XBT 0.0001]}.
 * Immutable.
 */
public record CashFlow(EventId id, Instant at, FlowKind kind, Amount amount, Amount fee)
    implements LedgerEvent {

  public CashFlow {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(kind, "kind");
    requireNonNull(amount, "amount");
    requireNonNull(fee, "fee");
    if (!fee.asset().equals(amount.asset())) {
      throw new IllegalArgumentException("Fee " + fee + " is not in " + amount.asset());
    }
    if (fee.signum() < 0) {
      throw new IllegalArgumentException("Negative fee " + fee + " on " + id);
    }
  }
}
