package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;

/**
 * Nonces {@code max(now in microseconds, last + 1)}, remembered in memory only. Example: two calls
 * in the same microsecond {@code 1756935121565366} give that value and {@code 1756935121565367}.
 * Thread-safe.
 */
final class ClockNonceSource implements NonceSource {

  private final Clock clock;
  private long last;

  ClockNonceSource(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public synchronized long next() {
    last = Math.max(micros(clock.instant()), last + 1);
    return last;
  }

  /** Microseconds since the epoch. */
  static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }
}
