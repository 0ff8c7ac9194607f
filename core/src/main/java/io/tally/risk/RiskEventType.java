package io.tally.risk;

import io.tally.margin.AlertType;

/**
 * What a {@link RiskEvent} reports: a margin alert, a drawdown breach or recovery, a limit the
 * post-trade monitor found exceeded (or back under), drift, stale prices, or a trading state
 * change.
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
  /** Equity fell through a drawdown level, or the daily or weekly limit. */
  DRAWDOWN_BREACH,
  /** Equity passed the peak reset margin, or a breached daily or weekly window reset. */
  DRAWDOWN_RECOVERED,
  /** Leverage went above {@code risk.leverage_cap}. */
  LEVERAGE_EXCEEDED,
  /** A position went above {@code max_position_pct}. */
  POSITION_LIMIT_EXCEEDED,
  /** The positions' risk to their stops went above {@code max_portfolio_risk_pct}. */
  PORTFOLIO_RISK_EXCEEDED,
  /** An asset class or a correlated group went above its limit. */
  CONCENTRATION_LIMIT,
  /** The books drift from the exchange (with {@code refuse_on_drift}). */
  DRIFT,
  /** Prices are older than {@code max_price_age} (with {@code refuse_on_stale_prices}). */
  STALE_PRICES,
  /** ACTIVE, REDUCING or HALTED changed, by a breach rule or by hand. */
  TRADING_STATE_CHANGED,
  /** A limit the monitor raised is back under (or drift or staleness cleared). */
  LIMIT_RESTORED;

  /** The type the post-trade monitor raises when {@code rule} goes over. */
  public static RiskEventType exceeded(RiskRule rule) {
    return switch (rule) {
      case LEVERAGE_CAP -> LEVERAGE_EXCEEDED;
      case MAX_POSITION_PCT -> POSITION_LIMIT_EXCEEDED;
      case MAX_PORTFOLIO_RISK_PCT -> PORTFOLIO_RISK_EXCEEDED;
      case REFUSE_ON_DRIFT -> DRIFT;
      case REFUSE_ON_STALE_PRICES -> STALE_PRICES;
      default -> CONCENTRATION_LIMIT;
    };
  }

  /** Whether the post-trade monitor raises this type (limits, drift, staleness, restores). */
  public boolean isLimit() {
    return this == LEVERAGE_EXCEEDED
        || this == POSITION_LIMIT_EXCEEDED
        || this == PORTFOLIO_RISK_EXCEEDED
        || this == CONCENTRATION_LIMIT
        || this == DRIFT
        || this == STALE_PRICES
        || this == LIMIT_RESTORED;
  }

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
