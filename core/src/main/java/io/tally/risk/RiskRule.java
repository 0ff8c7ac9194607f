package io.tally.risk;

import java.util.Locale;

/**
 * One rule a pre-trade check applies, named as its {@code risk:} config key (or, for the rules that
 * have no key, as the thing checked). A failed check lists each rule that fails with its limit and
 * value ({@link RuleFailure}).
 *
 * <p>Example: {@code RiskRule.LEVERAGE_CAP.key()} is {@code "leverage_cap"}.
 */
public enum RiskRule {
  /** Gross exposure over equity, at most {@code leverage_cap}. */
  LEVERAGE_CAP,
  /** One asset's exposure, at most {@code max_position_pct} of equity. */
  MAX_POSITION_PCT,
  /** An order's value, at least {@code min_position_pct} of equity. */
  MIN_POSITION_PCT,
  /** An order's value, at least {@code min_position_base} in the base currency. */
  MIN_POSITION_BASE,
  /** The sum of every position's risk to its stop, at most {@code max_portfolio_risk_pct}. */
  MAX_PORTFOLIO_RISK_PCT,
  /** The exposure of a group of correlated assets, at most {@code max_correlated_exposure_pct}. */
  MAX_CORRELATED_EXPOSURE_PCT,
  /** The exposure of an asset class, at most its {@code max_class_pct}. */
  MAX_CLASS_PCT,
  /** Open positions and orders on one pair, at most {@code max_positions_per_symbol}. */
  MAX_POSITIONS_PER_SYMBOL,
  /** Free cash after the order, at least {@code cash_reserve_pct} of equity. */
  CASH_RESERVE_PCT,
  /** The margin a leveraged order needs, at most the free margin. */
  FREE_MARGIN,
  /** What a spot order spends, at most what the account holds of it. */
  BALANCE,
  /** The volume, at least the pair's {@code ordermin}. */
  ORDERMIN,
  /** The cost (volume × price), at least the pair's {@code costmin}. */
  COSTMIN,
  /** The volume, in at most the pair's lot decimals. */
  LOT_DECIMALS,
  /** The trading state lets the order pass. */
  TRADING_STATE,
  /** No new risk while the books drift from the exchange ({@code refuse_on_drift}). */
  REFUSE_ON_DRIFT,
  /** No new risk on stale prices ({@code refuse_on_stale_prices}). */
  REFUSE_ON_STALE_PRICES,
  /** The order has a price: given, or the pair's current one. */
  PRICE;

  /** The rule's name in JSON and the config, such as {@code max_position_pct}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
