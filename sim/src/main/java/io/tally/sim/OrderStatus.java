package io.tally.sim;

import java.util.Locale;

/**
 * Where an order stands, with Kraken's wire word.
 *
 * <p>Example: {@code OrderStatus.CANCELED.wire()} is {@code canceled}. Immutable.
 */
public enum OrderStatus {
  OPEN,
  CLOSED,
  CANCELED,
  EXPIRED;

  /** Kraken's word: {@code open}, {@code closed}, {@code canceled} or {@code expired}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the order can still fill. */
  public boolean isOpen() {
    return this == OPEN;
  }
}
