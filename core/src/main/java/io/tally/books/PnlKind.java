package io.tally.books;

import java.util.Locale;

/**
 * Which activity a realized gain or loss comes from, so that trading results stay apart from
 * transfers and income. Example: {@code PnlKind.TRANSFER} for the gain on coins withdrawn.
 */
public enum PnlKind {
  /** Swaps and their fees. */
  TRADE,
  /** Deposits and withdrawals: the gain on withdrawn units and funding fees. */
  TRANSFER,
  /** Fees (commissions) charged on rewards. */
  REWARD,
  /** Margin profit and loss, margin fees and rollover costs. */
  MARGIN,
  /** Adjustments made by the exchange and rows Tally cannot classify. */
  ADJUSTMENT;

  /** The lower-case name used in reports ({@code trade}, {@code transfer}, ...). */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
