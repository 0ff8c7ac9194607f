package io.tally.tax;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * When units count as held long (ACCOUNTING.md §10): the disposal's date is more than {@code
 * longAfterDays} days after the acquisition's, both dates in the reporting time zone.
 *
 * <p>Example: with the default 365 days in UTC, units bought on 2024-03-01 and sold on 2025-03-01
 * were held 365 days: short; sold on 2025-03-02, 366 days: long. Immutable.
 *
 * @param longAfterDays the days a holding must exceed to be long; at least 0
 * @param zone the reporting time zone that dates the acquisition and the disposal
 */
public record HoldingPeriod(int longAfterDays, ZoneId zone) {

  /** The default threshold: a year of 365 days. */
  public static final int DEFAULT_DAYS = 365;

  public HoldingPeriod {
    requireNonNull(zone, "zone");
    if (longAfterDays < 0) {
      throw new IllegalArgumentException(
          "long_term_after_days must not be negative: " + longAfterDays);
    }
  }

  /** 365 days in UTC. */
  public static HoldingPeriod defaults() {
    return new HoldingPeriod(DEFAULT_DAYS, ZoneId.of("UTC"));
  }

  /** The term of units acquired at {@code acquired} and disposed of at {@code disposed}. */
  public HoldingTerm term(Instant acquired, Instant disposed) {
    long days = ChronoUnit.DAYS.between(date(acquired), date(disposed));
    return days > longAfterDays ? HoldingTerm.LONG : HoldingTerm.SHORT;
  }

  /** The date of {@code moment} in the reporting time zone. */
  public LocalDate date(Instant moment) {
    return LocalDate.ofInstant(moment, zone);
  }
}
