package io.tally.margin;

/**
 * Whether a trade's position is still open.
 *
 * <p>Example: a trade whose closing fills add up to its opening fills is {@code CLOSED}.
 */
public enum TradeStatus {
  /** Some of what was opened is still open. */
  OPEN,
  /** The position went back to flat. */
  CLOSED
}
