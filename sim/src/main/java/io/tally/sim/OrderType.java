package io.tally.sim;

import java.util.Locale;

/**
 * The order types the simulator executes, with Kraken's wire word.
 *
 * <p>Example: {@code OrderType.parse("limit")} is {@link #LIMIT}. Immutable.
 */
public enum OrderType {
  MARKET,
  LIMIT;

  /** Kraken's word: {@code market} or {@code limit}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type for Kraken's word; throws {@link IllegalArgumentException} for anything else. */
  public static OrderType parse(String wire) {
    for (OrderType type : values()) {
      if (type.wire().equals(wire)) {
        return type;
      }
    }
    throw new IllegalArgumentException("Not a supported order type: '" + wire + "'");
  }
}
