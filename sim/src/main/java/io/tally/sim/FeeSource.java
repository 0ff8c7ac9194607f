package io.tally.sim;

/**
 * Which asset actually paid a fill's fee (ground truth; Kraken's trade objects always state the fee
 * in quote terms and only the ledger shows this).
 *
 * <p>Example: a sell with {@code oflags=fcib} pays in {@link #BASE}. Immutable.
 */
public enum FeeSource {
  /** Deducted from the quote leg ({@code fciq}). */
  QUOTE,
  /** Deducted from the base leg ({@code fcib}). */
  BASE,
  /** Paid with fee credits: a third ledger row, asset {@code KFEE}, amount 0, fee > 0. */
  KFEE
}
