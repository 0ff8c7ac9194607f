package io.tally.tax;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Lots taken in an order: the oldest first (FIFO), the newest first (LIFO), or the highest unit
 * cost first and the oldest of equal ones (HIFO). A partly taken lot releases its cost pro rata, as
 * the books' FIFO pool does, so FIFO lots here and there carry the same costs. Mutable.
 */
final class OrderedLots implements AssetLots {

  /** One acquisition still (partly) held; its order key (sequence, unit cost) never changes. */
  private static final class Lot {
    final long sequence;
    final BigDecimal unitCost;
    final Instant at;
    final EventId by;
    BigDecimal quantity;
    BigDecimal cost;

    Lot(long sequence, BigDecimal quantity, BigDecimal cost, Instant at, EventId by) {
      this.sequence = sequence;
      this.quantity = quantity;
      this.cost = cost;
      this.at = at;
      this.by = by;
      this.unitCost = quantity.signum() == 0 ? cost : cost.divide(quantity, Precision.RATIO);
    }

    Lot withCost(BigDecimal newCost) {
      return new Lot(sequence, quantity, newCost, at, by);
    }
  }

  private final TreeSet<Lot> lots;
  private BigDecimal quantity = BigDecimal.ZERO;
  private long sequence;
  private Lot newest;

  OrderedLots(LotMethod method) {
    Comparator<Lot> bySequence = Comparator.comparingLong(lot -> lot.sequence);
    switch (method) {
      case FIFO:
        lots = new TreeSet<>(bySequence);
        break;
      case LIFO:
        lots = new TreeSet<>(bySequence.reversed());
        break;
      case HIFO:
        lots =
            new TreeSet<>(
                Comparator.comparing((Lot lot) -> lot.unitCost)
                    .reversed()
                    .thenComparing(bySequence));
        break;
      default:
        throw new IllegalArgumentException(method + " keeps no ordered lots");
    }
  }

  @Override
  public BigDecimal quantity() {
    return quantity;
  }

  @Override
  public void acquire(BigDecimal units, BigDecimal unitsCost, Instant at, EventId by) {
    if (units.signum() == 0 && newest != null && lots.contains(newest)) {
      // Units of nothing: the cost still counts, so it joins the newest lot (as in the books).
      lots.remove(newest);
      newest = newest.withCost(newest.cost.add(unitsCost));
      lots.add(newest);
      return;
    }
    newest = new Lot(sequence++, units, unitsCost, at, by);
    lots.add(newest);
    quantity = quantity.add(units);
  }

  @Override
  public List<LotSlice> release(BigDecimal units) {
    int comparison = units.compareTo(quantity);
    if (comparison > 0) {
      throw new IllegalStateException("Releasing " + units + " of " + quantity + " held");
    }
    List<LotSlice> slices = new ArrayList<>();
    if (comparison == 0) {
      lots.forEach(lot -> slices.add(slice(lot, lot.quantity, lot.cost)));
      lots.clear();
      quantity = BigDecimal.ZERO;
      return slices;
    }
    BigDecimal remaining = units;
    while (remaining.signum() > 0) {
      Lot first = lots.first();
      if (first.quantity.compareTo(remaining) <= 0) {
        slices.add(slice(first, first.quantity, first.cost));
        remaining = remaining.subtract(first.quantity);
        lots.pollFirst();
      } else {
        BigDecimal part = Precision.share(first.cost, remaining, first.quantity);
        slices.add(slice(first, remaining, part));
        first.quantity = first.quantity.subtract(remaining);
        first.cost = first.cost.subtract(part);
        remaining = BigDecimal.ZERO;
      }
    }
    quantity = quantity.subtract(units);
    return slices;
  }

  @Override
  public List<OpenLot> open(Asset asset) {
    List<OpenLot> open = new ArrayList<>(lots.size());
    lots.forEach(lot -> open.add(new OpenLot(asset, lot.quantity, lot.cost, lot.at, lot.by)));
    return open;
  }

  private static LotSlice slice(Lot lot, BigDecimal units, BigDecimal cost) {
    return new LotSlice(units, cost, lot.at, lot.at, lot.by);
  }
}
