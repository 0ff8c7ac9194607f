package io.tally.report.performance;

import io.tally.books.DataIssue;
import io.tally.engine.performance.Performance;
import io.tally.metrics.Metric;
import io.tally.report.CsvWriter;
import io.tally.series.Attribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link PerformanceReport} as one CSV file of four sections, in this order: {@code summary} (rows
 * {@code key,value}: the period, base currency, generation time and the figures of {@link
 * PerformanceReportJson}'s {@code summary}, plus max drawdown and Sharpe), {@code monthly_returns}
 * ({@code year,jan,...,dec,year_return}), {@code strategies} ({@code
 * strategy,realized_base,fees_base,trades,contribution}) and {@code data_issues} ({@code
 * kind,event_id,asset,detail,effect}).
 *
 * <p>Each section is a title row holding only its name, then its header row, then its rows;
 * sections are separated by one empty line (a reader splits on empty lines, then reads each block
 * as an ordinary CSV after its first line). Lines end with CRLF and fields are quoted as RFC 4180
 * says: a field with a comma, a double quote, CR or LF is enclosed in double quotes, a double quote
 * in it doubled. Values are the JSON's: money as decimal text, fractions ({@code 0.0412} is 4.12 %)
 * and ratios as plain decimals, an unknown or uncovered figure as an empty field.
 *
 * <p>Example: {@code PerformanceReportCsv.of(report)} starts {@code
 * summary\r\nkey,value\r\nbase_currency,USD\r\n}. Stateless.
 */
public final class PerformanceReportCsv {

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  private PerformanceReportCsv() {}

  /** The whole file. */
  public static String of(PerformanceReport report) {
    Performance performance = report.performance();
    CsvWriter out = new CsvWriter();
    section(out, "summary", List.of("key", "value"));
    row(out, "base_currency", report.base().code());
    row(out, "from", report.from().toString());
    row(out, "to", report.to().toString());
    row(out, "generated_at", report.generatedAt().toString());
    row(out, "equity_start_base", report.startEquity().toPlainString());
    row(out, "equity_end_base", report.endEquity().toPlainString());
    row(out, "twr", FigureText.plain(performance.returns().twr().doubleValue()));
    row(out, "mwr", plain(performance.mwr()));
    row(out, "total_pnl_base", performance.returns().totalPnl().toPlainString());
    row(out, "fees_base", report.fees().toPlainString());
    row(out, "inflows_base", report.inflows().toPlainString());
    row(out, "outflows_base", report.outflows().toPlainString());
    row(out, "max_drawdown", FigureText.plain(performance.drawdowns().maxDepth().doubleValue()));
    row(out, "sharpe", plain(performance.ratios().sharpe()));
    row(out, "trading_activity", Boolean.toString(report.tradingActivity()));

    out.blank();
    List<String> header = new ArrayList<>();
    header.add("year");
    header.addAll(List.of(MONTHS));
    header.add("year_return");
    section(out, "monthly_returns", header);
    for (ReturnYear year : report.monthlyReturns()) {
      List<String> fields = new ArrayList<>();
      fields.add(Integer.toString(year.year()));
      for (int month = 1; month <= 12; month++) {
        fields.add(
            year.month(month)
                .map(each -> FigureText.plain(PerformanceReportJson.value(each)))
                .orElse(""));
      }
      fields.add(FigureText.plain(PerformanceReportJson.value(year.whole())));
      row(out, fields);
    }

    out.blank();
    section(
        out,
        "strategies",
        List.of("strategy", "realized_base", "fees_base", "trades", "contribution"));
    for (Map.Entry<String, Attribution> strategy : performance.byStrategy().entrySet()) {
      Attribution made = strategy.getValue();
      row(
          out,
          List.of(
              strategy.getKey(),
              made.realized().toPlainString(),
              made.fees().toPlainString(),
              Long.toString(made.trades()),
              plain(performance.contribution(made.realized()))));
    }

    out.blank();
    section(out, "data_issues", List.of("kind", "event_id", "asset", "detail", "effect"));
    for (ReportedIssue reported : report.issues()) {
      DataIssue issue = reported.issue();
      row(
          out,
          List.of(
              issue.kind().code(),
              issue.event(),
              issue.asset(),
              issue.detail(),
              reported.effect()));
    }
    return out.text();
  }

  private static String plain(Metric<? extends Number> value) {
    return value.value().map(number -> FigureText.plain(number.doubleValue())).orElse("");
  }

  private static void section(CsvWriter out, String name, List<String> header) {
    row(out, List.of(name));
    row(out, header);
  }

  private static void row(CsvWriter out, String key, String value) {
    out.row(key, value);
  }

  private static void row(CsvWriter out, List<String> fields) {
    out.row(fields.toArray(String[]::new));
  }
}
