package io.tally.books;

import java.math.BigDecimal;
import java.util.List;

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

  /**
   * The lots held, oldest first, for a checkpoint: FIFO lots as they are, or none for an average
   * pool (its quantity and cost are all there is).
   */
  List<Lot> lots();

  /** One acquisition still (partly) held: its units and their cost. */
  record Lot(BigDecimal quantity, BigDecimal cost) {}

  /** A pool for the method holding exactly what {@link #lots()}, quantity and cost described. */
  static CostPool restore(
      CostBasisMethod method, BigDecimal quantity, BigDecimal cost, List<Lot> lots) {
    return method == CostBasisMethod.FIFO
        ? new LotPool(quantity, cost, lots)
        : new AverageCostPool(quantity, cost);
  }

  /** A new, empty pool for the method. */
  static CostPool create(CostBasisMethod method) {
    return method == CostBasisMethod.FIFO ? new LotPool() : new AverageCostPool();
  }
}
