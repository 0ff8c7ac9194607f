package io.tally.engine.risk;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ids checks are known by: a random prefix drawn once per service (so ids from two runs never
 * meet) and a counter, cheap enough for every check, unlike a random UUID each.
 *
 * <p>Example: {@code 3f2a9c1e-17}, the 17th check of the run whose prefix is {@code 3f2a9c1e}.
 * Thread-safe.
 */
final class CheckIds {

  private final String prefix = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong count = new AtomicLong();

  /** The next id. */
  String next() {
    return prefix + "-" + count.incrementAndGet();
  }
}
