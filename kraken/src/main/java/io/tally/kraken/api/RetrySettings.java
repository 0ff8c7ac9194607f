package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How often and how patiently a failed call is tried again: exponential backoff with jitter.
 * Attempt {@code n} (from 1) waits about {@code initialBackoff × multiplier^(n−1)}, randomised by ±
 * {@code jitter} and capped at {@code maxBackoff}.
 *
 * <p>Example: {@code RetrySettings.defaults()} is 5 attempts, 500 ms initial backoff, × 2, ± 50%,
 * at most 30 s; tests use {@code new RetrySettings(5, Duration.ofMillis(1), 2,
 * Duration.ofMillis(5), 0.5)}. Immutable.
 *
 * @param maxAttempts attempts in all, the first included (1 = no retries)
 * @param initialBackoff the wait before the second attempt, before jitter
 * @param multiplier growth of the wait per attempt, at least 1
 * @param maxBackoff the longest wait
 * @param jitter the randomisation factor, 0 (none) up to below 1
 */
public record RetrySettings(
    int maxAttempts,
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    double jitter) {

  public RetrySettings {
    requireNonNull(initialBackoff, "initialBackoff");
    requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive: " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
    }
    if (!(jitter >= 0 && jitter < 1)) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
  }

  /** 5 attempts, 500 ms initial backoff, doubling, ± 50% jitter, at most 30 s. */
  public static RetrySettings defaults() {
    return new RetrySettings(5, Duration.ofMillis(500), 2, Duration.ofSeconds(30), 0.5);
  }

  /** The same settings with another number of attempts. */
  public RetrySettings withMaxAttempts(int attempts) {
    return new RetrySettings(attempts, initialBackoff, multiplier, maxBackoff, jitter);
  }
}
