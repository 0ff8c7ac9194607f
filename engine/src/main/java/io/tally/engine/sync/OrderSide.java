package io.tally.engine.sync;

import java.util.Locale;

/**
 * Which way an open order trades: a buy pays the quote asset for the base, a sell gives the base
 * for the quote. Example: {@code OrderSide.parse("buy")} is {@code BUY}, whose {@code code()} is
 * {@code buy}.
 */
public enum OrderSide {
  BUY,
  SELL;

  /** Kraken's {@code descr.type}: {@code buy} or {@code sell}. */
  public static OrderSide parse(String type) {
    return switch (type.strip().toLowerCase(Locale.ROOT)) {
      case "buy" -> BUY;
      case "sell" -> SELL;
      default -> throw new IllegalArgumentException("Not an order side: '" + type + "'");
    };
  }

  /** The name Kraken and the JSON use: {@code buy} or {@code sell}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
