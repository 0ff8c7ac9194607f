package io.tally.margin;

/**
 * What a carry charge pays for. All are costs of holding a position over time, booked when charged
 * (ACCOUNTING.md §5: funding and rollover are carry costs).
 *
 * <p>Example: Kraken's 4-hourly margin rollover is {@code ROLLOVER}.
 */
public enum CarryKind {
  /** A perpetual's funding payment (may be received: a negative charge). */
  FUNDING,
  /** A spot margin rollover fee. */
  ROLLOVER,
  /** Interest on the borrowed part of the notional ({@link BorrowingRate}). */
  INTEREST
}
