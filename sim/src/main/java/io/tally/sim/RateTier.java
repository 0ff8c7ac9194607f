package io.tally.sim;

import java.math.BigDecimal;

/**
 * A Kraken verification tier's REST call counter (kraken-api.md §4.3): the counter may not exceed
 * {@link #maxCounter()} and decays by {@link #decayPerSecond()}.
 *
 * <p>Example: {@code RateTier.STARTER} allows 15 points, decaying 0.33 a second. Immutable.
 */
public enum RateTier {
  STARTER(15, new BigDecimal("0.33")),
  INTERMEDIATE(20, new BigDecimal("0.5")),
  PRO(20, new BigDecimal("1"));

  private final int maxCounter;
  private final BigDecimal decayPerSecond;

  RateTier(int maxCounter, BigDecimal decayPerSecond) {
    this.maxCounter = maxCounter;
    this.decayPerSecond = decayPerSecond;
  }

  /** The highest the counter may reach. */
  public int maxCounter() {
    return maxCounter;
  }

  /** Points the counter loses per second. */
  public BigDecimal decayPerSecond() {
    return decayPerSecond;
  }
}
