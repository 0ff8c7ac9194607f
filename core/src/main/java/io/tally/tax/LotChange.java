package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One change to one lot: a lot opened by an acquisition, or the slice of a lot an event took. The
 * whole log of them is what a journal export writes as lots and lot reductions, so a tool that
 * books lots itself (beancount, ledger) holds exactly Tally's lots.
 *
 * <p>Example: buying 1 XBT for 40,010 opens {@code LotChange(B, t, XBT, 1, 40010, B, t)}; selling
 * 0.5 of it later takes {@code LotChange(S, t2, XBT, -0.5, 20005, B, t)}. Immutable.
 *
 * @param event the event that made the change
 * @param quantity positive when the lot was opened, negative for the units taken from it
 * @param cost the cost the units brought or took (never negative)
 * @param lot the event that opened the lot (its label)
 * @param lotAcquired when the lot was opened
 */
public record LotChange(
    EventId event,
    Instant at,
    Asset asset,
    BigDecimal quantity,
    BigDecimal cost,
    EventId lot,
    Instant lotAcquired) {

  public LotChange {
    requireNonNull(event, "event");
    requireNonNull(at, "at");
    requireNonNull(asset, "asset");
    requireNonNull(quantity, "quantity");
    requireNonNull(cost, "cost");
    requireNonNull(lot, "lot");
    requireNonNull(lotAcquired, "lotAcquired");
  }
}
