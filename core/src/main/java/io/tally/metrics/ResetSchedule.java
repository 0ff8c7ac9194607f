package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * When the live daily and weekly drawdown windows start again: every day at {@code
 * dailyResetHourUtc}:00 UTC, and every week on {@code weeklyResetDay} at that same hour.
 *
 * <p>Example: with {@code new ResetSchedule(8, DayOfWeek.MONDAY)}, the daily window that holds
 * Wednesday 2025-03-05T07:00Z started on Tuesday at 08:00Z, and its weekly window on Monday
 * 2025-03-03T08:00Z. Immutable.
 */
public record ResetSchedule(int dailyResetHourUtc, DayOfWeek weeklyResetDay) {

  /** Midnight UTC, weeks from Monday. */
  public static final ResetSchedule DEFAULT = new ResetSchedule(0, DayOfWeek.MONDAY);

  public ResetSchedule {
    if (dailyResetHourUtc < 0 || dailyResetHourUtc > 23) {
      throw new IllegalArgumentException(
          "dailyResetHourUtc must be 0..23, got " + dailyResetHourUtc);
    }
    requireNonNull(weeklyResetDay, "weeklyResetDay");
  }

  /** The latest daily reset at or before {@code at}. */
  public Instant dailyStart(Instant at) {
    LocalDateTime reset =
        LocalDateTime.ofInstant(at, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.DAYS)
            .withHour(dailyResetHourUtc);
    Instant start = reset.toInstant(ZoneOffset.UTC);
    return start.isAfter(at) ? start.minus(1, ChronoUnit.DAYS) : start;
  }

  /** The latest weekly reset at or before {@code at}. */
  public Instant weeklyStart(Instant at) {
    LocalDateTime reset =
        LocalDateTime.ofInstant(at, ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.DAYS)
            .withHour(dailyResetHourUtc)
            .with(TemporalAdjusters.previousOrSame(weeklyResetDay));
    Instant start = reset.toInstant(ZoneOffset.UTC);
    return start.isAfter(at) ? start.minus(7, ChronoUnit.DAYS) : start;
  }
}
