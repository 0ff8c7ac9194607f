package io.tally.tax;

import java.util.Locale;

/**
 * Why units entered or left the lots without a taxable disposal, as a {@link LotMovement} says.
 *
 * <p>Example: a withdrawal of 0.4 XBT is {@code WITHDRAWAL}; its 0.0005 XBT fee {@code
 * TRANSFER_FEE}.
 */
public enum MovementKind {
  /** Withdrawn to another wallet: the units leave with their cost; nothing is realized. */
  WITHDRAWAL,
  /** A withdrawal's, deposit's or transfer's fee: a cost, not a gain or loss. */
  TRANSFER_FEE,
  /** A correction by the exchange, adding units at market value or taking them away. */
  ADJUSTMENT,
  /** A margin settlement, rollover or funding: margin PnL, reported apart from capital gains. */
  MARGIN;

  /** The lower-case name reports write. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
