package io.tally.books;

import java.math.BigDecimal;

/**
 * The units of one asset held and what they cost, in the base currency. Mutable; owned by one
 * {@link Books} fold.
 */
interface CostPool {

  /** Units held; never negative. */
  BigDecimal quantity();

  /** Total cost of the units held, in base-currency money. */
  BigDecimal cost();

  /** Adds {@code quantity} units that cost {@code cost}. */
  void acquire(BigDecimal quantity, BigDecimal cost);

  /**
   * Removes {@code quantity} units (at most {@link #quantity()}) and returns the cost they carried.
   * Removing everything returns exactly {@link #cost()}, so no dust of cost survives.
   */
  BigDecimal release(BigDecimal quantity);

  /** A new, empty pool for the method. */
  static CostPool create(CostBasisMethod method) {
    return method == CostBasisMethod.FIFO ? new LotPool() : new AverageCostPool();
  }
}
