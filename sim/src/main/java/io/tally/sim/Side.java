package io.tally.sim;

import java.util.Locale;

/**
 * Which way an order or fill goes, with Kraken's wire word.
 *
 * <p>Example: {@code Side.parse("buy")} is {@link #BUY}. Immutable.
 */
public enum Side {
  BUY,
  SELL;

  /** Kraken's word: {@code buy} or {@code sell}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The other side: what closes a position opened on this one. */
  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  /** The side for Kraken's word; throws {@link IllegalArgumentException} for anything else. */
  public static Side parse(String wire) {
    for (Side side : values()) {
      if (side.wire().equals(wire)) {
        return side;
      }
    }
    throw new IllegalArgumentException("Not a side: '" + wire + "'");
  }
}
