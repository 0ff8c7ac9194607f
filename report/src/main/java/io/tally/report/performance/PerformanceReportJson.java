package io.tally.report.performance;

import io.tally.books.DataIssue;
import io.tally.engine.performance.Performance;
import io.tally.engine.performance.PerformanceJson;
import io.tally.engine.service.ContractJson;
import io.tally.metrics.Metric;
import io.tally.metrics.PeriodReturn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PerformanceReport} as a JSON tree ({@code tally report --type performance --format json},
 * {@code GET /api/v1/portfolio/reports/performance}): the period, the base currency and when it was
 * generated; a {@code summary}; the {@code monthly_returns} grid; the {@code data_issues} with
 * their effect; then every part of {@link PerformanceJson}'s document for the same range (returns,
 * risk, trades, by_strategy, by_asset, ...), so the headline numbers come from the same place as
 * {@code GET /api/v1/portfolio/performance}. Money as decimal strings, statistics as JSON numbers
 * and fractions ({@code 0.055} is 5.5 %), an unknown figure as {@code null} with {@code
 * <name>_reason}.
 *
 * <p>Example: {@code PerformanceReportJson.of(report, false).get("summary")} is {@code
 * {"equity_start_base": "0", "equity_end_base": "10500.00000000", "twr": 0.05, "mwr": 0.05, ...,
 * "trading_activity": true}}. Stateless.
 */
public final class PerformanceReportJson {

  private PerformanceReportJson() {}

  /**
   * The whole document; {@code withDaily} adds the {@code daily} list (equity, return, TWR index
   * and drawdown of every day: the equity curve and the underwater chart as data).
   */
  public static Map<String, Object> of(PerformanceReport report, boolean withDaily) {
    Performance performance = report.performance();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("report", "performance");
    doc.put("base_currency", report.base().code());
    doc.put("from", report.from().toString());
    doc.put("to", report.to().toString());
    doc.put("generated_at", report.generatedAt().toString());
    doc.put("summary", summary(report));
    doc.put("monthly_returns", monthlyReturns(report));
    doc.put("flows_by_month", flows(report));
    doc.put("data_issues", issues(report));
    PerformanceJson.of(performance, report.base(), withDaily).forEach(doc::putIfAbsent);
    return doc;
  }

  private static Map<String, Object> summary(PerformanceReport report) {
    Performance performance = report.performance();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("equity_start_base", ContractJson.text(report.startEquity()));
    doc.put("equity_end_base", ContractJson.text(report.endEquity()));
    doc.put("twr", performance.returns().twr().doubleValue());
    metric(doc, "mwr", performance.mwr());
    doc.put("total_pnl_base", ContractJson.text(performance.returns().totalPnl()));
    doc.put("fees_base", ContractJson.text(report.fees()));
    doc.put("inflows_base", ContractJson.text(report.inflows()));
    doc.put("outflows_base", ContractJson.text(report.outflows()));
    doc.put("trading_activity", report.tradingActivity());
    return doc;
  }

  /** One row a year: its twelve months (null where the period does not cover one) and the year. */
  private static List<Object> monthlyReturns(PerformanceReport report) {
    List<Object> rows = new ArrayList<>();
    for (ReturnYear year : report.monthlyReturns()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("year", year.year());
      List<Object> months = new ArrayList<>(12);
      for (int month = 1; month <= 12; month++) {
        months.add(year.month(month).map(PerformanceReportJson::value).orElse(null));
      }
      row.put("months", months);
      row.put("year_return", value(year.whole()));
      rows.add(row);
    }
    return rows;
  }

  private static List<Object> flows(PerformanceReport report) {
    List<Object> rows = new ArrayList<>();
    for (PeriodFlows month : report.flowsByMonth()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("period", month.period());
      row.put("inflows_base", ContractJson.text(month.inflows()));
      row.put("outflows_base", ContractJson.text(month.outflows()));
      row.put("net_flow_base", ContractJson.text(month.net()));
      rows.add(row);
    }
    return rows;
  }

  private static List<Object> issues(PerformanceReport report) {
    List<Object> rows = new ArrayList<>();
    for (ReportedIssue reported : report.issues()) {
      DataIssue issue = reported.issue();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", issue.kind().code());
      row.put("event_id", issue.event().isEmpty() ? null : issue.event());
      row.put("asset", issue.asset().isEmpty() ? null : issue.asset());
      row.put("detail", issue.detail());
      row.put("effect", reported.effect());
      rows.add(row);
    }
    return rows;
  }

  /** A period's return as {@link PerformanceJson} gives it: the fraction as a double. */
  static double value(PeriodReturn period) {
    return period.value().doubleValue();
  }

  private static void metric(Map<String, Object> doc, String name, Metric<? extends Number> value) {
    doc.put(name, value.value().map(Number::doubleValue).orElse(null));
    value.reason().ifPresent(reason -> doc.put(name + "_reason", reason));
  }
}
