package io.tally.engine.paper;

/**
 * Whether a fill took liquidity from the book or had rested on it, which decides its fee rate.
 *
 * <p>Example: a market order, or a limit order marketable when placed, fills as {@code TAKER}; a
 * resting limit order filled by a later public trade fills as {@code MAKER}.
 */
public enum Liquidity {
  /** Rested on the book and was filled by someone else's order. */
  MAKER,
  /** Took liquidity resting on the book. */
  TAKER
}
