package io.tally.server;

import io.tally.engine.risk.CheckResult;
import io.tally.engine.risk.RiskStatus;
import io.tally.engine.risk.TradingStatus;
import io.tally.engine.service.ContractJson;
import io.tally.metrics.DrawdownWindow;
import io.tally.money.Asset;
import io.tally.risk.CheckOutcome;
import io.tally.risk.LimitUsage;
import io.tally.risk.RuleFailure;
import io.tally.risk.SizeOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the risk endpoints: a check ({@code POST /risk/check}), a size ({@code POST
 * /risk/size}), the risk layer's state ({@code GET /risk}) and the trading state ({@code POST
 * /risk/state}). Every figure is a decimal string: money in the base currency ({@code _base}),
 * percentages of equity ({@code _pct}), leverage as a multiple; a reason's {@code limit} and {@code
 * value} are in its rule's unit, or null for a rule without figures.
 *
 * <p>Example: {@code {"passed": false, "reasons": [{"rule": "leverage_cap", "limit": "6.0",
 * "value": "6.2000", "detail": "leverage would be 6.2000x, over the leverage cap of 6.0x"}],
 * "current_leverage": "5.8000", ...}}. Stateless.
 */
public final class RiskJson {

  private RiskJson() {}

  /** A check's answer. */
  public static Map<String, Object> check(CheckResult result) {
    CheckOutcome outcome = result.outcome();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("passed", outcome.passed());
    doc.put("reasons", reasons(outcome.failures()));
    doc.put("current_leverage", outcome.currentLeverage().toPlainString());
    doc.put("proposed_leverage", outcome.proposedLeverage().toPlainString());
    doc.put("position_after_pct", outcome.positionAfterPct().toPlainString());
    doc.put("exposure_after_pct", outcome.exposureAfterPct().toPlainString());
    doc.put("portfolio_risk_after_pct", outcome.portfolioRiskAfterPct().toPlainString());
    doc.put("margin_required_base", ContractJson.text(outcome.marginRequired()));
    doc.put("free_margin_after_base", ContractJson.text(outcome.freeMarginAfter()));
    doc.put("max_volume", outcome.maxVolume().map(BigDecimal::toPlainString).orElse(null));
    doc.put("trading_state", outcome.tradingState().name());
    doc.put("check_id", result.checkId());
    doc.put("reserved_until", result.reservedUntil().map(Instant::toString).orElse(null));
    return doc;
  }

  /** A size's answer. */
  public static Map<String, Object> size(SizeOutcome outcome) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("volume", outcome.volume().toPlainString());
    doc.put("risk_amount_base", ContractJson.text(outcome.riskAmount()));
    doc.put("limited_by", outcome.limitedBy().stream().map(rule -> rule.key()).toList());
    doc.put("reasons", reasons(outcome.reasons()));
    return doc;
  }

  /** The trading state. */
  public static Map<String, Object> trading(TradingStatus status) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("state", status.state().name());
    doc.put("reason", status.reason().orElse(null));
    doc.put("since", status.since().map(Instant::toString).orElse(null));
    doc.put("source", status.source());
    return doc;
  }

  /** The risk layer's state. */
  public static Map<String, Object> status(RiskStatus status) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("trading_state", status.trading().state().name());
    doc.put("trading_state_reason", status.trading().reason().orElse(null));
    doc.put("trading_state_since", status.trading().since().map(Instant::toString).orElse(null));
    doc.put("trading_state_source", status.trading().source());
    doc.put("equity_base", ContractJson.text(status.equity()));
    doc.put("drift_flag", status.drift());
    doc.put("stale", status.stale());
    List<Object> limits = new ArrayList<>();
    for (LimitUsage usage : status.limits()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rule", usage.rule().key());
      row.put("subject", usage.subject());
      row.put("limit", usage.limit().toPlainString());
      row.put("value", usage.value().toPlainString());
      row.put(
          "utilisation_pct", usage.utilisationPct().map(BigDecimal::toPlainString).orElse(null));
      row.put("exceeded", usage.exceeded());
      limits.add(row);
    }
    doc.put("limits", limits);
    Map<String, Object> drawdown = new LinkedHashMap<>();
    DrawdownWindow window = status.drawdown().orElse(null);
    drawdown.put("total", window == null ? null : window.total().drawdown().toPlainString());
    drawdown.put("daily", window == null ? null : window.daily().drawdown().toPlainString());
    drawdown.put("weekly", window == null ? null : window.weekly().drawdown().toPlainString());
    drawdown.put(
        "breached_levels",
        status.breachedLevels().stream().map(BigDecimal::toPlainString).toList());
    drawdown.put(
        "breached_windows", status.breachedWindows().stream().map(scope -> scope.code()).toList());
    doc.put("drawdown", drawdown);
    List<Object> groups = new ArrayList<>();
    for (RiskStatus.Group group : status.correlationGroups()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("assets", group.assets().stream().map(Asset::code).sorted().toList());
      row.put("exposure_pct", group.exposurePct().toPlainString());
      groups.add(row);
    }
    doc.put("correlation_groups", groups);
    Map<String, Object> concentration = new LinkedHashMap<>();
    concentration.put(
        "largest_asset", status.concentration().largestAsset().map(Asset::code).orElse(null));
    concentration.put("largest_pct", status.concentration().largestPct().toPlainString());
    concentration.put("herfindahl", status.concentration().herfindahl().toPlainString());
    doc.put("concentration", concentration);
    List<Object> classes = new ArrayList<>();
    for (RiskStatus.ClassExposure assetClass : status.classes()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("class", assetClass.name());
      row.put("exposure_base", ContractJson.text(assetClass.exposure()));
      row.put("exposure_pct", assetClass.exposurePct().toPlainString());
      row.put("limit_pct", assetClass.limitPct().map(BigDecimal::toPlainString).orElse(null));
      classes.add(row);
    }
    doc.put("exposure_by_class", classes);
    return doc;
  }

  private static List<Object> reasons(List<RuleFailure> failures) {
    List<Object> reasons = new ArrayList<>();
    for (RuleFailure failure : failures) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rule", failure.rule().key());
      row.put("limit", failure.limit().map(BigDecimal::toPlainString).orElse(null));
      row.put("value", failure.value().map(BigDecimal::toPlainString).orElse(null));
      row.put("detail", failure.detail());
      reasons.add(row);
    }
    return reasons;
  }
}
