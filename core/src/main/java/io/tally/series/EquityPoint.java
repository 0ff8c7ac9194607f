package io.tally.series;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One sample of the equity series: equity and cash at a moment, with the cumulative net external
 * flows and cumulative PnL of the books up to it, so a chart can show what moved equity. All in the
 * base currency.
 *
 * <p>Example: {@code new EquityPoint(t, new BigDecimal("15300"), new BigDecimal("2000"), new
 * BigDecimal("15000"), new BigDecimal("300"))}. Immutable.
 */
public record EquityPoint(
    Instant at, BigDecimal equity, BigDecimal cash, BigDecimal flows, BigDecimal pnl) {

  public EquityPoint {
    requireNonNull(at, "at");
    requireNonNull(equity, "equity");
    requireNonNull(cash, "cash");
    requireNonNull(flows, "flows");
    requireNonNull(pnl, "pnl");
  }

  /** Whether external flows happened between {@code previous} and this point. */
  public boolean flowSince(EquityPoint previous) {
    return flows.compareTo(previous.flows) != 0;
  }
}
