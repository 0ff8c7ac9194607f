package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;

/**
 * Flow-adjusted drift, ACCOUNTING.md §7: {@code unexplained = equity_now − (equity_baseline + PnL +
 * external flows)}, where equity is the exchange's (its balances at current prices) and PnL and
 * flows are the books' changes since the baseline. The raw drift is the whole change of the
 * exchange's equity since the baseline; deposits explain part of it, so they never look like drift.
 *
 * <p>Example: baseline 10,000; a 5,000 deposit and 300 of PnL later the exchange shows 15,290: raw
 * 5,290, explained 5,300, unexplained −10. Immutable.
 *
 * @param baseline where drift is measured from (after {@link DriftMode#AUTO_ADJUST} moved it)
 * @param equityNow the exchange's equity now
 * @param pnl the books' PnL (realized + unrealized, every kind) since the baseline
 * @param flows the books' net external flows since the baseline (zero in auto-adjust mode)
 */
public record FlowAdjustedDrift(
    DriftMode mode,
    DriftBaseline baseline,
    BigDecimal equityNow,
    BigDecimal pnl,
    BigDecimal flows) {

  public FlowAdjustedDrift {
    requireNonNull(mode, "mode");
    requireNonNull(baseline, "baseline");
    requireNonNull(equityNow, "equityNow");
    requireNonNull(pnl, "pnl");
    requireNonNull(flows, "flows");
  }

  /**
   * Drift from {@code baseline} to now, where the exchange's equity is {@code equityNow} and the
   * books' PnL and net flows, since the books began, are {@code pnlTotal} and {@code flowsTotal}.
   * In auto-adjust mode the baseline first absorbs the flows since it.
   */
  public static FlowAdjustedDrift of(
      DriftMode mode,
      DriftBaseline baseline,
      BigDecimal equityNow,
      BigDecimal pnlTotal,
      BigDecimal flowsTotal) {
    BigDecimal flows = flowsTotal.subtract(baseline.flows());
    DriftBaseline base = baseline;
    if (mode == DriftMode.AUTO_ADJUST && flows.signum() != 0) {
      base =
          new DriftBaseline(
              baseline.at(),
              Precision.money(baseline.equity().add(flows)),
              baseline.pnl(),
              flowsTotal);
      flows = BigDecimal.ZERO;
    }
    return new FlowAdjustedDrift(
        mode,
        base,
        Precision.money(equityNow),
        Precision.money(pnlTotal.subtract(base.pnl())),
        Precision.money(flows));
  }

  /** The whole change of the exchange's equity since the baseline. */
  public BigDecimal rawDrift() {
    return equityNow.subtract(baseline.equity());
  }

  /** What PnL and flows explain of the change. */
  public BigDecimal explained() {
    return pnl.add(flows);
  }

  /** What nothing in the books explains: the adjusted drift. */
  public BigDecimal unexplained() {
    return rawDrift().subtract(explained());
  }
}
