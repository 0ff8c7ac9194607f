package io.tally.books;

import java.util.Locale;

/**
 * What kind of gap or doubt a {@link DataIssue} reports. Example: {@code
 * IssueKind.MISSING_PRICE.code()} is {@code missing_price}.
 */
public enum IssueKind {
  /** A disposal of more units than the history acquired. */
  MISSING_ACQUISITION,
  /** A value needed a price the price source does not have. */
  MISSING_PRICE,
  /** A ledger row Tally cannot classify yet. */
  UNCLASSIFIED,
  /**
   * Kraken's running balance disagrees with the sum of the rows before it. Only stores checked
   * before gaps were booked still hold it: a jump is now a {@link #BALANCE_GAP}.
   */
  BALANCE_MISMATCH,
  /** The history starts after the account did: the first row of an asset had a prior balance. */
  OPENING_BALANCE,
  /**
   * Kraken's running balance jumps at a row: rows are missing before it (an export with a hole, or
   * filtered). The jump is booked as an adjustment, so holdings equal Kraken's balances.
   */
  BALANCE_GAP,
  /** A holding with no current price: counted at zero. */
  UNVALUED,
  /** A holding valued with a price older than the allowed age. */
  STALE_PRICE,
  /**
   * The exchange's open orders hold more of an asset than the books hold: the whole holding is
   * shown reserved and nothing free (io.tally.reconcile.AssetBalance), never a negative free part.
   */
  RESERVED_EXCEEDS_HOLDING,
  /**
   * A Kraken margin fill the position model could not apply (such as a settlement of a position
   * that is not open): its position is not moved; balances are booked from the ledger all the same.
   */
  MARGIN_POSITION;

  /** The snake_case name used in reports. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
