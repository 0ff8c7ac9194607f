package io.tally.kraken.api;

import java.time.Clock;

/**
 * Where private calls get their nonces: each call to {@link #next()} returns a number strictly
 * greater than every number it returned before, for one API key (kraken-api.md §3.4). Kraken
 * rejects a nonce that is not greater than the last one it accepted for the key.
 *
 * <p>Example: {@code new FileNonceSource(Path.of("kraken.nonce"), Clock.systemUTC()).next()} is
 * about the current time in microseconds, such as {@code 1756935121565366}. Implementations are
 * thread-safe.
 */
public interface NonceSource {

  /** The next nonce, strictly greater than every earlier one. */
  long next();

  /**
   * Nonces from the clock in microseconds, kept strictly increasing in memory only: a restart after
   * the clock went backwards can repeat old values, so prefer {@link FileNonceSource}.
   */
  static NonceSource ofClock(Clock clock) {
    return new ClockNonceSource(clock);
  }
}
