package io.tally.margin;

import java.util.Locale;

/**
 * Which way a margin position points: {@link #LONG} gains when the price rises, {@link #SHORT} when
 * it falls.
 *
 * <p>Example: a position opened by a {@code Side.BUY} fill is {@code LONG}; {@code SHORT.sign()} is
 * {@code -1}; {@code LONG.code()} is {@code "long"}.
 */
public enum PositionSide {
  /** Positive size: opened by buying the base asset. */
  LONG,
  /** Negative size: opened by selling borrowed base asset. */
  SHORT;

  /** +1 for long, −1 for short: the sign in {@code closed × (price − entry) × sign}. */
  public int sign() {
    return this == LONG ? 1 : -1;
  }

  /** The side of a position whose size has this sign (non-zero). */
  static PositionSide ofSign(int signum) {
    if (signum == 0) {
      throw new IllegalArgumentException("A flat position has no side");
    }
    return signum > 0 ? LONG : SHORT;
  }

  /** The log spelling, such as {@code long}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
