package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * One page of a history endpoint (Ledgers, TradesHistory, ClosedOrders): up to 50 rows, newest
 * first, and Kraken's count of all rows matching the query at the time of the call.
 *
 * <p>Example: {@code Page[rows=[... 50 LedgerRows ...], count=OptionalInt[153]]}. Immutable.
 *
 * @param <T> the row type, such as {@link io.tally.kraken.LedgerRow}
 * @param rows the rows in Kraken's order, newest first
 * @param count the total Kraken reported; empty when the response has none
 */
public record Page<T>(List<T> rows, OptionalInt count) {

  /** Kraken's fixed page size for Ledgers, TradesHistory and ClosedOrders. */
  public static final int SIZE = 50;

  public Page {
    rows = List.copyOf(rows);
    requireNonNull(count, "count");
  }
}
