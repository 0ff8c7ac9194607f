package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The time-weighted returns of a portfolio's daily series (ACCOUNTING.md §9): daily returns, their
 * chain-linked TWR and TWR index, CAGR, returns by week, month, quarter and year, and the total
 * PnL.
 *
 * <p>A day's return is split at each of its flows when they come with valuations ({@link
 * DailyValue#withFlows}), else it is the daily fallback {@code (V_t + out_t) / (V_{t−1} + in_t) −
 * 1}. The series starts at inception: the equity before its first day is zero, so the first day
 * runs from just after the first inflow, and leading days with no equity and no flows are dropped.
 * A day with no capital at its start (or at the start of a sub-period) but value at its end cannot
 * be measured: its return counts as 0 and the day is listed in {@link #unmeasuredDays()}.
 *
 * <p>Returns, the index and period returns are fractions ({@code 0.05} is 5 %) computed with {@link
 * Precision#RATIO} (34 significant digits) and not rounded further; PnL is money at {@link
 * Precision#MONEY_SCALE} decimals.
 *
 * <p>Example: 1000 deposited on 1 March and worth 1100 at the end of 2 March is a TWR of {@code
 * 0.1}: {@code Returns.of(List.of(DailyValue.of(d1, new BigDecimal("1000"), new BigDecimal("1000"),
 * BigDecimal.ZERO), DailyValue.of(d2, new BigDecimal("1100")))).twr()}. Immutable.
 */
public final class Returns {

  private static final MathContext RATIO = Precision.RATIO;

  private final BigDecimal openingEquity;
  private final List<DailyValue> days;
  private final List<Dated<BigDecimal>> daily;
  private final List<LocalDate> unmeasuredDays;

  private Returns(
      BigDecimal openingEquity,
      List<DailyValue> days,
      List<Dated<BigDecimal>> daily,
      List<LocalDate> unmeasuredDays) {
    this.openingEquity = openingEquity;
    this.days = List.copyOf(days);
    this.daily = List.copyOf(daily);
    this.unmeasuredDays = List.copyOf(unmeasuredDays);
  }

  /**
   * The returns of a series from inception: one {@link DailyValue} per calendar day, oldest first,
   * with no gaps.
   *
   * @throws IllegalArgumentException when a day is missing, repeated or out of order
   */
  public static Returns of(List<DailyValue> days) {
    requireNonNull(days, "days");
    int first = 0;
    while (first < days.size() && isEmpty(days.get(first))) {
      first++;
    }
    List<DailyValue> kept = days.subList(first, days.size());
    List<Dated<BigDecimal>> daily = new ArrayList<>();
    List<LocalDate> unmeasured = new ArrayList<>();
    BigDecimal previous = BigDecimal.ZERO;
    for (int i = 0; i < kept.size(); i++) {
      DailyValue day = requireNonNull(kept.get(i), "day");
      if (i > 0 && !day.date().equals(kept.get(i - 1).date().plusDays(1))) {
        throw new IllegalArgumentException(
            "The daily series must have every calendar day: "
                + day.date()
                + " follows "
                + kept.get(i - 1).date());
      }
      Growth growth = growth(previous, day);
      daily.add(new Dated<>(day.date(), growth.factor.subtract(BigDecimal.ONE, RATIO)));
      if (!growth.measured) {
        unmeasured.add(day.date());
      }
      previous = day.equity();
    }
    return new Returns(BigDecimal.ZERO, kept, daily, unmeasured);
  }

  private static boolean isEmpty(DailyValue day) {
    return day.equity().signum() == 0 && day.inflow().signum() == 0 && day.outflow().signum() == 0;
  }

  /** {@code 1 + r} of one day, and whether every part of the day had capital to measure. */
  private record Growth(BigDecimal factor, boolean measured) {}

  private static Growth growth(BigDecimal previous, DailyValue day) {
    if (day.flows().isEmpty()) {
      return ratio(previous.add(day.inflow()), day.equity().add(day.outflow()));
    }
    BigDecimal factor = BigDecimal.ONE;
    boolean measured = true;
    BigDecimal start = previous;
    for (FlowPoint flow : day.flows()) {
      Growth part = ratio(start, flow.valueBefore());
      factor = factor.multiply(part.factor, RATIO);
      measured &= part.measured;
      start = flow.valueAfter();
    }
    Growth last = ratio(start, day.equity());
    return new Growth(factor.multiply(last.factor, RATIO), measured && last.measured);
  }

  /** {@code end / start} of one sub-period; 1 when nothing was at risk. */
  private static Growth ratio(BigDecimal start, BigDecimal end) {
    if (start.signum() > 0) {
      return new Growth(end.divide(start, RATIO), true);
    }
    return new Growth(BigDecimal.ONE, start.signum() == 0 && end.signum() == 0);
  }

  /**
   * The same returns restricted to the days {@code from..to} (both included): TWR, CAGR, PnL and
   * every other figure of the window, starting from the equity at the end of the day before {@code
   * from}.
   */
  public Returns between(LocalDate from, LocalDate to) {
    if (days.isEmpty()) {
      throw new IllegalArgumentException("No days to take " + from + ".." + to + " from");
    }
    LocalDate first = days.get(0).date();
    LocalDate last = days.get(days.size() - 1).date();
    if (to.isBefore(from) || from.isBefore(first) || to.isAfter(last)) {
      throw new IllegalArgumentException(
          "Window " + from + ".." + to + " is not inside the series " + first + ".." + last);
    }
    int start = (int) (from.toEpochDay() - first.toEpochDay());
    int end = (int) (to.toEpochDay() - first.toEpochDay()) + 1;
    BigDecimal opening = start == 0 ? openingEquity : days.get(start - 1).equity();
    return new Returns(
        opening,
        days.subList(start, end),
        daily.subList(start, end),
        unmeasuredDays.stream().filter(date -> !date.isBefore(from) && !date.isAfter(to)).toList());
  }

  /** The days of the series, oldest first (leading empty days dropped). */
  public List<DailyValue> days() {
    return days;
  }

  /** The return of each day, oldest first. */
  public List<Dated<BigDecimal>> daily() {
    return daily;
  }

  /** Days whose return could not be measured (value appeared without capital), counted as 0. */
  public List<LocalDate> unmeasuredDays() {
    return unmeasuredDays;
  }

  /** The time-weighted return of the whole series: the daily returns chain-linked. */
  public BigDecimal twr() {
    return chain(daily);
  }

  /** The time-weighted return of the days {@code from..to}, both included. */
  public BigDecimal twr(LocalDate from, LocalDate to) {
    return between(from, to).twr();
  }

  private static BigDecimal chain(List<Dated<BigDecimal>> returns) {
    BigDecimal level = BigDecimal.ONE;
    for (Dated<BigDecimal> day : returns) {
      level = level.multiply(BigDecimal.ONE.add(day.value()), RATIO);
    }
    return level.subtract(BigDecimal.ONE, RATIO);
  }

  /**
   * The TWR index: 1 at the start, dated the day before the first day (its end is the first day's
   * start), then {@code Π(1 + r)} at the end of each day.
   */
  public List<Dated<BigDecimal>> index() {
    if (days.isEmpty()) {
      return List.of();
    }
    List<Dated<BigDecimal>> index = new ArrayList<>(daily.size() + 1);
    BigDecimal level = BigDecimal.ONE;
    index.add(new Dated<>(daily.get(0).date().minusDays(1), level));
    for (Dated<BigDecimal> day : daily) {
      level = level.multiply(BigDecimal.ONE.add(day.value()), RATIO);
      index.add(new Dated<>(day.date(), level));
    }
    return index;
  }

  /** Calendar days covered, both ends included. */
  public int calendarDays() {
    return days.size();
  }

  /**
   * CAGR {@code = (1 + TWR)^(365.25 / days) − 1}, days counting calendar days with both ends
   * included; absent for an empty series or when everything was lost ({@code TWR ≤ −1}).
   */
  public Metric<Double> cagr() {
    if (days.isEmpty()) {
      return Metric.absent("no days");
    }
    double growth = 1 + twr().doubleValue();
    if (growth <= 0) {
      return Metric.absent("the time-weighted return is -100 % or less");
    }
    return Metric.of(Math.pow(growth, 365.25 / calendarDays()) - 1);
  }

  /** Equity at the start: zero from inception, else the end of the day before the window. */
  public BigDecimal startEquity() {
    return openingEquity;
  }

  /** Equity at the end of the last day (the start equity when there are no days). */
  public BigDecimal endEquity() {
    return days.isEmpty() ? openingEquity : days.get(days.size() - 1).equity();
  }

  /** Deposits minus withdrawals over the days. */
  public BigDecimal netFlows() {
    return days.stream().map(DailyValue::netFlow).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** Total PnL {@code = end equity − start equity − net flows}, money at 8 decimals HALF_EVEN. */
  public BigDecimal totalPnl() {
    return Precision.money(endEquity().subtract(openingEquity).subtract(netFlows()));
  }

  /** The return of each period the days touch, oldest first (partial periods at the ends). */
  public List<PeriodReturn> byPeriod(ReportingPeriod period) {
    requireNonNull(period, "period");
    List<PeriodReturn> periods = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= daily.size(); i++) {
      String label = period.label(daily.get(start).date());
      if (i == daily.size() || !period.label(daily.get(i).date()).equals(label)) {
        periods.add(
            new PeriodReturn(
                label,
                daily.get(start).date(),
                daily.get(i - 1).date(),
                chain(daily.subList(start, i))));
        start = i;
      }
    }
    return periods;
  }

  /** The period with the highest return (the earliest of equals); empty without days. */
  public Optional<PeriodReturn> best(ReportingPeriod period) {
    return extreme(byPeriod(period), PeriodReturn::value, 1);
  }

  /** The period with the lowest return (the earliest of equals); empty without days. */
  public Optional<PeriodReturn> worst(ReportingPeriod period) {
    return extreme(byPeriod(period), PeriodReturn::value, -1);
  }

  /** The day with the highest return (the earliest of equals); empty without days. */
  public Optional<Dated<BigDecimal>> bestDay() {
    return extreme(daily, Dated::value, 1);
  }

  /** The day with the lowest return (the earliest of equals); empty without days. */
  public Optional<Dated<BigDecimal>> worstDay() {
    return extreme(daily, Dated::value, -1);
  }

  private static <T> Optional<T> extreme(List<T> items, Function<T, BigDecimal> value, int sign) {
    T found = null;
    for (T item : items) {
      if (found == null || value.apply(item).compareTo(value.apply(found)) * sign > 0) {
        found = item;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The daily returns as doubles, for statistics (ACCOUNTING.md §1 allows it). */
  double[] values() {
    return daily.stream().mapToDouble(day -> day.value().doubleValue()).toArray();
  }
}
