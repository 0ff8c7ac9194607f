package io.tally.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * The calendar buckets returns are reported by, each with the label a report shows: ISO weeks
 * ({@code 2025-W07}, Monday to Sunday, in the ISO week-based year, so 2024-12-30 is in {@code
 * 2025-W01}), months ({@code 2025-03}), quarters ({@code 2025-Q1}) and years ({@code 2025}).
 *
 * <p>Example: {@code ReportingPeriod.QUARTER.label(LocalDate.parse("2025-03-31"))} is {@code
 * 2025-Q1}.
 */
public enum ReportingPeriod {
  /** An ISO week, Monday to Sunday. */
  WEEK,
  /** A calendar month. */
  MONTH,
  /** A calendar quarter. */
  QUARTER,
  /** A calendar year. */
  YEAR;

  /** The label of the period that contains {@code date}. */
  public String label(LocalDate date) {
    switch (this) {
      case WEEK:
        return String.format(
            Locale.ROOT,
            "%d-W%02d",
            date.get(IsoFields.WEEK_BASED_YEAR),
            date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH:
        return String.format(Locale.ROOT, "%d-%02d", date.getYear(), date.getMonthValue());
      case QUARTER:
        return String.format(
            Locale.ROOT, "%d-Q%d", date.getYear(), date.get(IsoFields.QUARTER_OF_YEAR));
      case YEAR:
        return Integer.toString(date.getYear());
    }
    throw new IllegalStateException("Unhandled " + this);
  }

  /** The first day of the period that contains {@code date}. */
  public LocalDate start(LocalDate date) {
    switch (this) {
      case WEEK:
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH:
        return date.withDayOfMonth(1);
      case QUARTER:
        return date.withDayOfMonth(1).withMonth((date.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1);
      case YEAR:
        return date.withDayOfYear(1);
    }
    throw new IllegalStateException("Unhandled " + this);
  }
}
