package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where flow-adjusted drift is measured from: the exchange's equity at a moment, and the books' PnL
 * (realized + unrealized, every kind) and net external flows at that same moment, so later changes
 * of both can be told apart from drift.
 *
 * <p>Example: {@code new DriftBaseline(t0, new BigDecimal("10000"), BigDecimal.ZERO, new
 * BigDecimal("10000"))} — 10,000 deposited, no PnL yet. Immutable.
 */
public record DriftBaseline(Instant at, BigDecimal equity, BigDecimal pnl, BigDecimal flows) {

  public DriftBaseline {
    requireNonNull(at, "at");
    requireNonNull(equity, "equity");
    requireNonNull(pnl, "pnl");
    requireNonNull(flows, "flows");
  }

  /** The text a store keeps: {@code at|equity|pnl|flows}. */
  public String toText() {
    return at
        + "|"
        + equity.toPlainString()
        + "|"
        + pnl.toPlainString()
        + "|"
        + flows.toPlainString();
  }

  /** Parses {@link #toText()}. */
  public static DriftBaseline parse(String text) {
    String[] parts = text.split("\\|", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("Not a drift baseline: '" + text + "'");
    }
    return new DriftBaseline(
        Instant.parse(parts[0]),
        new BigDecimal(parts[1]),
        new BigDecimal(parts[2]),
        new BigDecimal(parts[3]));
  }
}
