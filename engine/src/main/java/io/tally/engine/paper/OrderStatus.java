package io.tally.engine.paper;

import java.util.Locale;

/**
 * Where a paper order stands. {@link #OPEN} and {@link #PARTIALLY_FILLED} can still fill; the
 * others are final.
 *
 * <p>Example: a limit order that two public trades filled in part is {@code PARTIALLY_FILLED};
 * canceled, it is {@code CANCELED} and keeps those fills.
 */
public enum OrderStatus {
  /** Accepted, nothing filled yet. */
  OPEN,
  /** Some of its volume filled, the rest still working. */
  PARTIALLY_FILLED,
  /** All of its volume filled. */
  FILLED,
  /** Canceled before it filled completely; it keeps any fills it had. */
  CANCELED,
  /** Refused when placed (such as {@code EOrder:Insufficient margin}); it never filled. */
  REJECTED;

  /** Whether the order can still fill. */
  public boolean isWorking() {
    return this == OPEN || this == PARTIALLY_FILLED;
  }

  /** The JSON spelling, such as {@code partially_filled}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
