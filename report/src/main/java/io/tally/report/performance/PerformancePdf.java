package io.tally.report.performance;

import io.tally.books.DataIssue;
import io.tally.engine.performance.Performance;
import io.tally.metrics.Dated;
import io.tally.metrics.Drawdown;
import io.tally.metrics.Metric;
import io.tally.metrics.PeriodReturn;
import io.tally.metrics.ReportingPeriod;
import io.tally.metrics.Returns;
import io.tally.metrics.RiskRatios;
import io.tally.metrics.TradeCycles;
import io.tally.series.Attribution;
import io.tally.series.DayEnd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;

/**
 * {@link PerformanceReport} as a PDF drawn with PDFBox, no browser: A4 pages with the report's
 * period, base currency, generation time (UTC, ISO-8601) and "page N of M" on every page; the
 * summary (equity, TWR, MWR, PnL, fees, flows, or "No trading activity"); the equity curve and the
 * underwater (drawdown) chart as vector paths; the risk ratios; the month-by-month returns; the
 * best and worst periods; the trade cycles; the strategy table; the flows by month; and the data
 * issues with their effect. Tables that do not fit go on over the next pages.
 *
 * <p>Every number is formatted by {@link FigureText} from the same value {@link
 * PerformanceReportJson} puts in the JSON, so the text of the PDF can be checked against it. Text
 * is plain ASCII (Helvetica, a standard 14 font, encodes WinAnsi only).
 *
 * <p>Example: {@code Files.write(path, PerformancePdf.render(report))}. Stateless.
 */
public final class PerformancePdf {

  private static final float TABLE_SIZE = 8;
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private PerformancePdf() {}

