package io.tally.kraken;

/**
 * Which Kraken CSV export a file is, told by its header.
 *
 * <p>Example: a header with {@code refid} and {@code amount} is {@link #LEDGERS}.
 */
public enum ExportKind {
  /** {@code ledgers.csv}: every balance change; the source of truth. */
  LEDGERS,
  /** {@code trades.csv}: order-book fills; used only to enrich ledger trades. */
  TRADES
}
