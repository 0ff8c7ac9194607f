package io.tally.report.performance;

import static java.util.Objects.requireNonNull;

import io.tally.metrics.PeriodReturn;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row of the month-by-month returns grid: a calendar year, the time-weighted return of each
 * month of it the report covers (a month the report covers only in part has the return of its
 * covered days, not scaled up), and the year's own return over the same days.
 *
 * <p>Example: {@code ReturnYear[year=2025, months={3=PeriodReturn[2025-03, ..., 0.0412], 4=...},
 * whole=PeriodReturn[2025, 2025-03-10, 2025-04-30, 0.0519]]}. Immutable.
 *
 * @param year the calendar year
 * @param months the return of each month covered, by month number (1 is January)
 * @param whole the year's return over its covered days
 */
public record ReturnYear(int year, SortedMap<Integer, PeriodReturn> months, PeriodReturn whole) {

  public ReturnYear {
    months = Collections.unmodifiableSortedMap(new TreeMap<>(months));
    requireNonNull(whole, "whole");
    for (Integer month : months.keySet()) {
      if (month < 1 || month > 12) {
        throw new IllegalArgumentException("Month " + month + " of " + year + " is not 1..12");
      }
    }
  }

  /** The return of {@code month} (1 is January), empty when the report does not cover it. */
  public Optional<PeriodReturn> month(int month) {
    return Optional.ofNullable(months.get(month));
  }
}
