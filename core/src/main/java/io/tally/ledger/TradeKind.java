package io.tally.ledger;

/** How a swap reached the ledger. Example: {@code TradeKind.ORDER_BOOK}. */
public enum TradeKind {
  /** An order-book fill ({@code trade} rows). */
  ORDER_BOOK,
  /** Buy Crypto, app buy/sell/convert, recurring buy ({@code spend} + {@code receive}). */
  SPEND_RECEIVE,
  /** "Convert small balances": several {@code spend} rows and one {@code receive}. */
  DUST_SWEEP,
  /** A conversion outside the order book ({@code adjustment} pair, collateral conversion). */
  CONVERSION,
  /** A margin position settled with spot funds ({@code settled}). */
  SETTLEMENT
}
