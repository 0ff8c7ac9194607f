package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The time-weighted return of one calendar period, chained from its daily returns. A period the
 * series only partly covers (the month it starts in, the week it ends in) covers only its days
 * {@code from..to}; it is not scaled up to the whole period.
 *
 * <p>Example: {@code new PeriodReturn("2025-03", LocalDate.parse("2025-03-01"),
 * LocalDate.parse("2025-03-31"), new BigDecimal("0.0412"))}. Immutable.
 *
 * @param value the return as a fraction ({@code 0.0412} is 4.12 %)
 */
public record PeriodReturn(String label, LocalDate from, LocalDate to, BigDecimal value) {

  public PeriodReturn {
    requireNonNull(label, "label");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(value, "value");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("Period " + label + " ends before it starts");
    }
  }
}
