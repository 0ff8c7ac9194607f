package io.tally.margin;

/**
 * How collateral backs margin positions. {@link #CROSS}: all collateral backs every position, so
 * one position's loss eats into the margin of the others and the account is liquidated as a whole.
 * {@link #ISOLATED}: each position is backed by its own initial margin only, and is liquidated when
 * that margin plus its unrealized PnL falls to its maintenance margin.
 *
 * <p>Example: {@code MarginTerms.paper(Asset.USD).withMode(MarginMode.ISOLATED)}.
 */
public enum MarginMode {
  /** Each position stands on its own margin. */
  ISOLATED,
  /** The whole account's equity backs all positions (Kraken spot margin). */
  CROSS
}
