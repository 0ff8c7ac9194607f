package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The schedules of a running service that are not reconciliation: how often it syncs with Kraken
 * ({@code sync.interval}), how often it samples the equity series ({@code equity_series.interval},
 * on its own clock, never driven by API polling) and how long samples are kept ({@code
 * equity_series.retention_days}).
 *
 * <p>Example: {@code ScheduleConfig.defaults()} syncs every 60 s and samples every 5 minutes,
 * keeping a year. Immutable.
 */
public record ScheduleConfig(
    Duration syncInterval, Duration equityInterval, int equityRetentionDays) {

  public ScheduleConfig {
    requirePositive(syncInterval, "syncInterval");
    requirePositive(equityInterval, "equityInterval");
    if (equityRetentionDays < 1) {
      throw new IllegalArgumentException(
          "equityRetentionDays must be at least 1: " + equityRetentionDays);
    }
  }

  /** Sync every 60 s; sample equity every 5 minutes and keep 365 days of it. */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig(Duration.ofSeconds(60), Duration.ofMinutes(5), 365);
  }

  private static void requirePositive(Duration duration, String name) {
    requireNonNull(duration, name);
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}
