package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A cost of carrying an open position, charged to the collateral and kept on the position and its
 * trade: funding, rollover or borrowing interest, in the quote asset.
 *
 * <p>Example: {@code new CarryCharge(EventId.of("R1"), at, Pair.parse("XBT/USD"),
 * CarryKind.ROLLOVER, new BigDecimal("1.20"))} pays 1.20 USD of rollover. Immutable.
 *
 * @param amount positive when paid, negative when received (funding can be received); not zero, at
 *     most 8 decimals
 */
public record CarryCharge(EventId id, Instant at, Pair pair, CarryKind kind, BigDecimal amount)
    implements MarginEvent {

  public CarryCharge {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(pair, "pair");
    requireNonNull(kind, "kind");
    amount = Precision.exactMoney(Argument.notZero("amount", amount), "amount");
  }
}