  /** The PDF's bytes. */
  public static byte[] render(PerformanceReport report) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    write(report, out);
    return out.toByteArray();
  }

  /**
   * Writes the PDF to {@code out} (left open).
   *
   * @throws UncheckedIOException when {@code out} cannot be written
   */
  public static void write(PerformanceReport report, OutputStream out) {
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Performance report " + period(report));
      info.setCreator("Tally");
      PdfPages pages = new PdfPages(document);
      draw(report, pages);
      pages.stamp(
          "Tally performance report   " + period(report) + "   base currency " + report.base(),
          "Generated " + report.generatedAt() + " (UTC)");
      document.save(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the performance report's PDF", e);
    }
  }

  /** The period as every page names it: {@code 2025-01-01 to 2025-06-30}. */
  public static String period(PerformanceReport report) {
    return report.from() + " to " + report.to();
  }

  private static void draw(PerformanceReport report, PdfPages pages) throws IOException {
    Performance performance = report.performance();
    pages.down(6);
    pages.text(pages.left(), pages.y(), pages.bold(), 18, "Performance report");
    pages.down(6);
    pages.line(
        period(report)
            + ", "
            + performance.days().size()
            + " days in "
            + performance.config().zone().getId()
            + ", amounts in "
            + report.base(),
        10);
    if (!report.tradingActivity()) {
      pages.down(6);
      pages.ensure(16);
      pages.down(12);
      pages.text(
          pages.left(),
          pages.y(),
          pages.bold(),
          12,
          "No trading activity in this period: the cash flows below are all that moved.");
    }
    summary(report, pages);
    charts(report, pages);
    risk(report, pages);
    monthly(report, pages);
    extremes(performance.returns(), pages);
    trades(performance.trades(), report, pages);
    strategies(performance, pages);
    flows(report, pages);
    issues(report, pages);
  }

  private static void summary(PerformanceReport report, PdfPages pages) throws IOException {
    Performance performance = report.performance();
    String base = " " + report.base();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Equity at start", FigureText.money(report.startEquity()) + base));
    rows.add(List.of("Equity at end", FigureText.money(report.endEquity()) + base));
    rows.add(
        List.of(
            "Time-weighted return (TWR)",
            FigureText.percent(performance.returns().twr().doubleValue())));
    rows.add(List.of("Money-weighted return (MWR)", withReason(performance.mwr(), true)));
    rows.add(List.of("Total PnL", FigureText.money(performance.returns().totalPnl()) + base));
    rows.add(List.of("Fees", FigureText.money(report.fees()) + base));
    rows.add(List.of("Inflows", FigureText.money(report.inflows()) + base));
    rows.add(List.of("Outflows", FigureText.money(report.outflows()) + base));
    rows.add(List.of("Trading activity", report.tradingActivity() ? "yes" : "No trading activity"));
    PdfTable table =
        new PdfTable(
            List.of(PdfTable.Column.left("Figure", 2), PdfTable.Column.right("Value", 3)), 9);
    pages.heading("Summary", table.rowHeight() * 3);
    table.draw(pages, rows);
  }

  private static void charts(PerformanceReport report, PdfPages pages) throws IOException {
    Performance performance = report.performance();
    List<LocalDate> dates = new ArrayList<>();
    List<Double> equity = new ArrayList<>();
    for (DayEnd day : performance.days()) {
      dates.add(day.date());
      equity.add(day.equity().doubleValue());
    }
    new PdfChart(
            "Equity curve (" + report.base() + ")",
            dates,
            equity,
            value -> String.format(Locale.ROOT, "%,.0f", value),
            PdfChart.EQUITY,
            false,
            170)
        .draw(pages);
    List<LocalDate> depthDates = new ArrayList<>();
    List<Double> depths = new ArrayList<>();
    for (Dated<BigDecimal> depth : performance.drawdowns().depths()) {
      depthDates.add(depth.date());
      depths.add(-depth.value().doubleValue());
    }
    new PdfChart(
            "Drawdown (under water, from the TWR index's running peak)",
            depthDates,
            depths,
            value -> String.format(Locale.ROOT, "%.1f%%", value * 100),
            PdfChart.DRAWDOWN,
            true,
            120)
        .draw(pages);
  }

  private static void risk(PerformanceReport report, PdfPages pages) throws IOException {
    Performance performance = report.performance();
    RiskRatios ratios = performance.ratios();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("CAGR", withReason(performance.returns().cagr(), true)));
    rows.add(List.of("Volatility (annualised)", withReason(ratios.volatility(), true)));
    rows.add(List.of("Sharpe", withReason(ratios.sharpe(), false)));
    rows.add(List.of("Sortino", withReason(ratios.sortino(), false)));
    rows.add(List.of("Calmar", withReason(ratios.calmar(), false)));
    rows.add(List.of("Recovery factor", withReason(ratios.recoveryFactor(), false)));
    Optional<Drawdown> max = performance.drawdowns().max();
    rows.add(
        List.of(
            "Max drawdown",
            FigureText.percent(performance.drawdowns().maxDepth().doubleValue())
                + max.map(
                        d ->
                            " (peak "
                                + d.peak()
                                + ", trough "
                                + d.trough()
                                + ", recovered "
                                + d.recovery().map(Object::toString).orElse("not yet")
                                + ")")
                    .orElse("")));
    rows.add(
        List.of(
            "Current drawdown",
            FigureText.percent(performance.drawdowns().current().doubleValue())));
    rows.add(
        List.of("Longest under water", performance.drawdowns().longestUnderwaterDays() + " days"));
    PdfTable table =
        new PdfTable(
            List.of(PdfTable.Column.left("Risk ratio", 2), PdfTable.Column.right("Value", 3)), 9);
    pages.heading("Risk ratios", table.rowHeight() * 3);
    table.draw(pages, rows);
  }

  private static void monthly(PerformanceReport report, PdfPages pages) throws IOException {
    List<PdfTable.Column> columns = new ArrayList<>();
    columns.add(PdfTable.Column.left("Year", 1));
    for (String month : MONTHS) {
      columns.add(PdfTable.Column.right(month, 1.05f));
    }
    columns.add(PdfTable.Column.right("Year", 1.2f));
    List<List<String>> rows = new ArrayList<>();
    for (ReturnYear year : report.monthlyReturns()) {
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(year.year()));
      for (int month = 1; month <= 12; month++) {
        row.add(
            year.month(month)
                .map(each -> FigureText.percent(PerformanceReportJson.value(each)))
                .orElse(""));
      }
      row.add(FigureText.percent(PerformanceReportJson.value(year.whole())));
      rows.add(row);
    }
    PdfTable table = new PdfTable(columns, 7);
    pages.heading("Monthly returns (time-weighted)", table.rowHeight() * 3);
    table.draw(pages, rows);
  }

  private static void extremes(Returns returns, PdfPages pages) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "Day",
            returns.bestDay().map(d -> d.date().toString()).orElse(FigureText.NOT_AVAILABLE),
            returns
                .bestDay()
                .map(d -> FigureText.percent(d.value().doubleValue()))
                .orElse(FigureText.NOT_AVAILABLE),
            "",
            returns.worstDay().map(d -> d.date().toString()).orElse(FigureText.NOT_AVAILABLE),
            returns
                .worstDay()
                .map(d -> FigureText.percent(d.value().doubleValue()))
                .orElse(FigureText.NOT_AVAILABLE)));
    for (ReportingPeriod period : ReportingPeriod.values()) {
      Optional<PeriodReturn> best = returns.best(period);
      Optional<PeriodReturn> worst = returns.worst(period);
      String name = period.name().charAt(0) + period.name().substring(1).toLowerCase(Locale.ROOT);
      rows.add(
          List.of(
              name,
              best.map(PeriodReturn::label).orElse(FigureText.NOT_AVAILABLE),
              best.map(p -> FigureText.percent(PerformanceReportJson.value(p)))
                  .orElse(FigureText.NOT_AVAILABLE),
              "",
              worst.map(PeriodReturn::label).orElse(FigureText.NOT_AVAILABLE),
              worst
                  .map(p -> FigureText.percent(PerformanceReportJson.value(p)))
                  .orElse(FigureText.NOT_AVAILABLE)));
    }
    PdfTable table =
        new PdfTable(
            List.of(
                PdfTable.Column.left("Period", 1),
                PdfTable.Column.left("Best", 1.2f),
                PdfTable.Column.right("Return", 1),
                PdfTable.Column.left("", 0.3f),
                PdfTable.Column.left("Worst", 1.2f),
                PdfTable.Column.right("Return", 1)),
            TABLE_SIZE);
    pages.heading("Best and worst periods", table.rowHeight() * 3);
    table.draw(pages, rows);
  }

  private static void trades(TradeCycles trades, PerformanceReport report, PdfPages pages)
      throws IOException {
    String base = " " + report.base();
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "Closed trade cycles",
            trades.count()
                + " ("
                + trades.wins()
                + " won, "
                + trades.losses()
                + " lost, "
                + trades.breakEven()
                + " even)"));
    rows.add(List.of("Win rate", withReason(trades.winRate(), true)));
    rows.add(List.of("Profit factor", withReason(trades.profitFactor(), false)));
    rows.add(List.of("Gross PnL of the cycles", FigureText.money(trades.grossPnl()) + base));
    rows.add(List.of("Fees of the cycles", FigureText.money(trades.fees()) + base));
    rows.add(List.of("Expectancy", money(trades.expectancy(), base)));
    rows.add(List.of("Largest win", money(trades.largestWin(), base)));
    rows.add(List.of("Largest loss", money(trades.largestLoss(), base)));
    PdfTable table =
        new PdfTable(
            List.of(PdfTable.Column.left("Trade cycles", 2), PdfTable.Column.right("Value", 3)),
            TABLE_SIZE);
    pages.heading("Trade cycles (flat to flat, per pair)", table.rowHeight() * 3);
    table.draw(pages, rows);
  }

  private static void strategies(Performance performance, PdfPages pages) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Attribution> strategy : performance.byStrategy().entrySet()) {
      Attribution made = strategy.getValue();
      rows.add(
          List.of(
              strategy.getKey(),
              FigureText.money(made.realized()),
              FigureText.money(made.fees()),
              Long.toString(made.trades()),
              FigureText.percent(performance.contribution(made.realized()))));
    }
    PdfTable table =
        new PdfTable(
            List.of(
                PdfTable.Column.left("Strategy", 2),
                PdfTable.Column.right("Realized PnL", 1.5f),
                PdfTable.Column.right("Fees", 1.2f),
                PdfTable.Column.right("Trades", 0.8f),
                PdfTable.Column.right("Contribution", 1.2f)),
            TABLE_SIZE);
    pages.heading("Strategies (realized PnL after fees; unrealized is kept per pair)", 40);
    if (rows.isEmpty()) {
      pages.line("No strategy traded in this period.", 9);
      return;
    }
    table.draw(pages, rows);
  }

  private static void flows(PerformanceReport report, PdfPages pages) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (PeriodFlows month : report.flowsByMonth()) {
      rows.add(
          List.of(
              month.period(),
              FigureText.money(month.inflows()),
              FigureText.money(month.outflows()),
              FigureText.money(month.net())));
    }
    PdfTable table =
        new PdfTable(
            List.of(
                PdfTable.Column.left("Month", 1),
                PdfTable.Column.right("Inflows", 1.5f),
                PdfTable.Column.right("Outflows", 1.5f),
                PdfTable.Column.right("Net", 1.5f)),
            TABLE_SIZE);
    pages.heading("Cash flows by month (" + report.base() + ")", table.rowHeight() * 3);
    table.draw(pages, rows);
  }

  private static void issues(PerformanceReport report, PdfPages pages) throws IOException {
    pages.heading("Data issues that affect these numbers", 30);
    if (report.issues().isEmpty()) {
      pages.line("None reported.", 9);
      return;
    }
    float room = pages.width() - 12;
    for (ReportedIssue reported : report.issues()) {
      DataIssue issue = reported.issue();
      String title =
          issue.kind().code()
              + (issue.event().isEmpty() ? "" : "   event " + issue.event())
              + (issue.asset().isEmpty() ? "" : "   asset " + issue.asset());
      List<String> detail = pages.wrap(pages.regular(), TABLE_SIZE, issue.detail(), room);
      List<String> effect =
          pages.wrap(pages.regular(), TABLE_SIZE, "Effect: " + reported.effect(), room);
      float height = (1 + detail.size() + effect.size()) * (TABLE_SIZE + 3) + 6;
      pages.ensure(height);
      pages.down(TABLE_SIZE + 5);
      pages.text(pages.left(), pages.y(), pages.bold(), TABLE_SIZE, title);
      for (String line : detail) {
        pages.down(TABLE_SIZE + 3);
        pages.text(pages.left() + 12, pages.y(), pages.regular(), TABLE_SIZE, line);
      }
      for (String line : effect) {
        pages.down(TABLE_SIZE + 3);
        pages.text(pages.left() + 12, pages.y(), pages.regular(), TABLE_SIZE, line);
      }
    }
  }

  /** A percentage ({@code percent}) or ratio, or {@code n/a (reason)}. */
  private static String withReason(Metric<? extends Number> value, boolean percent) {
    if (value.isPresent()) {
      return percent ? FigureText.percent(value) : FigureText.ratio(value);
    }
    return FigureText.NOT_AVAILABLE + value.reason().map(reason -> " (" + reason + ")").orElse("");
  }

  private static String money(Metric<BigDecimal> value, String base) {
    return value
        .value()
        .map(amount -> FigureText.money(amount) + base)
        .orElse(
            FigureText.NOT_AVAILABLE
                + value.reason().map(reason -> " (" + reason + ")").orElse(""));
  }
}
