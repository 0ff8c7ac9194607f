package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import java.time.Instant;

/**
 * A margin booking on the spot balance: realized margin profit or loss ({@code amount}, signed),
 * opening or closing fees and rollover costs ({@code fee}). Until margin positions are modelled,
 * the amount is realized PnL of kind {@code margin} at market value.
 *
 * <p>Example: {@code MarginPnl[id=T5, at=..., amount=EUR 1.75, fee=EUR 0.065]}. Immutable.
 */
public record MarginPnl(EventId id, Instant at, Amount amount, Amount fee) implements LedgerEvent {

  public MarginPnl {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(amount, "amount");
    requireNonNull(fee, "fee");
    if (!fee.asset().equals(amount.asset())) {
      throw new IllegalArgumentException("Fee " + fee + " is not in " + amount.asset());
    }
  }
}
