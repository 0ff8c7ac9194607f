package io.tally.cli;

import io.tally.kraken.api.CallCounter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock and sleeper for the client's call counter when Kraken is the in-process simulator with
 * its rate limit off (the demo): a wait is skipped and the clock moves on by it instead, so the
 * counter's arithmetic stays exact and the first sync takes seconds instead of minutes. Never used
 * against the real Kraken, whose limits are real.
 *
 * <p>Example: {@code builder.clock(waits).sleeper(waits::sleep)}. Thread-safe.
 */
final class SkippedWaits extends Clock {

  private final Clock real;
  private final AtomicLong skippedNanos = new AtomicLong();

  SkippedWaits(Clock real) {
    this.real = real;
  }

  /** The sleeper that skips: it moves this clock on by {@code duration}. */
  CallCounter.Sleeper sleeper() {
    return duration -> skippedNanos.addAndGet(duration.toNanos());
  }

  @Override
  public Instant instant() {
    return real.instant().plus(Duration.ofNanos(skippedNanos.get()));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("SkippedWaits is UTC only");
  }
}
