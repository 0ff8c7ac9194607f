package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The live drawdown a risk layer checks on every revaluation (ACCOUNTING.md §9): total (since the
 * first observation), daily and weekly, each against a high-water mark that the daily and weekly
 * windows set back at their {@link ResetSchedule} boundary.
 *
 * <p><b>Flows.</b> The marks follow the flow-adjusted (TWR) index, expressed in money: at a flow,
 * every peak is multiplied by {@code value after / value before}. So a withdrawal is never a
 * drawdown and a deposit never a new peak: the fraction below the peak is exactly the TWR index's,
 * and the peak reads as "what the portfolio would be worth at its high with today's capital". A
 * flow into a portfolio worth nothing (or less) starts the marks again at the value after it.
 *
 * <p><b>Boundaries.</b> When an observation is the first after a reset, the window's new peak is
 * the last equity observed before the boundary (the latest value known there), so a fall between
 * that observation and this one counts in the new window.
 *
 * <p><b>Why immutable.</b> {@link #observe} returns a new window and leaves this one as it was, so
 * the risk layer can publish the latest value through one reference and a reader never sees half an
 * update; an observation is a handful of BigDecimal operations, cheap enough to allocate.
 *
 * <p>Example: {@code DrawdownWindow.start(ResetSchedule.DEFAULT, t0, new BigDecimal("10000"))
 * .observe(t1, new BigDecimal("9500"), BigDecimal.ZERO).daily().drawdown()} is {@code 0.05}.
 * Immutable.
 */
public final class DrawdownWindow {

  private final ResetSchedule schedule;
  private final Instant at;
  private final BigDecimal equity;
  private final Mark total;
  private final Mark daily;
  private final Mark weekly;

  /** A peak at full precision and when its window started. */
  private record Mark(Instant resetAt, BigDecimal peak) {

    Mark rising(BigDecimal value) {
      return value.compareTo(peak) > 0 ? new Mark(resetAt, value) : this;
    }

    Mark scaled(BigDecimal before, BigDecimal after) {
      return new Mark(resetAt, DrawdownWindow.scaled(peak, before, after));
    }
  }

  private DrawdownWindow(
      ResetSchedule schedule, Instant at, BigDecimal equity, Mark total, Mark daily, Mark weekly) {
    this.schedule = schedule;
    this.at = at;
    this.equity = equity;
    this.total = total;
    this.daily = daily;
    this.weekly = weekly;
  }

  /**
   * {@code peak} after an external flow took the value from {@code before} to {@code after}: {@code
   * peak × after / before}, so the share under the peak is the TWR index's; {@code after} itself
   * when nothing (or less) was there before the flow. The one flow rule of every high-water mark,
   * the windows' and the risk layer's drawdown ladder's.
   */
  public static BigDecimal scaled(BigDecimal peak, BigDecimal before, BigDecimal after) {
    if (before.signum() <= 0) {
      return after;
    }
    return peak.multiply(after).divide(before, Precision.RATIO);
  }

  /** The windows after a first observation of {@code equity} at {@code at}: all at their peak. */
  public static DrawdownWindow start(ResetSchedule schedule, Instant at, BigDecimal equity) {
    requireNonNull(schedule, "schedule");
    requireNonNull(at, "at");
    requireNonNull(equity, "equity");
    return new DrawdownWindow(
        schedule,
        at,
        equity,
        new Mark(at, equity),
        new Mark(schedule.dailyStart(at), equity),
        new Mark(schedule.weeklyStart(at), equity));
  }

  /**
   * The windows after observing {@code equity} at {@code at}, just after an external {@code flow}
   * at that moment (deposit positive, withdrawal negative, zero for a plain revaluation; the value
   * just before the flow is {@code equity − flow}).
   *
   * @throws IllegalArgumentException when {@code at} is before the last observation
   */
  public DrawdownWindow observe(Instant at, BigDecimal equity, BigDecimal flow) {
    requireNonNull(at, "at");
    requireNonNull(equity, "equity");
    requireNonNull(flow, "flow");
    if (at.isBefore(this.at)) {
      throw new IllegalArgumentException(
          "Observation at " + at + " is before the last one at " + this.at);
    }
    Mark nextDaily = reset(daily, schedule.dailyStart(at));
    Mark nextWeekly = reset(weekly, schedule.weeklyStart(at));
    BigDecimal before = equity.subtract(flow);
    Mark nextTotal = total.rising(before);
    nextDaily = nextDaily.rising(before);
    nextWeekly = nextWeekly.rising(before);
    if (flow.signum() != 0) {
      nextTotal = nextTotal.scaled(before, equity);
      nextDaily = nextDaily.scaled(before, equity);
      nextWeekly = nextWeekly.scaled(before, equity);
    }
    return new DrawdownWindow(schedule, at, equity, nextTotal, nextDaily, nextWeekly);
  }

  /**
   * The windows after one more observation, for a feed that may not have started: none until equity
   * is first above zero (then they start there), and an observation dated before the last one (a
   * clock set back) leaves them as they were.
   *
   * <p>Example: {@code DrawdownWindow.next(Optional.empty(), schedule, t0, ZERO, ZERO)} is empty;
   * with equity 10,000 it is a window started at its peak.
   */
  public static Optional<DrawdownWindow> next(
      Optional<DrawdownWindow> window,
      ResetSchedule schedule,
      Instant at,
      BigDecimal equity,
      BigDecimal flow) {
    if (window.isEmpty()) {
      return equity.signum() > 0 ? Optional.of(start(schedule, at, equity)) : Optional.empty();
    }
    if (at.isBefore(window.get().at())) {
      return window;
    }
    return Optional.of(window.get().observe(at, equity, flow));
  }

  private Mark reset(Mark mark, Instant start) {
    return start.isAfter(mark.resetAt()) ? new Mark(start, equity) : mark;
  }

  /** The drawdown since the first observation. */
  public HighWaterMark total() {
    return view(total);
  }

  /** The drawdown since the last daily reset. */
  public HighWaterMark daily() {
    return view(daily);
  }

  /** The drawdown since the last weekly reset. */
  public HighWaterMark weekly() {
    return view(weekly);
  }

  /** The equity last observed. */
  public BigDecimal equity() {
    return equity;
  }

  /** When equity was last observed. */
  public Instant at() {
    return at;
  }

  private HighWaterMark view(Mark mark) {
    BigDecimal drawdown =
        mark.peak().signum() <= 0
            ? BigDecimal.ZERO
            : BigDecimal.ONE.subtract(equity.divide(mark.peak(), Precision.RATIO), Precision.RATIO);
    return new HighWaterMark(
        mark.resetAt(),
        Precision.money(mark.peak()),
        Precision.money(mark.peak().subtract(equity)),
        drawdown);
  }

  /** Equal when both hold the same marks, equity and moment under the same schedule. */
  @Override
  public boolean equals(Object other) {
    return other instanceof DrawdownWindow that
        && schedule.equals(that.schedule)
        && at.equals(that.at)
        && equity.equals(that.equity)
        && total.equals(that.total)
        && daily.equals(that.daily)
        && weekly.equals(that.weekly);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schedule, at, equity, total, daily, weekly);
  }

  @Override
  public String toString() {
    return "DrawdownWindow[at="
        + at
        + ", equity="
        + equity.toPlainString()
        + ", total="
        + total()
        + ", daily="
        + daily()
        + ", weekly="
        + weekly()
        + "]";
  }
}
