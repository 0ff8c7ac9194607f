package io.tally.risk;

/**
 * Whether the account may take new risk: {@link #ACTIVE} (every order the limits allow), {@link
 * #REDUCING} (only orders that reduce a position pass) or {@link #HALTED} (nothing passes). A
 * drawdown breach moves it by the configured {@link BreachRules}; an operator can set it by hand.
 *
 * <p>Example: {@code TradingState.REDUCING.allows(true)} is {@code true}, {@code
 * TradingState.HALTED.allows(true)} is {@code false}.
 */
public enum TradingState {
  /** Orders pass when the limits allow them. */
  ACTIVE,
  /** Only orders that reduce a position pass. */
  REDUCING,
  /** No order passes. */
  HALTED;

  /** Whether an order that does ({@code reduces}) or does not reduce a position may pass. */
  public boolean allows(boolean reduces) {
    return this == ACTIVE || (this == REDUCING && reduces);
  }

  /** The stricter of this state and {@code other}. */
  public TradingState stricter(TradingState other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
