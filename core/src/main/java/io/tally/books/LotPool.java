package io.tally.books;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * First in, first out: lots in acquisition order; a disposal consumes the oldest lots first, a
 * partly consumed lot releases its cost pro rata. Mutable.
 */
final class LotPool implements CostPool {

  /** One acquisition still (partly) held. */
  private static final class Lot {
    BigDecimal quantity;
    BigDecimal cost;

    Lot(BigDecimal quantity, BigDecimal cost) {
      this.quantity = quantity;
      this.cost = cost;
    }
  }

  private final ArrayDeque<Lot> lots = new ArrayDeque<>();
  private BigDecimal quantity = BigDecimal.ZERO;
  private BigDecimal cost = Precision.money(BigDecimal.ZERO);

  LotPool() {}

  LotPool(BigDecimal quantity, BigDecimal cost, List<CostPool.Lot> held) {
    this.quantity = quantity;
    this.cost = cost;
    held.forEach(lot -> lots.addLast(new Lot(lot.quantity(), lot.cost())));
  }

  @Override
  public List<CostPool.Lot> lots() {
    List<CostPool.Lot> held = new ArrayList<>(lots.size());
    lots.forEach(lot -> held.add(new CostPool.Lot(lot.quantity, lot.cost)));
    return held;
  }

  @Override
  public BigDecimal quantity() {
    return quantity;
  }

  @Override
  public BigDecimal cost() {
    return cost;
  }

  @Override
  public void acquire(BigDecimal units, BigDecimal unitsCost) {
    if (units.signum() == 0) {
      // Units of nothing: the cost still counts, so it joins the newest lot.
      if (lots.isEmpty()) {
        lots.addLast(new Lot(units, unitsCost));
      } else {
        lots.peekLast().cost = lots.peekLast().cost.add(unitsCost);
      }
    } else {
      lots.addLast(new Lot(units, unitsCost));
    }
    quantity = Precision.sum(quantity, units);
    cost = Precision.sum(cost, unitsCost);
  }

  @Override
  public BigDecimal release(BigDecimal units) {
    int comparison = units.compareTo(quantity);
    if (comparison > 0) {
      throw new IllegalStateException("Releasing " + units + " of " + quantity + " held");
    }
    if (comparison == 0) {
      BigDecimal released = cost;
      lots.clear();
      quantity = BigDecimal.ZERO;
      cost = Precision.money(BigDecimal.ZERO);
      return released;
    }
    BigDecimal remaining = units;
    BigDecimal released = Precision.money(BigDecimal.ZERO);
    while (remaining.signum() > 0) {
      Lot oldest = lots.peekFirst();
      if (oldest.quantity.compareTo(remaining) <= 0) {
        released = Precision.sum(released, oldest.cost);
        remaining = remaining.subtract(oldest.quantity);
        lots.removeFirst();
      } else {
        BigDecimal part = Precision.share(oldest.cost, remaining, oldest.quantity);
        released = Precision.sum(released, part);
        oldest.quantity = oldest.quantity.subtract(remaining);
        oldest.cost = oldest.cost.subtract(part);
        remaining = BigDecimal.ZERO;
      }
    }
    quantity = quantity.subtract(units);
    cost = cost.subtract(released);
    return released;
  }
}
