package io.tally.report.tax;

import io.tally.report.CsvWriter;
import io.tally.tax.Income;
import io.tally.tax.IncomeMonth;
import io.tally.tax.IncomeReport;
import java.time.LocalDate;

/**
 * The income report as CSV: one line per receipt ({@code date,asset,quantity,value,event_id}),
 * then, after an empty line, the totals per month and asset ({@code
 * month,asset,receipts,quantity,value}) and a {@code total} line. Values are exact base-currency
 * amounts; dates and months are in the reporting time zone.
 *
 * <p>Example: a staking reward is the line {@code 2025-02-03,DOT,0.25,1.50000000,R1}. Stateless.
 */
public final class IncomeReportCsv {

  private IncomeReportCsv() {}

  /** The whole document of {@code report}. */
  public static String of(IncomeReport report) {
    CsvWriter csv = new CsvWriter().row("date", "asset", "quantity", "value", "event_id");
    for (Income income : report.receipts()) {
      csv.row(
          LocalDate.ofInstant(income.at(), report.zone()).toString(),
          income.asset().code(),
          income.quantity().toPlainString(),
          income.value().toPlainString(),
          income.id().value());
    }
    csv.blank().row("month", "asset", "receipts", "quantity", "value");
    for (IncomeMonth month : report.months()) {
      csv.row(
          month.month().toString(),
          month.asset().code(),
          String.valueOf(month.receipts()),
          month.quantity().toPlainString(),
          month.value().toPlainString());
    }
    csv.row("total", "", "", "", report.total().toPlainString());
    return csv.text();
  }
}
