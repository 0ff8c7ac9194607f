package io.tally.sim;

import java.util.SplittableRandom;

/**
 * One seeded random walk of a market factor (such as BTC in USD) at one-minute steps. The value is
 * held as an integer count of 10⁻⁸ units; each step multiplies it by {@code 1 + shock}, where the
 * shock is a whole number of parts per million drawn from a normal distribution (the random draw is
 * the only floating-point number, and it never touches an amount). An anchored walk is pulled back
 * towards its anchor, like a stablecoin or a currency pair.
 *
 * <p>Example: {@code new PriceWalk(random, 6_000_000_000_000L, 790, 0)}: BTC from 60 000 USD with
 * about 3 % daily volatility. Not thread-safe.
 */
final class PriceWalk {

  /** Decimals of the internal value. */
  static final int SCALE = 8;

  private static final long MILLION = 1_000_000L;

  private final SplittableRandom random;
  private final int sigmaPpm;
  private final long anchor;
  private final long floor;
  private long value;

  PriceWalk(SplittableRandom random, long start, int sigmaPpm, long anchor) {
    this.random = random;
    this.value = start;
    this.sigmaPpm = sigmaPpm;
    this.anchor = anchor;
    this.floor = Math.max(1, start / 20);
  }

  /** The current value in 10⁻⁸ units. */
  long value() {
    return value;
  }

  /** Steps one minute on and returns the new value. */
  long step() {
    long shockPpm = Math.round(random.nextGaussian() * sigmaPpm);
    if (anchor > 0) {
      // Close a thirtieth of the gap to the anchor each minute.
      shockPpm += (anchor - value) * MILLION / value / 30;
    }
    shockPpm = Math.max(-50_000, Math.min(50_000, shockPpm));
    value = Math.max(floor, value + Math.multiplyExact(value, shockPpm) / MILLION);
    return value;
  }
}
