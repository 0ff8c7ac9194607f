package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * Collateral moved into or out of a margin account, in the collateral asset: an external flow, not
 * profit or loss.
 *
 * <p>Example: {@code CollateralFlow.deposit(EventId.of("D1"), at, new BigDecimal("10000"))}; {@code
 * CollateralFlow.withdrawal(...)} has a negative amount. Immutable.
 *
 * @param amount positive for a deposit, negative for a withdrawal; not zero, at most 8 decimals
 */
public record CollateralFlow(EventId id, Instant at, BigDecimal amount) implements MarginEvent {

  public CollateralFlow {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    amount = Precision.exactMoney(Argument.notZero("amount", amount), "amount");
  }

  /** A deposit of a positive amount. */
  public static CollateralFlow deposit(EventId id, Instant at, BigDecimal amount) {
    return new CollateralFlow(id, at, Argument.positive("deposit", amount));
  }

  /** A withdrawal of a positive amount (stored negated). */
  public static CollateralFlow withdrawal(EventId id, Instant at, BigDecimal amount) {
    return new CollateralFlow(id, at, Argument.positive("withdrawal", amount).negate());
  }

  /** Whether collateral leaves the account. */
  public boolean isWithdrawal() {
    return amount.signum() < 0;
  }
}
