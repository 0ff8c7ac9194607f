package io.tally.tax;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The dated lots of one asset, released by one {@link LotMethod}. Mutable; owned by one {@link
 * TaxLots} fold.
 */
interface AssetLots {

  /** Units held; never negative. */
  BigDecimal quantity();

  /** Adds {@code quantity} units that cost {@code cost}, acquired at {@code at} by {@code by}. */
  void acquire(BigDecimal quantity, BigDecimal cost, Instant at, EventId by);

  /**
   * Removes {@code quantity} units (at most {@link #quantity()}) by the method and returns the
   * slices of lots they came from, in the order taken. Removing everything takes every lot's whole
   * cost, so no dust of cost survives.
   */
  List<LotSlice> release(BigDecimal quantity);

  /** The lots still held, in the order the method would take them. */
  List<OpenLot> open(Asset asset);

  /** An empty set of lots for {@code method}. */
  static AssetLots create(LotMethod method) {
    return method == LotMethod.WAC ? new AveragedLots() : new OrderedLots(method);
  }
}
