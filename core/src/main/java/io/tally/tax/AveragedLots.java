package io.tally.tax;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Weighted average cost: one pool of {@code (quantity, cost)}, so a disposal releases {@code cost ×
 * sold / held} in one division, as the books' average pool does. The pool remembers when its units
 * were acquired, first in first out, only to date a disposal: its earliest and latest units.
 * Mutable.
 */
final class AveragedLots implements AssetLots {

  /** Units acquired together, for dating only. */
  private static final class Dated {
    BigDecimal quantity;
    final Instant at;
    final EventId by;

    Dated(BigDecimal quantity, Instant at, EventId by) {
      this.quantity = quantity;
      this.at = at;
      this.by = by;
    }
  }

  private final ArrayDeque<Dated> dates = new ArrayDeque<>();
  private BigDecimal quantity = BigDecimal.ZERO;
  private BigDecimal cost = Precision.money(BigDecimal.ZERO);

  @Override
  public BigDecimal quantity() {
    return quantity;
  }

  @Override
  public void acquire(BigDecimal units, BigDecimal unitsCost, Instant at, EventId by) {
    if (units.signum() > 0 || dates.isEmpty()) {
      dates.addLast(new Dated(units, at, by));
    }
    quantity = quantity.add(units);
    cost = cost.add(unitsCost);
  }

  @Override
  public List<LotSlice> release(BigDecimal units) {
    int comparison = units.compareTo(quantity);
    if (comparison > 0) {
      throw new IllegalStateException("Releasing " + units + " of " + quantity + " held");
    }
    BigDecimal released = comparison == 0 ? cost : Precision.share(cost, units, quantity);
    Dated earliest = dates.peekFirst();
    Instant latest = earliest.at;
    BigDecimal remaining = units;
    while (!dates.isEmpty() && (remaining.signum() > 0 || comparison == 0)) {
      Dated first = dates.peekFirst();
      latest = first.at;
      if (first.quantity.compareTo(remaining) <= 0) {
        remaining = remaining.subtract(first.quantity);
        dates.pollFirst();
      } else {
        first.quantity = first.quantity.subtract(remaining);
        remaining = BigDecimal.ZERO;
      }
    }
    quantity = quantity.subtract(units);
    cost = cost.subtract(released);
    return List.of(new LotSlice(units, released, earliest.at, latest, earliest.by));
  }

  @Override
  public List<OpenLot> open(Asset asset) {
    if (dates.isEmpty()) {
      return List.of();
    }
    Dated earliest = dates.peekFirst();
    return List.of(new OpenLot(asset, quantity, cost, earliest.at, earliest.by));
  }
}
