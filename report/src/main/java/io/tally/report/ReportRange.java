package io.tally.report;

import static java.util.Objects.requireNonNull;

import io.tally.engine.performance.PerformanceQuery;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The days a report covers, from the {@code from}, {@code to} and {@code year} a caller gave (the
 * command line's options, the API's parameters) by one rule for every report:
 *
 * <ul>
 *   <li>{@code monthly}: the calendar month of {@code from}, by default the last complete month;
 *   <li>{@code annual}: the calendar year {@code year} (or of {@code from}), by default the last
 *       complete year;
 *   <li>{@code tax} and {@code income}: {@code year} when given, else {@code from} (default: 1
 *       January of {@code to}'s year) to {@code to} (default: today) — a tax year to date;
 *   <li>{@code performance}, {@code trades} and {@code flows}: {@code year} when given, else {@code
 *       from} (default: the history's first day) to {@code to} (default: today);
 *   <li>{@code holdings}: the books now; no range may be given.
 * </ul>
 *
 * <p>Example: {@code ReportRange.of(ReportType.TAX, empty, empty, Optional.of(2025), today)} is
 * 2025-01-01 to 2025-12-31. Immutable.
 *
 * @param from the first day, empty for the history's first
 * @param to the last day, included
 * @param calendar whether the range is a calendar month or year, which a history may cover only in
 *     part (a performance report then leaves out the days before its first and after today)
 */
public record ReportRange(Optional<LocalDate> from, LocalDate to, boolean calendar) {

  public ReportRange {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (from.isPresent() && from.get().isAfter(to)) {
      throw new Refused("from", from.get() + " is after the last day " + to);
    }
  }

  /**
   * The range of a {@code type} report, from what was given, as of {@code today}.
   *
   * @throws Refused naming the option that contradicts another or the report
   */
  public static ReportRange of(
      ReportType type,
      Optional<LocalDate> from,
      Optional<LocalDate> to,
      Optional<Integer> year,
      LocalDate today) {
    if (year.isPresent() && (from.isPresent() || to.isPresent())) {
      throw new Refused("year", "names a whole year: give it without from and to");
    }
    year.ifPresent(
        y -> {
          if (y < 1970 || y > 9999) {
            throw new Refused("year", y + " is not a year YYYY from 1970");
          }
        });
    switch (type) {
      case HOLDINGS:
        if (from.isPresent() || to.isPresent() || year.isPresent()) {
          throw new Refused(
              from.isPresent() ? "from" : to.isPresent() ? "to" : "year",
              "is not for the holdings report, which is the books now (a past day: as-of)");
        }
        return new ReportRange(Optional.of(today), today, false);
      case MONTHLY:
        {
          if (to.isPresent() || year.isPresent()) {
            throw new Refused(
                to.isPresent() ? "to" : "year",
                "is not for the monthly report, one calendar month: give a day of it as from");
          }
          YearMonth month = from.map(YearMonth::from).orElse(YearMonth.from(today).minusMonths(1));
          return new ReportRange(Optional.of(month.atDay(1)), month.atEndOfMonth(), true);
        }
      case ANNUAL:
        {
          if (to.isPresent()) {
            throw new Refused(
                "to", "is not for the annual report, one calendar year: give it as year");
          }
          int whole = year.orElse(from.map(LocalDate::getYear).orElse(today.getYear() - 1));
          return wholeYear(whole);
        }
      case TAX:
      case INCOME:
        {
          if (year.isPresent()) {
            return wholeYear(year.get());
          }
          LocalDate last = to.orElse(today);
          return new ReportRange(Optional.of(from.orElse(last.withDayOfYear(1))), last, false);
        }
      case PERFORMANCE:
      case TRADES:
      case FLOWS:
        return year.isPresent()
            ? wholeYear(year.get())
            : new ReportRange(from, to.orElse(today), false);
    }
    throw new IllegalStateException("Unhandled " + type);
  }

  /**
   * The performance question of these days: a calendar month or year as far as the history and
   * today reach ({@link PerformanceQuery#calendar}), any other range exactly.
   */
  public PerformanceQuery performanceQuery() {
    return calendar
        ? PerformanceQuery.calendar(from.orElseThrow(), to)
        : new PerformanceQuery(from, Optional.of(to), Optional.empty());
  }

  /** The first day; {@code first} when the range starts with the history. */
  public LocalDate fromOr(LocalDate first) {
    return from.orElse(first);
  }

  private static ReportRange wholeYear(int year) {
    return new ReportRange(Optional.of(LocalDate.of(year, 1, 1)), LocalDate.of(year, 12, 31), true);
  }

  /**
   * A range refused, naming the option at fault: {@code from}, {@code to} or {@code year}.
   *
   * <p>Example: {@code Refused[year: names a whole year: give it without from and to]}, which the
   * command line prints as {@code --year names a whole year: ...}.
   */
  public static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;

    Refused(String option, String reason) {
      super("--" + option + " " + reason);
      this.option = option;
    }

    /** {@code from}, {@code to} or {@code year}. */
    public String option() {
      return option;
    }

    /** What is wrong, without the option's name. */
    public String reason() {
      return getMessage().substring(option.length() + 3);
    }
  }
}
