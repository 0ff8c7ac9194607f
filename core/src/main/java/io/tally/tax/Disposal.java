package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of a realized-gains report: the units of one lot (or, by weighted average cost, of one
 * disposal) that a disposal took, with their proceeds, cost basis and gain in the base currency.
 *
 * <p>Example: 0.5 XBT bought on 2024-01-10 for 20,000 and sold on 2025-03-01 for 30,000 is {@code
 * Disposal(XBT, 0.5, 2024-01-10…, 2024-01-10…, 2025-03-01…, 30000, 20000, 10000, LONG, TRADE, <sale
 * id>, <buy id>)}. Immutable.
 *
 * @param acquired when the earliest of the units was acquired
 * @param acquiredLatest when the latest of them was; equal to {@code acquired} for one lot
 * @param term short or long, by the latest acquisition (so a row is long only when all its units
 *     are)
 * @param eventId the disposal's event
 * @param acquiredBy the event that acquired the (earliest) units
 */
public record Disposal(
    Asset asset,
    BigDecimal quantity,
    Instant acquired,
    Instant acquiredLatest,
    Instant disposed,
    BigDecimal proceeds,
    BigDecimal costBasis,
    HoldingTerm term,
    DisposalKind kind,
    EventId eventId,
    EventId acquiredBy) {

  public Disposal {
    requireNonNull(asset, "asset");
    requireNonNull(quantity, "quantity");
    requireNonNull(acquired, "acquired");
    requireNonNull(acquiredLatest, "acquiredLatest");
    requireNonNull(disposed, "disposed");
    requireNonNull(proceeds, "proceeds");
    requireNonNull(costBasis, "costBasis");
    requireNonNull(term, "term");
    requireNonNull(kind, "kind");
    requireNonNull(eventId, "eventId");
    requireNonNull(acquiredBy, "acquiredBy");
  }

  /** {@code proceeds − costBasis}. */
  public BigDecimal gain() {
    return proceeds.subtract(costBasis);
  }

  /** Whether the units came from acquisitions at different moments (Form 8949's "VARIOUS"). */
  public boolean variousDates() {
    return !acquired.equals(acquiredLatest);
  }
}
