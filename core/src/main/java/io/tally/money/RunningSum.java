package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A running total kept exactly as {@link BigDecimal} would keep it, without a new number for every
 * addition: after {@code new RunningSum(s)}, {@code add(a)} and {@code subtract(b)}, {@link
 * #value()} equals {@code s.add(a).subtract(b)} digit for digit and scale for scale (each step
 * keeps the larger of the two scales). The books add dozens of amounts to their totals for every
 * trade, and each {@code BigDecimal.add} made a new object (docs/BENCHMARKS.md §26); this keeps the
 * digits in a long and the scale in an int while they fit, and a {@code BigDecimal} past that.
 *
 * <p>Example: {@code RunningSum fees = new RunningSum(new BigDecimal("1.50")); fees.add(new
 * BigDecimal("0.125"));} leaves {@code fees.value()} at {@code 1.625}, and {@code fees.subtract(new
 * BigDecimal("1.625"))} at {@code 0.000}.
 *
 * <p>Mutable and not thread-safe: a total belongs to one fold.
 */
public final class RunningSum {

  /** The most digits of an amount added in longs: below 10^18, so its negation fits as well. */
  private static final int LONG_DIGITS = Precision.POWERS_OF_TEN.length - 1;

  private long unscaled;
  private int scale;

  /** The total once its digits no longer fit a long (or an amount's did not); null until then. */
  private BigDecimal wide;

  /** {@link #value()} as last built; null when the total changed since. */
  private BigDecimal built;

  /** A total that starts at {@code start}, scale included. */
  public RunningSum(BigDecimal start) {
    requireNonNull(start, "start");
    if (start.precision() <= LONG_DIGITS) {
      unscaled = Precision.unscaled(start);
      scale = start.scale();
    } else {
      wide = start;
    }
    built = start;
  }

  /** Adds {@code amount}: the total becomes {@code value().add(amount)}. */
  public void add(BigDecimal amount) {
    change(amount, false);
  }

  /** Subtracts {@code amount}: the total becomes {@code value().subtract(amount)}. */
  public void subtract(BigDecimal amount) {
    change(amount, true);
  }

  /** The total: the start with every amount added and subtracted, exactly, at its scale. */
  public BigDecimal value() {
    if (built == null) {
      built = BigDecimal.valueOf(unscaled, scale);
    }
    return built;
  }

  /** The sign of the total: -1, 0 or 1. */
  public int signum() {
    return wide != null ? wide.signum() : Long.signum(unscaled);
  }

  /**
   * Adds {@code amount} to the total of {@code key}, or starts that total at {@code amount} (as
   * {@code Map.merge(key, amount, BigDecimal::add)} does with numbers).
   */
  public static <K> void addTo(Map<K, RunningSum> totals, K key, BigDecimal amount) {
    RunningSum total = totals.get(key);
    if (total == null) {
      totals.put(key, new RunningSum(amount));
    } else {
      total.add(amount);
    }
  }

  /** The totals' values, by their keys in order: {@code TreeMap}'s view of them as numbers. */
  public static <K extends Comparable<? super K>> SortedMap<K, BigDecimal> values(
      Map<K, RunningSum> totals) {
    SortedMap<K, BigDecimal> values = new TreeMap<>();
    totals.forEach((key, total) -> values.put(key, total.value()));
    return values;
  }

  private void change(BigDecimal amount, boolean negate) {
    if (wide == null && amount.precision() <= LONG_DIGITS && changeInLongs(amount, negate)) {
      built = null;
      return;
    }
    BigDecimal total = value();
    wide = negate ? total.subtract(amount) : total.add(amount);
    built = wide;
  }

  /**
   * The change made in longs at the larger of the two scales, as {@code BigDecimal} makes it;
   * false, and nothing changed, when the digits would not fit.
   */
  private boolean changeInLongs(BigDecimal amount, boolean negate) {
    long digits = Precision.unscaled(amount);
    if (negate) {
      digits = -digits;
    }
    long total = unscaled;
    long difference = (long) amount.scale() - scale;
    if (difference > 0) {
      total = raised(total, difference);
    } else if (difference < 0) {
      digits = raised(digits, -difference);
    }
    if (total == Long.MIN_VALUE || digits == Long.MIN_VALUE) {
      return false;
    }
    long sum = total + digits;
    if (((total ^ sum) & (digits ^ sum)) < 0) {
      return false;
    }
    unscaled = sum;
    scale = Math.max(scale, amount.scale());
    return true;
  }

  /** {@code digits × 10^places}, or {@link Long#MIN_VALUE} when that is past a long. */
  private static long raised(long digits, long places) {
    if (places > LONG_DIGITS) {
      return digits == 0 ? 0 : Long.MIN_VALUE;
    }
    long power = Precision.POWERS_OF_TEN[(int) places];
    long low = digits * power;
    return Math.multiplyHigh(digits, power) == (low >> 63) ? low : Long.MIN_VALUE;
  }
}
