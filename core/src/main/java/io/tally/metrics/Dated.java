package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * A figure for one reporting day (the end of that day, in the reporting time zone): a point of the
 * daily return series, of the TWR index or of a rolling statistic.
 *
 * <p>Example: {@code new Dated<>(LocalDate.parse("2025-03-01"), new BigDecimal("0.0125"))}, a
 * return of 1.25 % on 1 March 2025. Immutable when its value is.
 *
 * @param <T> the figure
 */
public record Dated<T>(LocalDate date, T value) {

  public Dated {
    requireNonNull(date, "date");
    requireNonNull(value, "value");
  }
}
