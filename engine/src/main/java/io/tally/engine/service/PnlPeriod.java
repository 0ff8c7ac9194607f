package io.tally.engine.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * The periods {@code getPnlSummary} answers for: everything, the last 24 hours, 7 or 30 days, or
 * the year to date (from January 1st, 00:00 UTC).
 *
 * <p>Example: {@code PnlPeriod.parse("7d").start(now)} is {@code now − 7 days}.
 */
public enum PnlPeriod {
  /** Since the books began. */
  ALL("all"),
  /** The last 24 hours. */
  DAY("24h"),
  /** The last 7 days. */
  WEEK("7d"),
  /** The last 30 days. */
  MONTH("30d"),
  /** Since January 1st of this year, UTC. */
  YEAR_TO_DATE("ytd");

  private final String code;

  PnlPeriod(String code) {
    this.code = code;
  }

  /** How the contract names it: {@code all}, {@code 24h}, {@code 7d}, {@code 30d}, {@code ytd}. */
  public String code() {
    return code;
  }

  /** Where the period starts at {@code now}; empty for {@link #ALL}. */
  public Optional<Instant> start(Instant now) {
    switch (this) {
      case DAY:
        return Optional.of(now.minus(Duration.ofDays(1)));
      case WEEK:
        return Optional.of(now.minus(Duration.ofDays(7)));
      case MONTH:
        return Optional.of(now.minus(Duration.ofDays(30)));
      case YEAR_TO_DATE:
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        return Optional.of(
            ZonedDateTime.of(utc.getYear(), 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant());
      default:
        return Optional.empty();
    }
  }

  /** Parses the contract's name of a period. */
  public static PnlPeriod parse(String text) {
    for (PnlPeriod period : values()) {
      if (period.code.equals(text.toLowerCase(Locale.ROOT))) {
        return period;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a period: use all, 24h, 7d, 30d or ytd");
  }
}
