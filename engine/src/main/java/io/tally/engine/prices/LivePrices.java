package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The stored prices as the live books read them: a table exact from the moment {@link #from()} on
 * (of each asset, its latest price at or before that moment, and every later one), which is all a
 * fold resumed at that moment and a valuation now need; an earlier moment is answered by a table of
 * every stored price, read the first time one is asked (a PnL period's start, a cash flow's value).
 * So a start-up reads the prices of its tail, not the history's hundreds of thousands.
 *
 * <p>Prices added later ({@link #with}) are all dated after {@link #from()} (a price for a moment
 * already folded replays the books instead), so the table of earlier moments never changes.
 *
 * <p>Example: {@code LivePrices.from(at, storedPrices, () -> PriceTable.of(every))}. Immutable, and
 * thread-safe: the earlier table is read once, by whichever thread asks first.
 */
public final class LivePrices implements PriceSource {

  private final Instant from;
  private final List<Price> points;
  private final PriceTable table;
  private final Earlier earlier;

  private LivePrices(Instant from, List<Price> points, Earlier earlier) {
    this.from = from;
    this.points = points;
    this.table = PriceTable.of(points);
    this.earlier = earlier;
  }

  /**
   * Prices exact from {@code from} on: {@code inForce}, the prices in force then (in the store's
   * order), and {@code every}, which reads every stored price for earlier moments.
   */
  public static LivePrices from(Instant from, List<Price> inForce, Supplier<PriceTable> every) {
    return new LivePrices(
        requireNonNull(from, "from"), List.copyOf(inForce), new Earlier(requireNonNull(every)));
  }

  /** Every price in {@code points}, exact at every moment: nothing is read later. */
  public static LivePrices of(List<Price> points) {
    PriceTable none = PriceTable.of(List.of());
    return new LivePrices(Instant.MIN, List.copyOf(points), new Earlier(() -> none));
  }

  /**
   * These prices and {@code later}, prices written after these and dated after {@link #from()}: a
   * later point at a stored moment replaces the stored one, as in the store's order.
   *
   * @throws IllegalArgumentException if one of {@code later} is dated at or before {@link #from()}
   */
  public LivePrices with(List<Price> later) {
    List<Price> all = new ArrayList<>(points.size() + later.size());
    all.addAll(points);
    for (Price price : later) {
      if (!price.at().isAfter(from)) {
        throw new IllegalArgumentException(
            "A price of " + price.at() + " is not after " + from + ": the books must replay");
      }
      all.add(price);
    }
    return new LivePrices(from, List.copyOf(all), earlier);
  }

  /** The moment from which these prices are exact without reading more. */
  public Instant from() {
    return from;
  }

  @Override
  public Optional<Price> price(Asset asset, Instant at) {
    requireNonNull(asset, "asset");
    return at.isBefore(from) ? earlier.table().price(asset, at) : table.price(asset, at);
  }

  /** The table of every stored price, read once. */
  private static final class Earlier {
    private final Supplier<PriceTable> read;
    private volatile PriceTable table;

    Earlier(Supplier<PriceTable> read) {
      this.read = read;
    }

    PriceTable table() {
      PriceTable read1 = table;
      if (read1 == null) {
        synchronized (this) {
          read1 = table;
          if (read1 == null) {
            read1 = read.get();
            table = read1;
          }
        }
      }
      return read1;
    }
  }
}
