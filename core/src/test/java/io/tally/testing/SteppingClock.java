package io.tally.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until someone moves it: a test or benchmark gives its {@link #sleep} to
 * the code under test as the way to wait, so waiting costs no real time and pacing is exact.
 *
 * <p>Example: {@code SteppingClock clock = new SteppingClock(start); client.sleeper(clock::sleep)}.
 * Thread-safe.
 */
public final class SteppingClock extends Clock {

  private Instant now;

  public SteppingClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock on by {@code duration}: a sleep that takes no real time. */
  public synchronized void sleep(Duration duration) {
    now = now.plus(duration);
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
    return this;
  }
}
