package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import java.time.Instant;

/**
 * A financing charge on an open margin position, or a credit: Kraken's {@code rollover} ledger row,
 * every 4 hours while the position is open, whose refid is the position's id (always a charge), or
 * a paper account's funding, which a short receives when the rate is positive (a credit, negative).
 * A charge leaves the spot balance (disposed of and expensed at market value, as a margin fee); a
 * credit joins it as margin income. Either is the position's carry (its trade's {@code
 * funding_paid}, net of what was received).
 *
 * <p>Examples: {@code 2031-03-03T16:05:00Z TFX005:LFX013 carry position=TFX005 fee=EUR:0.0035}, a
 * rollover; {@code 2031-03-03T16:00:00Z paper-F2 carry position=paper-T1 fee=USD:-3.05}, funding
 * received. Immutable.
 *
 * @param positionId the position charged: its opening fill's trade id
 * @param fee what the carry cost, in the asset it was charged in: positive when paid, negative when
 *     received
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
  }
}
