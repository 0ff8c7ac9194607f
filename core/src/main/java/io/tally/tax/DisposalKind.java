package io.tally.tax;

import java.util.Locale;

/**
 * Why units were disposed of, as a {@link Disposal} says.
 *
 * <p>Example: a sale of XBT for USD is {@code TRADE}; its fee paid in XBT, {@code FEE}.
 */
public enum DisposalKind {
  /** Sold or swapped in a trade. */
  TRADE,
  /** Spent on a trade's fee (tax authorities treat spending crypto on a fee as a disposal). */
  FEE,
  /** Withdrawn, where the rules make a withdrawal a disposal at market value. */
  WITHDRAWAL;

  /** The lower-case name reports write. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
