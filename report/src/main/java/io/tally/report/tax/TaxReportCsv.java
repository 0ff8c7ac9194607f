package io.tally.report.tax;

import io.tally.report.CsvWriter;
import io.tally.tax.Disposal;
import io.tally.tax.GainSum;
import io.tally.tax.HoldingPeriod;
import io.tally.tax.TaxReport;
import io.tally.tax.TermTotal;

/**
 * The realized-gains report as CSV, in the column order of the US Form 8949 — description, date
 * acquired, date sold, proceeds, cost basis, gain or loss — followed by what a reviewer needs to
 * trace a row (term, asset, quantity, kind, the disposal's event and the lot's), then, after an
 * empty line, the summary: one line per tax year and term and a {@code total} line. Dates are ISO
 * in the reporting time zone, {@code VARIOUS} when a row's units were acquired at several moments
 * (average cost); amounts are the exact base-currency figures of the JSON.
 *
 * <p>Example: a FIFO sale of 0.5 XBT is the line {@code 0.5 XBT,2024-01-10,2024-02-10,
 * 24990.00000000,20005.00000000,4985.00000000,short,XBT,0.5,trade,S,B}. Stateless.
 */
public final class TaxReportCsv {

  /** The columns of the disposal rows. */
  public static final String[] COLUMNS = {
    "description",
    "date_acquired",
    "date_sold",
    "proceeds",
    "cost_basis",
    "gain_or_loss",
    "term",
    "asset",
    "quantity",
    "kind",
    "event_id",
    "lot_event_id"
  };

  /** The columns of the summary. */
  public static final String[] SUMMARY_COLUMNS = {
    "year", "term", "rows", "proceeds", "cost_basis", "gain_or_loss"
  };

  private TaxReportCsv() {}

  /** The whole document of {@code report}. */
  public static String of(TaxReport report) {
    HoldingPeriod holding = report.rules().holding();
    CsvWriter csv = new CsvWriter().row(COLUMNS);
    for (Disposal row : report.rows()) {
      String quantity = row.quantity().toPlainString();
      csv.row(
          quantity + " " + row.asset().code(),
          row.variousDates() ? "VARIOUS" : holding.date(row.acquired()).toString(),
          holding.date(row.disposed()).toString(),
          row.proceeds().toPlainString(),
          row.costBasis().toPlainString(),
          row.gain().toPlainString(),
          row.term().code(),
          row.asset().code(),
          quantity,
          row.kind().code(),
          row.eventId().value(),
          row.acquiredBy().value());
    }
    csv.blank().row(SUMMARY_COLUMNS);
    for (TermTotal total : report.totals()) {
      summary(csv, String.valueOf(total.year()), total.term().code(), total.sum());
    }
    summary(csv, "total", "", report.total());
    return csv.text();
  }

  private static void summary(CsvWriter csv, String year, String term, GainSum sum) {
    csv.row(
        year,
        term,
        String.valueOf(sum.rows()),
        sum.proceeds().toPlainString(),
        sum.costBasis().toPlainString(),
        sum.gain().toPlainString());
  }
}
