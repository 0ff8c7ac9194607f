package io.tally.books;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.List;

/**
 * Weighted average cost: keeps {@code (quantity, totalCost)} and derives the average, so a sale
 * releases {@code totalCost × sold / held} in one HALF_EVEN division. Mutable.
 */
final class AverageCostPool implements CostPool {

  private BigDecimal quantity = BigDecimal.ZERO;
  private BigDecimal cost = Precision.money(BigDecimal.ZERO);

  AverageCostPool() {}

  AverageCostPool(BigDecimal quantity, BigDecimal cost) {
    this.quantity = quantity;
    this.cost = cost;
  }

  @Override
  public List<Lot> lots() {
    return List.of();
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
    quantity = Precision.sum(quantity, units);
    cost = Precision.sum(cost, unitsCost);
  }

  @Override
  public BigDecimal release(BigDecimal units) {
    int comparison = units.compareTo(quantity);
    if (comparison > 0) {
      throw new IllegalStateException("Releasing " + units + " of " + quantity + " held");
    }
    BigDecimal released = comparison == 0 ? cost : Precision.share(cost, units, quantity);
    quantity = quantity.subtract(units);
    cost = cost.subtract(released);
    return released;
  }
}
