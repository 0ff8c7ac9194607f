package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A lot still (partly) held: its units, their cost in the base currency and when they were
 * acquired. By weighted average cost an asset has one open "lot": the pool, dated by its earliest
 * units still held.
 *
 * <p>Example: {@code OpenLot(XBT, 0.25, 10000, 2024-01-10…, <buy id>)}. Immutable.
 */
public record OpenLot(
    Asset asset, BigDecimal quantity, BigDecimal cost, Instant acquired, EventId acquiredBy) {

  public OpenLot {
    requireNonNull(asset, "asset");
    requireNonNull(quantity, "quantity");
    requireNonNull(cost, "cost");
    requireNonNull(acquired, "acquired");
    requireNonNull(acquiredBy, "acquiredBy");
  }
}
