package io.tally.report.performance;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * The external flows of one calendar period of a report: deposits (and rewards counted as
 * contributions) in, withdrawals out, at their value in the base currency.
 *
 * <p>Example: {@code PeriodFlows[period=2025-03, inflows=10000.00000000, outflows=2500.00000000]}.
 * Immutable.
 *
 * @param period the period's label, such as {@code 2025-03}
 * @param inflows what came in
 * @param outflows what left, a positive number
 */
public record PeriodFlows(String period, BigDecimal inflows, BigDecimal outflows) {

  public PeriodFlows {
    requireNonNull(period, "period");
    requireNonNull(inflows, "inflows");
    requireNonNull(outflows, "outflows");
  }

  /** Inflows less outflows. */
  public BigDecimal net() {
    return inflows.subtract(outflows);
  }
}
