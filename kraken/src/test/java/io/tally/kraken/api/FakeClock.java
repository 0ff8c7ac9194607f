package io.tally.kraken.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A clock that moves only when told to, and a {@link CallCounter.Sleeper} that records each wait
 * and moves the clock by it instead of sleeping. Thread-safe.
 */
final class FakeClock extends Clock {

  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  FakeClock(Instant start) {
    this.now = start;
  }

  synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  synchronized void set(Instant instant) {
    now = instant;
  }

  /** A sleeper that advances this clock. */
  CallCounter.Sleeper sleeper() {
    return duration -> {
      synchronized (this) {
        sleeps.add(duration);
        now = now.plus(duration);
      }
    };
  }

  /** Every wait the sleeper was asked for. */
  synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** The waits added up. */
  synchronized Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeClock is UTC only");
  }
}
