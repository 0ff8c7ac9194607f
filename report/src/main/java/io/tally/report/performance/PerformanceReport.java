package io.tally.report.performance;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.engine.performance.Performance;
import io.tally.metrics.PeriodReturn;
import io.tally.metrics.ReportingPeriod;
import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.series.Attribution;
import io.tally.series.DayEnd;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The performance report of issue 14 (the monthly and annual reports are the same for a calendar
 * month or year): the engine's {@link Performance} of a range of days, plus what a filed report
 * needs beyond it: the base currency, the period, when it was generated, and the data issues the
 * caller says affect it, each with its effect ({@link ReportedIssue}). The renderers ({@link
 * PerformanceReportJson}, {@link PerformanceReportCsv}, {@link PerformancePdf}) read every number
 * from here, so they agree.
 *
 * <p>The figures of the period: equity at its start ({@link #startEquity()}, the end of the day
 * before it, zero from inception) and at its end, the inflows and outflows of its days, the fees
 * paid in it (every asset's, from the engine's attribution of the range), and whether anything
 * traded in it ({@link #tradingActivity()}).
 *
 * <p>Example: {@code PerformanceReport.of(performance, Asset.USD,
 * Instant.parse("2026-12-04T10:00:00Z"), issues).fees()} is {@code 123.45000000}. Immutable.
 *
 * @param performance the engine's figures of the range
 * @param base the currency every amount is in
 * @param from the first day of the period
 * @param to the last day of the period
 * @param generatedAt when the report was made
 * @param issues the data issues that affect the numbers, as the caller gave them, in its order
 */
public record PerformanceReport(
    Performance performance,
    Asset base,
    LocalDate from,
    LocalDate to,
    Instant generatedAt,
    List<ReportedIssue> issues) {

  public PerformanceReport {
    requireNonNull(performance, "performance");
    requireNonNull(base, "base");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(generatedAt, "generatedAt");
    issues = List.copyOf(issues);
    List<DayEnd> days = performance.days();
    if (!days.get(0).date().equals(from) || !days.get(days.size() - 1).date().equals(to)) {
      throw new IllegalArgumentException(
          "The period "
              + from
              + ".."
              + to
              + " is not the performance's days "
              + days.get(0).date()
              + ".."
              + days.get(days.size() - 1).date());
    }
  }

  /** The report of {@code performance}'s days, each issue with the effect of its kind. */
  public static PerformanceReport of(
      Performance performance, Asset base, Instant generatedAt, List<DataIssue> issues) {
    List<DayEnd> days = performance.days();
    return new PerformanceReport(
        performance,
        base,
        days.get(0).date(),
        days.get(days.size() - 1).date(),
        generatedAt,
        issues.stream().map(ReportedIssue::of).toList());
  }

  /** Equity at the start: the end of the day before the period, zero from inception. */
  public BigDecimal startEquity() {
    return performance.returns().startEquity();
  }

  /** Equity at the end of the period's last day. */
  public BigDecimal endEquity() {
    return performance.returns().endEquity();
  }

  /** Deposits (and rewards counted as contributions) of the period, at their value. */
  public BigDecimal inflows() {
    return sumOfDays(DayEnd::inflow);
  }

  /** Withdrawals of the period at their value, a positive number (their fees are costs). */
  public BigDecimal outflows() {
    return sumOfDays(DayEnd::outflow);
  }

  /**
   * Fees paid in the period, in the base currency: what the engine attributes to every asset over
   * the range ({@link Performance#byAsset()}), trade fees and the fees of flows alike.
   */
  public BigDecimal fees() {
    BigDecimal total = BigDecimal.ZERO;
    for (Attribution asset : performance.byAsset().values()) {
      total = total.add(asset.fees());
    }
    return Precision.money(total);
  }

  /**
   * Whether anything traded in the period: a trade cycle closed, or a strategy tag or an asset has
   * a trade in it. A period without says "No trading activity" and still shows its flows.
   */
  public boolean tradingActivity() {
    return performance.trades().count() > 0
        || performance.byStrategy().values().stream().anyMatch(made -> made.trades() != 0)
        || performance.byAsset().values().stream().anyMatch(made -> made.trades() != 0);
  }

  /** The month-by-month returns grid, one row per calendar year the period touches. */
  public List<ReturnYear> monthlyReturns() {
    Map<Integer, TreeMap<Integer, PeriodReturn>> months = new LinkedHashMap<>();
    for (PeriodReturn month : performance.returns().byPeriod(ReportingPeriod.MONTH)) {
      months
          .computeIfAbsent(month.from().getYear(), year -> new TreeMap<>())
          .put(month.from().getMonthValue(), month);
    }
    List<ReturnYear> years = new ArrayList<>();
    for (PeriodReturn year : performance.returns().byPeriod(ReportingPeriod.YEAR)) {
      int number = year.from().getYear();
      years.add(new ReturnYear(number, months.getOrDefault(number, new TreeMap<>()), year));
    }
    return years;
  }

  /** The flows of each calendar month the period touches, oldest first, months without too. */
  public List<PeriodFlows> flowsByMonth() {
    Map<String, BigDecimal[]> months = new LinkedHashMap<>();
    for (DayEnd day : performance.days()) {
      BigDecimal[] sums =
          months.computeIfAbsent(
              ReportingPeriod.MONTH.label(day.date()),
              label -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      sums[0] = sums[0].add(day.inflow());
      sums[1] = sums[1].add(day.outflow());
    }
    List<PeriodFlows> flows = new ArrayList<>();
    months.forEach(
        (label, sums) ->
            flows.add(new PeriodFlows(label, Precision.money(sums[0]), Precision.money(sums[1]))));
    return flows;
  }

  private BigDecimal sumOfDays(Function<DayEnd, BigDecimal> figure) {
    BigDecimal total = BigDecimal.ZERO;
    for (DayEnd day : performance.days()) {
      total = total.add(figure.apply(day));
    }
    return Precision.money(total);
  }
}
