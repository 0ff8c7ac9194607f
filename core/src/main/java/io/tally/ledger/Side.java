package io.tally.ledger;

import java.util.Locale;

/**
 * Which way a trade or an order goes on its pair: {@link #BUY} receives the base asset, {@link
 * #SELL} gives it up.
 *
 * <p>Example: buying XBT with USD on XBTUSD is {@code BUY}; {@code Side.SELL.code()} is {@code
 * "sell"}.
 */
public enum Side {
  /** Receives the pair's base asset (pays the quote). */
  BUY,
  /** Gives up the pair's base asset (receives the quote). */
  SELL;

  /** The JSON and Kraken spelling, such as {@code buy}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
