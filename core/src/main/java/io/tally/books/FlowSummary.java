package io.tally.books;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * External flows valued in the base currency at their time: deposits in, withdrawals out (a
 * positive number), rewards in, exchange adjustments (signed), and how many flow events there were.
 *
 * <p>Example: {@code FlowSummary[deposits=50000.00000000, withdrawals=0E-8, rewards=12.50000000,
 * adjustments=0E-8, count=3]}. Immutable.
 */
public record FlowSummary(
    BigDecimal deposits,
    BigDecimal withdrawals,
    BigDecimal rewards,
    BigDecimal adjustments,
    long count) {

  public FlowSummary {
    requireNonNull(deposits, "deposits");
    requireNonNull(withdrawals, "withdrawals");
    requireNonNull(rewards, "rewards");
    requireNonNull(adjustments, "adjustments");
  }

  /** Value that entered the account minus value that left it. */
  public BigDecimal net() {
    return deposits.subtract(withdrawals).add(rewards).add(adjustments);
  }
}
