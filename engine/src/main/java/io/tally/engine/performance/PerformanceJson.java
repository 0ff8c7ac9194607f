package io.tally.engine.performance;

import io.tally.engine.service.ContractJson;
import io.tally.metrics.Benchmark;
import io.tally.metrics.Dated;
import io.tally.metrics.Drawdown;
import io.tally.metrics.DrawdownWindow;
import io.tally.metrics.Metric;
import io.tally.metrics.PeriodReturn;
import io.tally.metrics.ReportingPeriod;
import io.tally.metrics.Returns;
import io.tally.metrics.RiskRatios;
import io.tally.metrics.TradeCycles;
import io.tally.money.Asset;
import io.tally.series.Attribution;
import io.tally.series.DayEnd;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Performance} as the JSON tree {@code tally performance --format json} prints and {@code
 * GET /api/v1/portfolio/performance} serves (issue 11's interface): money as decimal strings,
 * statistics (returns, ratios, drawdowns) as JSON numbers and fractions ({@code 0.055} is 5.5 %),
 * and a figure that cannot be computed as {@code null} with a sibling {@code <name>_reason}.
 *
 * <p>Example: {@code PerformanceJson.of(performance, Asset.USD, true).get("returns")} is {@code
 * {"twr": 0.1, "mwr": 0.0953, ...}}. Stateless.
 */
public final class PerformanceJson {

  private PerformanceJson() {}

  /**
   * The whole document; {@code withDaily} false leaves out the {@code daily} list ({@code GET
   * /portfolio/metrics}).
   */
  public static Map<String, Object> of(Performance performance, Asset base, boolean withDaily) {
    Returns returns = performance.returns();
    List<DayEnd> days = performance.days();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("base_currency", base.code());
    doc.put("from", days.get(0).date().toString());
    doc.put("to", days.get(days.size() - 1).date().toString());
    doc.put("timezone", performance.config().zone().getId());
    doc.put("observations", returns.daily().size());
    if (withDaily) {
      doc.put("daily", daily(performance));
    }
    doc.put("returns", returns(performance));
    doc.put("risk", risk(performance));
    doc.put("drawdown_windows", windows(performance.windows()));
    doc.put("trades", trades(performance.trades()));
    List<Object> strategies = new ArrayList<>();
    performance
        .byStrategy()
        .forEach(
            (tag, made) -> strategies.add(attribution(performance, "strategy", tag, made, true)));
    doc.put("by_strategy", strategies);
    List<Object> assets = new ArrayList<>();
    performance
        .byAsset()
        .forEach(
            (asset, made) ->
                assets.add(attribution(performance, "asset", asset.code(), made, false)));
    doc.put("by_asset", assets);
    doc.put("benchmark", benchmark(performance.benchmark()));
    Map<String, Object> rolling = new LinkedHashMap<>();
    List<Object> sharpe = new ArrayList<>();
    for (Dated<Metric<Double>> point : performance.rollingSharpe()) {
      sharpe.add(point(point.date().toString(), point.value().value().orElse(null)));
    }
    rolling.put("sharpe_30d", sharpe);
    List<Object> drawdown = new ArrayList<>();
    for (Dated<BigDecimal> point : performance.rollingMaxDrawdown()) {
      drawdown.add(point(point.date().toString(), point.value().doubleValue()));
    }
    rolling.put("max_drawdown_90d", drawdown);
    doc.put("rolling", rolling);
    return doc;
  }

  private static List<Object> daily(Performance performance) {
    Map<String, BigDecimal> returnOn = new LinkedHashMap<>();
    performance.returns().daily().forEach(day -> returnOn.put(day.date().toString(), day.value()));
    Map<String, BigDecimal> indexOn = new LinkedHashMap<>();
    performance.returns().index().forEach(day -> indexOn.put(day.date().toString(), day.value()));
    Map<String, BigDecimal> depthOn = new LinkedHashMap<>();
    performance
        .drawdowns()
        .depths()
        .forEach(day -> depthOn.put(day.date().toString(), day.value()));
    List<Object> rows = new ArrayList<>();
    for (DayEnd day : performance.days()) {
      String date = day.date().toString();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("date", date);
      row.put("equity_base", ContractJson.text(day.equity()));
      row.put("net_flow_base", ContractJson.text(day.netFlow()));
      row.put("return", number(returnOn.get(date)));
      row.put("twr_index", number(indexOn.get(date)));
      row.put("drawdown", number(depthOn.get(date)));
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, Object> returns(Performance performance) {
    Returns returns = performance.returns();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("twr", returns.twr().doubleValue());
    metric(doc, "mwr", performance.mwr());
    metric(doc, "cagr", returns.cagr());
    doc.put("total_pnl_base", ContractJson.text(returns.totalPnl()));
    doc.put("best_day", returns.bestDay().map(PerformanceJson::day).orElse(null));
    doc.put("worst_day", returns.worstDay().map(PerformanceJson::day).orElse(null));
    for (ReportingPeriod period : ReportingPeriod.values()) {
      String name = period.name().toLowerCase(Locale.ROOT);
      List<Object> list = new ArrayList<>();
      returns.byPeriod(period).forEach(each -> list.add(period(each)));
      doc.put("by_" + name, list);
      doc.put("best_" + name, returns.best(period).map(PerformanceJson::period).orElse(null));
      doc.put("worst_" + name, returns.worst(period).map(PerformanceJson::period).orElse(null));
    }
    return doc;
  }

  private static Map<String, Object> risk(Performance performance) {
    RiskRatios ratios = performance.ratios();
    Map<String, Object> doc = new LinkedHashMap<>();
    metric(doc, "volatility", ratios.volatility());
    metric(doc, "sharpe", ratios.sharpe());
    metric(doc, "sortino", ratios.sortino());
    metric(doc, "calmar", ratios.calmar());
    metric(doc, "recovery_factor", ratios.recoveryFactor());
    Optional<Drawdown> max = performance.drawdowns().max();
    doc.put("max_drawdown", performance.drawdowns().maxDepth().doubleValue());
    doc.put("max_drawdown_peak", max.map(d -> d.peak().toString()).orElse(null));
    doc.put("max_drawdown_trough", max.map(d -> d.trough().toString()).orElse(null));
    doc.put(
        "max_drawdown_recovery",
        max.flatMap(Drawdown::recovery).map(Object::toString).orElse(null));
    doc.put("longest_underwater_days", performance.drawdowns().longestUnderwaterDays());
    doc.put("current_drawdown", performance.drawdowns().current().doubleValue());
    return doc;
  }

  /** The live windows: each drawdown, its peak and when the daily and weekly ones reset. */
  public static Map<String, Object> windows(Optional<DrawdownWindow> window) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("daily", window.map(w -> w.daily().drawdown().doubleValue()).orElse(null));
    doc.put("weekly", window.map(w -> w.weekly().drawdown().doubleValue()).orElse(null));
    doc.put("total", window.map(w -> w.total().drawdown().doubleValue()).orElse(null));
    doc.put("daily_peak_base", window.map(w -> ContractJson.peak(w.daily())).orElse(null));
    doc.put("weekly_peak_base", window.map(w -> ContractJson.peak(w.weekly())).orElse(null));
    doc.put("total_peak_base", window.map(w -> ContractJson.peak(w.total())).orElse(null));
    doc.put("daily_reset_at", window.map(w -> w.daily().resetAt().toString()).orElse(null));
    doc.put("weekly_reset_at", window.map(w -> w.weekly().resetAt().toString()).orElse(null));
    if (window.isEmpty()) {
      doc.put("reason", "no equity observed yet");
    }
    return doc;
  }

  private static Map<String, Object> trades(TradeCycles trades) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("count", trades.count());
    doc.put("wins", trades.wins());
    doc.put("losses", trades.losses());
    doc.put("break_even", trades.breakEven());
    metric(doc, "win_rate", trades.winRate());
    money(doc, "average_win_base", trades.averageWin());
    money(doc, "average_loss_base", trades.averageLoss());
    money(doc, "largest_win_base", trades.largestWin());
    money(doc, "largest_loss_base", trades.largestLoss());
    metric(doc, "profit_factor", trades.profitFactor());
    money(doc, "expectancy_base", trades.expectancy());
    metric(doc, "payoff_ratio", trades.payoffRatio());
    doc.put("current_win_streak", trades.currentWinStreak());
    doc.put("current_loss_streak", trades.currentLossStreak());
    doc.put("longest_win_streak", trades.longestWinStreak());
    doc.put("longest_loss_streak", trades.longestLossStreak());
    metric(doc, "average_duration_minutes", trades.averageDurationMinutes());
    metric(doc, "median_duration_minutes", trades.medianDurationMinutes());
    doc.put("fees_base", ContractJson.text(trades.fees()));
    doc.put("gross_pnl_base", ContractJson.text(trades.grossPnl()));
    metric(doc, "fees_pct_of_gross", trades.feesPercentOfGross().map(BigDecimal::doubleValue));
    return doc;
  }

  /**
   * One row of {@code by_strategy} or {@code by_asset}: realized, unrealized, fees, trades, PnL and
   * its contribution to the range's return. A strategy's unrealized PnL is unknown (positions are
   * kept per pair), so it is null with its reason and the PnL is the realized alone.
   */
  private static Map<String, Object> attribution(
      Performance performance, String keyName, String key, Attribution made, boolean strategy) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(keyName, key);
    row.put("realized_base", ContractJson.text(made.realized()));
    if (strategy) {
      row.put("unrealized_base", null);
      row.put("unrealized_base_reason", "positions are kept per pair, not per strategy tag");
    } else {
      row.put("unrealized_base", ContractJson.text(made.unrealized()));
    }
    row.put("fees_base", ContractJson.text(made.fees()));
    row.put("trades", made.trades());
    BigDecimal pnl = strategy ? made.realized() : made.pnl();
    row.put("pnl_base", ContractJson.text(pnl));
    metric(row, "contribution", performance.contribution(pnl));
    return row;
  }

  private static Map<String, Object> benchmark(Performance.BenchmarkReturn benchmark) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("asset", benchmark.asset().code());
    metric(doc, "return", benchmark.returns().map(held -> held.twr().doubleValue()));
    Metric<Benchmark> comparison = benchmark.comparison();
    metric(doc, "excess_return", comparison.map(Benchmark::excessReturn));
    metric(doc, "beta", comparison.flatMap(Benchmark::beta));
    metric(doc, "correlation", comparison.flatMap(Benchmark::correlation));
    metric(doc, "tracking_error", comparison.flatMap(Benchmark::trackingError));
    metric(doc, "information_ratio", comparison.flatMap(Benchmark::informationRatio));
    return doc;
  }

  private static Map<String, Object> day(Dated<BigDecimal> day) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("date", day.date().toString());
    doc.put("return", day.value().doubleValue());
    return doc;
  }

  private static Map<String, Object> period(PeriodReturn period) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("period", period.label());
    doc.put("return", period.value().doubleValue());
    return doc;
  }

  private static Map<String, Object> point(String date, Object value) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("date", date);
    doc.put("value", value);
    return doc;
  }

  /** A statistic as a number, or null with {@code <name>_reason}. */
  private static void metric(Map<String, Object> doc, String name, Metric<? extends Number> value) {
    doc.put(name, value.value().map(Number::doubleValue).orElse(null));
    value.reason().ifPresent(reason -> doc.put(name + "_reason", reason));
  }

  /** An amount as decimal text, or null with {@code <name>_reason}. */
  private static void money(Map<String, Object> doc, String name, Metric<BigDecimal> value) {
    doc.put(name, value.value().map(ContractJson::text).orElse(null));
    value.reason().ifPresent(reason -> doc.put(name + "_reason", reason));
  }

  private static Object number(BigDecimal value) {
    return value == null ? null : value.doubleValue();
  }
}
