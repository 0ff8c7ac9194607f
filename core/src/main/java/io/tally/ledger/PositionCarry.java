package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import java.time.Instant;

/**
 * Kraken's financing charge on an open margin position: a {@code rollover} ledger row, every 4
 * hours while the position is open, whose refid is the position's id. The fee leaves the spot
 * balance (disposed of and expensed at market value, as a margin fee) and is the position's carry
 * cost (its trade's {@code funding_paid}).
 *
 * <p>Example: {@code 2031-03-03T16:05:00Z TFX005:LFX013 carry position=TFX005 fee=EUR:0.0035}.
 * Immutable.
 *
 * @param positionId the position charged: its opening fill's trade id
 * @param fee what the rollover cost, in the asset Kraken charged it in; not negative
 */
public record PositionCarry(EventId id, Instant at, String positionId, Amount fee)
    implements LedgerEvent {

  public PositionCarry {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(positionId, "positionId");
    requireNonNull(fee, "fee");
    if (positionId.isBlank() || positionId.contains(" ")) {
      throw new IllegalArgumentException("Not a position id: '" + positionId + "'");
    }
    if (fee.signum() < 0) {
      throw new IllegalArgumentException("A rollover fee is not negative: " + fee);
    }
  }
}
