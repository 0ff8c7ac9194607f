package io.tally.report.tax;

import io.tally.engine.service.ContractJson;
import io.tally.money.Asset;
import io.tally.tax.Disposal;
import io.tally.tax.GainSum;
import io.tally.tax.HoldingPeriod;
import io.tally.tax.LotMovement;
import io.tally.tax.TaxReport;
import io.tally.tax.TermTotal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The realized-gains report as JSON ({@code tally report --type tax --format json}, {@code GET
 * /api/v1/portfolio/reports/tax}): the rules it was kept by, totals per year and term, the grand
 * total, one object per disposal row, the movements that realized nothing and the data issues.
 * Amounts are decimal strings in the base currency, exact (8 decimals); dates are in the reporting
 * time zone.
 *
 * <p>Example: {@code TaxReportJson.of(report, Asset.USD, now).get("total")} is {@code {rows: 3,
 * proceeds_base: "…", cost_basis_base: "…", gain_base: "…"}}. Stateless.
 */
public final class TaxReportJson {

  private TaxReportJson() {}

  /** The whole document of {@code report}, generated at {@code generatedAt}. */
  public static Map<String, Object> of(TaxReport report, Asset base, Instant generatedAt) {
    HoldingPeriod holding = report.rules().holding();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "tax");
    doc.put("base_currency", base.code());
    doc.put("from", report.from().toString());
    doc.put("to", report.to().toString());
    doc.put("timezone", holding.zone().getId());
    doc.put("generated_at", generatedAt.toString());
    doc.put("method", report.rules().method().code());
    doc.put("long_term_after_days", holding.longAfterDays());
    doc.put("fees_in_cost_basis", report.rules().feesInCostBasis());
    doc.put("withdrawals_realize", report.rules().withdrawalsRealize());
    List<Object> totals = new ArrayList<>();
    for (TermTotal total : report.totals()) {
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("year", total.year());
      each.put("term", total.term().code());
      each.putAll(sum(total.sum()));
      totals.add(each);
    }
    doc.put("totals", totals);
    doc.put("total", sum(report.total()));
    List<Object> rows = new ArrayList<>(report.rows().size());
    for (Disposal row : report.rows()) {
      rows.add(row(row, holding));
    }
    doc.put("disposals", rows);
    List<Object> movements = new ArrayList<>();
    for (LotMovement movement : report.movements()) {
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("kind", movement.kind().code());
      each.put("asset", movement.asset().code());
      each.put("quantity", movement.quantity().toPlainString());
      each.put("cost_base", ContractJson.text(movement.cost()));
      each.put("value_base", ContractJson.text(movement.value()));
      each.put("date", holding.date(movement.at()).toString());
      each.put("at", movement.at().toString());
      each.put("event_id", movement.id().value());
      movements.add(each);
    }
    doc.put("movements", movements);
    doc.put("data_issues", ContractJson.issues(report.issues()));
    return doc;
  }

  private static Map<String, Object> sum(GainSum sum) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("rows", sum.rows());
    doc.put("proceeds_base", ContractJson.text(sum.proceeds()));
    doc.put("cost_basis_base", ContractJson.text(sum.costBasis()));
    doc.put("gain_base", ContractJson.text(sum.gain()));
    return doc;
  }

  private static Map<String, Object> row(Disposal row, HoldingPeriod holding) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("asset", row.asset().code());
    doc.put("quantity", row.quantity().toPlainString());
    doc.put("date_acquired", holding.date(row.acquired()).toString());
    doc.put("date_acquired_latest", holding.date(row.acquiredLatest()).toString());
    doc.put("date_sold", holding.date(row.disposed()).toString());
    doc.put("proceeds_base", ContractJson.text(row.proceeds()));
    doc.put("cost_basis_base", ContractJson.text(row.costBasis()));
    doc.put("gain_base", ContractJson.text(row.gain()));
    doc.put("term", row.term().code());
    doc.put("kind", row.kind().code());
    doc.put("event_id", row.eventId().value());
    doc.put("lot_event_id", row.acquiredBy().value());
    return doc;
  }
}
