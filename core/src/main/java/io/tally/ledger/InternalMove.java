package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import java.time.Instant;

/**
 * Units moving between places of the same account (spot to staking, an Earn allocation, spot to
 * futures). The books do not change, except for a fee, which is expensed.
 *
 * <p>Example: {@code InternalMove[id=R1, at=..., amount=EUR 149.116, fee=EUR 0, route=spot / main
 * -> earn / flexible]}. Immutable.
 */
public record InternalMove(EventId id, Instant at, Amount amount, Amount fee, String route)
    implements LedgerEvent {

  public InternalMove {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(amount, "amount");
    requireNonNull(fee, "fee");
    requireNonNull(route, "route");
    if (!fee.asset().equals(amount.asset())) {
      throw new IllegalArgumentException("Fee " + fee + " is not in " + amount.asset());
    }
  }
}
