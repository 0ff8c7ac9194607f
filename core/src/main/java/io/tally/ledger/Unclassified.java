package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import java.time.Instant;

/**
 * A ledger row Tally does not understand yet. It is kept, listed as a data issue and, so that
 * holdings still match the exchange, booked like an {@link FlowKind#ADJUSTMENT} at market value.
 *
 * <p>Example: {@code Unclassified[id=N1, at=..., type=nfttrade, subtype=, amount=ETH -0.1, fee=ETH
 * 0]}. Immutable.
 */
public record Unclassified(
    EventId id, Instant at, String type, String subtype, Amount amount, Amount fee)
    implements LedgerEvent {

  public Unclassified {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(type, "type");
    requireNonNull(subtype, "subtype");
    requireNonNull(amount, "amount");
    requireNonNull(fee, "fee");
  }
}
