package io.tally.engine.service;

/**
 * What an {@link ExternalActivity} was made of: manual trades, transfers (deposits, withdrawals,
 * rewards), or both. {@link #toString()} gives the words the log line prints.
 *
 * <p>Example: {@code ActivityKind.of(true, true)} is {@code MANUAL_TRADE_AND_TRANSFER}, printed
 * {@code manual trade/transfer}.
 */
public enum ActivityKind {
  /** Trades tagged {@code manual} only. */
  MANUAL_TRADE("manual trade"),
  /** External flows only: deposits, withdrawals, rewards. */
  TRANSFER("transfer"),
  /** Both manual trades and external flows. */
  MANUAL_TRADE_AND_TRANSFER("manual trade/transfer");

  private final String words;

  ActivityKind(String words) {
    this.words = words;
  }

  /**
   * The kind of activity with manual trades and/or transfers.
   *
   * @throws IllegalArgumentException when there is neither
   */
  public static ActivityKind of(boolean manualTrade, boolean transfer) {
    if (manualTrade && transfer) {
      return MANUAL_TRADE_AND_TRANSFER;
    }
    if (manualTrade) {
      return MANUAL_TRADE;
    }
    if (transfer) {
      return TRANSFER;
    }
    throw new IllegalArgumentException("External activity needs a manual trade or a transfer");
  }

  /** The words printed, such as {@code manual trade/transfer}. */
  @Override
  public String toString() {
    return words;
  }
}
