package io.tally.books;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * What each leg of one trade is worth in the base currency as the trade is booked: a sold leg's
 * proceeds, a bought leg's cost. {@link SwapPricing#feeValue} values a fee paid in one of the legs
 * from it, and the books give a trade's PnL in its quote currency with it. A leg given twice keeps
 * the later value. A trade has two or three legs, so they sit in two short arrays, and one instance
 * serves trade after trade ({@link #clear()}); a map made a node per leg and a table per trade.
 *
 * <p>Example: after {@code values.put(XBT, 20000.00000000)}, {@code values.has(XBT)} is true and
 * {@code values.of(XBT)} is {@code 20000.00000000}. Mutable and not thread-safe.
 */
public final class LegValues {

  private Asset[] assets = new Asset[4];
  private BigDecimal[] values = new BigDecimal[4];
  private int size;

  /** Forgets every leg, for the next trade. */
  public void clear() {
    Arrays.fill(assets, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
  }

  /** Sets the value of the leg in {@code asset}, replacing any value it had. */
  public void put(Asset asset, BigDecimal value) {
    requireNonNull(asset, "asset");
    requireNonNull(value, "value");
    int at = indexOf(asset);
    if (at < 0) {
      if (size == assets.length) {
        assets = Arrays.copyOf(assets, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      at = size++;
      assets[at] = asset;
    }
    values[at] = value;
  }

  /** Whether the trade has a leg in {@code asset} with a value. */
  public boolean has(Asset asset) {
    return indexOf(asset) >= 0;
  }

  /**
   * The value of the leg in {@code asset}.
   *
   * @throws IllegalArgumentException when there is no such leg ({@link #has} says)
   */
  public BigDecimal of(Asset asset) {
    int at = indexOf(asset);
    if (at < 0) {
      throw new IllegalArgumentException("No leg in " + asset + " has a value");
    }
    return values[at];
  }

  private int indexOf(Asset asset) {
    for (int i = 0; i < size; i++) {
      if (assets[i].equals(asset)) {
        return i;
      }
    }
    return -1;
  }
}
