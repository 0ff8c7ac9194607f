package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/**
 * Statistics of closed flat→flat trade cycles (ACCOUNTING.md §9). A cycle is a win when its net PnL
 * is above zero, a loss below, break-even at exactly zero; break-even cycles count apart and are
 * left out of the win rate's denominator and of the streaks (a break-even cycle ends a streak).
 * Streaks follow the order in which cycles closed.
 *
 * <ul>
 *   <li>win rate {@code = wins / (wins + losses)}; profit factor {@code = Σ wins / |Σ losses|};
 *       payoff ratio {@code = average win / |average loss|};
 *   <li>expectancy {@code = Σ net / count}, the average net PnL per cycle, break-even included;
 *   <li>fees as % of gross {@code = Σ fees / Σ (net + fees) × 100}, negative when gross was a loss.
 * </ul>
 *
 * Money figures are at 8 decimals HALF_EVEN; the percentage at 4; ratios and durations are doubles.
 *
 * <p>Example: {@code TradeCycles.of(cycles).profitFactor()} is {@code 2.5} or {@code absent: no
 * losing cycles}. Immutable.
 */
public final class TradeCycles {

  private final List<TradeCycle> cycles;

  private TradeCycles(List<TradeCycle> cycles) {
    this.cycles = cycles;
  }

  /** The statistics of {@code cycles}, in any order. */
  public static TradeCycles of(List<TradeCycle> cycles) {
    return new TradeCycles(
        requireNonNull(cycles, "cycles").stream()
            .sorted(Comparator.comparing(TradeCycle::closedAt))
            .toList());
  }

  /** The cycles in the order they closed. */
  public List<TradeCycle> cycles() {
    return cycles;
  }

  /** How many cycles. */
  public int count() {
    return cycles.size();
  }

  /** Cycles with a positive net PnL. */
  public int wins() {
    return (int) cycles.stream().filter(cycle -> cycle.netPnl().signum() > 0).count();
  }

  /** Cycles with a negative net PnL. */
  public int losses() {
    return (int) cycles.stream().filter(cycle -> cycle.netPnl().signum() < 0).count();
  }

  /** Cycles with a net PnL of exactly zero. */
  public int breakEven() {
    return count() - wins() - losses();
  }

  /** {@code wins / (wins + losses)}; absent when every cycle broke even or there are none. */
  public Metric<Double> winRate() {
    int decided = wins() + losses();
    return decided == 0
        ? Metric.absent("no winning or losing cycles")
        : Metric.of((double) wins() / decided);
  }

  /** The mean net PnL of the winning cycles. */
  public Metric<BigDecimal> averageWin() {
    return average(sum(1), wins(), "no winning cycles");
  }

  /** The mean net PnL of the losing cycles (negative). */
  public Metric<BigDecimal> averageLoss() {
    return average(sum(-1), losses(), "no losing cycles");
  }

  /** The highest net PnL of a winning cycle. */
  public Metric<BigDecimal> largestWin() {
    return cycles.stream()
        .map(TradeCycle::netPnl)
        .filter(pnl -> pnl.signum() > 0)
        .max(Comparator.naturalOrder())
        .map(pnl -> Metric.of(Precision.money(pnl)))
        .orElse(Metric.absent("no winning cycles"));
  }

  /** The lowest (most negative) net PnL of a losing cycle. */
  public Metric<BigDecimal> largestLoss() {
    return cycles.stream()
        .map(TradeCycle::netPnl)
        .filter(pnl -> pnl.signum() < 0)
        .min(Comparator.naturalOrder())
        .map(pnl -> Metric.of(Precision.money(pnl)))
        .orElse(Metric.absent("no losing cycles"));
  }

  /** {@code Σ wins / |Σ losses|}; absent without losses (it would be infinite). */
  public Metric<Double> profitFactor() {
    if (losses() == 0) {
      return Metric.absent("no losing cycles");
    }
    return Metric.of(sum(1).doubleValue() / sum(-1).abs().doubleValue());
  }

  /** {@code average win / |average loss|}; absent without wins or without losses. */
  public Metric<Double> payoffRatio() {
    return averageWin()
        .flatMap(win -> averageLoss().map(loss -> win.doubleValue() / loss.abs().doubleValue()));
  }

  /** The average net PnL per cycle, break-even cycles included. */
  public Metric<BigDecimal> expectancy() {
    return average(
        cycles.stream().map(TradeCycle::netPnl).reduce(BigDecimal.ZERO, BigDecimal::add),
        count(),
        "no cycles");
  }

  /** Wins in a row at the end (0 when the last cycle was not a win). */
  public int currentWinStreak() {
    return streak(1, true);
  }

  /** Losses in a row at the end (0 when the last cycle was not a loss). */
  public int currentLossStreak() {
    return streak(-1, true);
  }

  /** The most wins in a row. */
  public int longestWinStreak() {
    return streak(1, false);
  }

  /** The most losses in a row. */
  public int longestLossStreak() {
    return streak(-1, false);
  }

  private int streak(int sign, boolean current) {
    int run = 0;
    int longest = 0;
    for (TradeCycle cycle : cycles) {
      run = cycle.netPnl().signum() == sign ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return current ? run : longest;
  }

  /** The mean time a position was open, in minutes. */
  public Metric<Double> averageDurationMinutes() {
    if (cycles.isEmpty()) {
      return Metric.absent("no cycles");
    }
    return Metric.of(cycles.stream().mapToDouble(TradeCycles::minutes).average().orElseThrow());
  }

  /** The median time a position was open, in minutes (the mean of the middle two when even). */
  public Metric<Double> medianDurationMinutes() {
    if (cycles.isEmpty()) {
      return Metric.absent("no cycles");
    }
    double[] minutes = cycles.stream().mapToDouble(TradeCycles::minutes).sorted().toArray();
    int middle = minutes.length / 2;
    return Metric.of(
        minutes.length % 2 == 1 ? minutes[middle] : (minutes[middle - 1] + minutes[middle]) / 2);
  }

  private static double minutes(TradeCycle cycle) {
    return cycle.duration().toNanos() / 60e9;
  }

  /** Σ fees over the cycles. */
  public BigDecimal fees() {
    return cycles.stream().map(TradeCycle::fees).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Σ (net + fees) over the cycles. */
  public BigDecimal grossPnl() {
    return cycles.stream().map(TradeCycle::grossPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** {@code Σ fees / Σ gross × 100} at 4 decimals; absent when gross PnL is zero. */
  public Metric<BigDecimal> feesPercentOfGross() {
    BigDecimal gross = grossPnl();
    if (gross.signum() == 0) {
      return Metric.absent("gross PnL is zero");
    }
    return Metric.of(Precision.percent(fees(), gross));
  }

  private BigDecimal sum(int sign) {
    return cycles.stream()
        .map(TradeCycle::netPnl)
        .filter(pnl -> pnl.signum() == sign)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static Metric<BigDecimal> average(BigDecimal total, int count, String reason) {
    if (count == 0) {
      return Metric.absent(reason);
    }
    return Metric.of(
        total.divide(BigDecimal.valueOf(count), Precision.MONEY_SCALE, RoundingMode.HALF_EVEN));
  }
}
