package io.tally.risk;

import io.tally.margin.AlertType;

/**
 * What a {@link RiskEvent} reports. The margin alerts (issue 12) are produced today; the drawdown,
 * limit, drift, staleness and trading-state types are issue 13's, named here so the store, the
 * listing and the stream know them before their producers exist.
 *
 * <p>Example: {@code RiskEventType.of(AlertType.MARGIN_CALL)} is {@link #MARGIN_CALL}.
 */
public enum RiskEventType {
  /** The margin level fell below 200 %. */
  MARGIN_CALL,
  /** The margin level fell below 150 %. */
  LIQUIDATION_RISK,
  /** The margin level fell below 110 %: reduce the most losing position. */
  MARGIN_CRITICAL,
  /** The margin level climbed back above 200 % plus the band, or no margin is used any more. */
  MARGIN_RESTORED,
  /** Issue 13: equity fell through a drawdown level. Not produced yet. */
  DRAWDOWN_BREACH,
  /** Issue 13: equity recovered past the peak reset margin. Not produced yet. */
  DRAWDOWN_RECOVERED,
  /** Issue 13: leverage above {@code risk.leverage_cap}. Not produced yet. */
  LEVERAGE_EXCEEDED,
  /** Issue 13: a position above its allocation limit. Not produced yet. */
  POSITION_LIMIT_EXCEEDED,
  /** Issue 13: an asset class or correlated group above its limit. Not produced yet. */
  CONCENTRATION_LIMIT,
  /** Issue 13: the books drifted from the exchange. Not produced yet. */
  DRIFT,
  /** Issue 13: prices older than {@code max_price_age}. Not produced yet. */
  STALE_PRICES,
  /** Issue 13: ACTIVE, REDUCING or HALTED changed. Not produced yet. */
  TRADING_STATE_CHANGED;

  /** The risk event type of a margin alert: the same name. */
  public static RiskEventType of(AlertType alert) {
    return valueOf(alert.name());
  }

  /** Whether this is one of the margin alerts' types. */
  public boolean isMargin() {
    return this == MARGIN_CALL
        || this == LIQUIDATION_RISK
        || this == MARGIN_CRITICAL
        || this == MARGIN_RESTORED;
  }

  /** The margin alert of this type, for a margin type. */
  public AlertType alertType() {
    if (!isMargin()) {
      throw new IllegalStateException(this + " is not a margin alert");
    }
    return AlertType.valueOf(name());
  }
}
