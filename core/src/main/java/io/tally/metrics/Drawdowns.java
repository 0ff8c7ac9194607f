package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drawdowns of the TWR index, never of raw equity, so deposits do not hide a fall and withdrawals
 * do not make one (ACCOUNTING.md §9). The first peak is the index's start (1). A drawdown's depth
 * is {@code 1 − index / running peak}, a fraction at {@link Precision#RATIO}; 0 means at a peak.
 *
 * <p>Time under water counts the days whose end is below the running peak, one episode at a time;
 * the longest includes the episode still open at the last day.
 *
 * <p>Example: an index 1 → 1.2 → 0.9 → 1.2 has a maximum drawdown of {@code 0.25} (peaked on day 1,
 * trough on day 2, recovered on day 3) and one day under water: {@code
 * Drawdowns.of(returns).max()}. Immutable.
 */
public final class Drawdowns {

  private final List<Dated<BigDecimal>> index;
  private final List<Dated<BigDecimal>> depths;
  private final Optional<Drawdown> max;
  private final int longestUnderwaterDays;

  private Drawdowns(List<Dated<BigDecimal>> index) {
    this.index = List.copyOf(index);
    List<Dated<BigDecimal>> depthList = new ArrayList<>(index.size());
    BigDecimal peak = BigDecimal.ZERO;
    int peakAt = 0;
    int troughAt = -1;
    int maxPeakAt = -1;
    BigDecimal deepest = BigDecimal.ZERO;
    int underwater = 0;
    int longest = 0;
    for (int i = 0; i < index.size(); i++) {
      BigDecimal level = index.get(i).value();
      if (i == 0 || level.compareTo(peak) >= 0) {
        peak = level;
        peakAt = i;
        underwater = 0;
        depthList.add(new Dated<>(index.get(i).date(), BigDecimal.ZERO));
        continue;
      }
      BigDecimal depth = depth(level, peak);
      depthList.add(new Dated<>(index.get(i).date(), depth));
      underwater++;
      longest = Math.max(longest, underwater);
      if (depth.compareTo(deepest) > 0) {
        deepest = depth;
        troughAt = i;
        maxPeakAt = peakAt;
      }
    }
    this.depths = List.copyOf(depthList);
    this.longestUnderwaterDays = longest;
    if (troughAt < 0) {
      this.max = Optional.empty();
    } else {
      BigDecimal peakLevel = index.get(maxPeakAt).value();
      Optional<LocalDate> recovery = Optional.empty();
      for (int i = troughAt + 1; i < index.size(); i++) {
        if (index.get(i).value().compareTo(peakLevel) >= 0) {
          recovery = Optional.of(index.get(i).date());
          break;
        }
      }
      this.max =
          Optional.of(
              new Drawdown(
                  deepest, index.get(maxPeakAt).date(), index.get(troughAt).date(), recovery));
    }
  }

  /** The drawdowns of a series' TWR index. */
  public static Drawdowns of(Returns returns) {
    return new Drawdowns(requireNonNull(returns, "returns").index());
  }

  private static BigDecimal depth(BigDecimal level, BigDecimal peak) {
    if (peak.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    return BigDecimal.ONE.subtract(level.divide(peak, Precision.RATIO), Precision.RATIO);
  }

  /**
   * The deepest drawdown (the earliest of equals), with its peak, trough and recovery; empty when
   * the index never fell below a peak.
   */
  public Optional<Drawdown> max() {
    return max;
  }

  /** The depth of the deepest drawdown; 0 when there was none. */
  public BigDecimal maxDepth() {
    return max.map(Drawdown::depth).orElse(BigDecimal.ZERO);
  }

  /** How far the index is below its peak at the end of the last day; 0 at a peak. */
  public BigDecimal current() {
    return depths.isEmpty() ? BigDecimal.ZERO : depths.get(depths.size() - 1).value();
  }

  /** The depth below the running peak at the end of each day, starting with the index's start. */
  public List<Dated<BigDecimal>> depths() {
    return depths;
  }

  /**
   * The most consecutive days whose end was below the running peak, the still-open episode
   * included.
   */
  public int longestUnderwaterDays() {
    return longestUnderwaterDays;
  }

  /**
   * The deepest drawdown inside each trailing window of {@code days} days, for every day from the
   * {@code days}-th on: the window's first peak is the index at the end of the day before it, so
   * each value is the maximum drawdown of that window alone.
   */
  public List<Dated<BigDecimal>> rollingMax(int days) {
    if (days < 1) {
      throw new IllegalArgumentException("A rolling window needs at least one day, got " + days);
    }
    List<Dated<BigDecimal>> rolling = new ArrayList<>();
    for (int end = days; end < index.size(); end++) {
      BigDecimal peak = index.get(end - days).value();
      // The deepest point is the lowest level / peak: found by comparing cross products (exact),
      // and divided once, which gives the same figure as dividing at every day (rounding keeps
      // the order).
      BigDecimal worstLevel = BigDecimal.ONE;
      BigDecimal worstPeak = BigDecimal.ONE;
      for (int i = end - days + 1; i <= end; i++) {
        BigDecimal level = index.get(i).value();
        if (level.compareTo(peak) >= 0) {
          peak = level;
        } else if (peak.signum() > 0
            && level.multiply(worstPeak).compareTo(worstLevel.multiply(peak)) < 0) {
          worstLevel = level;
          worstPeak = peak;
        }
      }
      rolling.add(
          new Dated<>(index.get(end).date(), BigDecimal.ZERO.max(depth(worstLevel, worstPeak))));
    }
    return rolling;
  }
}
