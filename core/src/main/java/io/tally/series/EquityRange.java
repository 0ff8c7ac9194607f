package io.tally.series;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The views of the equity series a chart offers, each with the span it covers and the bucket its
 * points are downsampled to (about 300 points per view; {@link #ALL} is daily).
 *
 * <p>Example: {@code EquityRange.parse("7d").bucket()} is 30 minutes.
 */
public enum EquityRange {
  /** The last 24 hours in 5-minute buckets. */
  DAY("24h", Duration.ofHours(24), Duration.ofMinutes(5)),
  /** The last 7 days in 30-minute buckets. */
  WEEK("7d", Duration.ofDays(7), Duration.ofMinutes(30)),
  /** The last 30 days in 2-hour buckets. */
  MONTH("30d", Duration.ofDays(30), Duration.ofHours(2)),
  /** Everything kept, in daily buckets. */
  ALL("all", Duration.ZERO, Duration.ofDays(1));

  private final String code;
  private final Duration span;
  private final Duration bucket;

  EquityRange(String code, Duration span, Duration bucket) {
    this.code = code;
    this.span = span;
    this.bucket = bucket;
  }

  /** How the API names the range: {@code 24h}, {@code 7d}, {@code 30d} or {@code all}. */
  public String code() {
    return code;
  }

  /** The width of one downsampled bucket. */
  public Duration bucket() {
    return bucket;
  }

  /** The first moment the range shows at {@code now}; empty for {@link #ALL}. */
  public Optional<Instant> start(Instant now) {
    return this == ALL ? Optional.empty() : Optional.of(now.minus(span));
  }

  /** Parses the API's name of a range. */
  public static EquityRange parse(String text) {
    for (EquityRange range : values()) {
      if (range.code.equals(text.toLowerCase(Locale.ROOT))) {
        return range;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a range: use 24h, 7d, 30d or all");
  }
}
