package io.tally.cli;

import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.tax.Disposal;
import io.tally.tax.GainSum;
import io.tally.tax.HoldingPeriod;
import io.tally.tax.Income;
import io.tally.tax.IncomeMonth;
import io.tally.tax.IncomeReport;
import io.tally.tax.LotMovement;
import io.tally.tax.TaxReport;
import io.tally.tax.TermTotal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;

/**
 * {@code tally report --type tax|income} for people: aligned tables of the rows, the totals per
 * year and term (or per month and asset), the movements that realized nothing and the data issues;
 * money to cents (the JSON and CSV keep the exact figures).
 *
 * <p>Example: {@code TaxReportText.render(report, Asset.USD)} starts {@code Realized gains
 * 2025-01-01 .. 2025-12-31 (USD, fifo, long after 365 days, UTC)}. Stateless.
 */
final class TaxReportText {

  private TaxReportText() {}

  static String render(TaxReport report, Asset base) {
    HoldingPeriod holding = report.rules().holding();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Realized gains %s .. %s (%s, %s, long after %d days, %s; fees %s)%n%n",
            report.from(),
            report.to(),
            base.code(),
            report.rules().method().code(),
            holding.longAfterDays(),
            holding.zone().getId(),
            report.rules().feesInCostBasis() ? "in cost basis and proceeds" : "apart"));
    if (report.rows().isEmpty()) {
      out.append("No disposals in this range.").append(System.lineSeparator());
    } else {
      TextTable rows =
          new TextTable(
                  "DESCRIPTION",
                  "ACQUIRED",
                  "SOLD",
                  "PROCEEDS",
                  "COST BASIS",
                  "GAIN",
                  "TERM",
                  "EVENT")
              .right(3, 4, 5);
      for (Disposal row : report.rows()) {
        rows.row(
            row.quantity().toPlainString() + " " + row.asset().code(),
            row.variousDates() ? "various" : holding.date(row.acquired()).toString(),
            holding.date(row.disposed()).toString(),
            money(row.proceeds()),
            money(row.costBasis()),
            money(row.gain()),
            row.term().code(),
            row.eventId().value());
      }
      out.append(rows.render()).append(System.lineSeparator());
      TextTable totals =
          new TextTable("YEAR", "TERM", "ROWS", "PROCEEDS", "COST BASIS", "GAIN").right(2, 3, 4, 5);
      for (TermTotal total : report.totals()) {
        total(totals, String.valueOf(total.year()), total.term().code(), total.sum());
      }
      total(totals, "total", "", report.total());
      out.append(totals.render());
    }
    if (!report.movements().isEmpty()) {
      out.append(System.lineSeparator()).append("Not taxable:").append(System.lineSeparator());
      TextTable movements =
          new TextTable("DATE", "KIND", "ASSET", "QUANTITY", "COST", "VALUE", "EVENT")
              .right(3, 4, 5);
      for (LotMovement movement : report.movements()) {
        movements.row(
            holding.date(movement.at()).toString(),
            movement.kind().code(),
            movement.asset().code(),
            movement.quantity().toPlainString(),
            money(movement.cost()),
            money(movement.value()),
            movement.id().value());
      }
      out.append(movements.render());
    }
    ReportText.appendIssues(out, report.issues());
    return out.toString();
  }

  static String render(IncomeReport report, Asset base) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Income %s .. %s (%s, %s): %s%n%n",
            report.from(),
            report.to(),
            base.code(),
            report.zone().getId(),
            money(report.total())));
    if (report.receipts().isEmpty()) {
      out.append("No income in this range.").append(System.lineSeparator());
      return out.toString();
    }
    TextTable months =
        new TextTable("MONTH", "ASSET", "RECEIPTS", "QUANTITY", "VALUE").right(2, 3, 4);
    for (IncomeMonth month : report.months()) {
      months.row(
          month.month().toString(),
          month.asset().code(),
          String.valueOf(month.receipts()),
          month.quantity().toPlainString(),
          money(month.value()));
    }
    out.append(months.render()).append(System.lineSeparator());
    TextTable receipts = new TextTable("DATE", "ASSET", "QUANTITY", "VALUE", "EVENT").right(2, 3);
    for (Income income : report.receipts()) {
      receipts.row(
          LocalDate.ofInstant(income.at(), report.zone()).toString(),
          income.asset().code(),
          income.quantity().toPlainString(),
          money(income.value()),
          income.id().value());
    }
    out.append(receipts.render());
    return out.toString();
  }

  private static void total(TextTable table, String year, String term, GainSum sum) {
    table.row(
        year,
        term,
        String.valueOf(sum.rows()),
        money(sum.proceeds()),
        money(sum.costBasis()),
        money(sum.gain()));
  }

  private static String money(BigDecimal value) {
    return Precision.display(value).toPlainString();
  }
}
