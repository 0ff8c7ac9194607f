package io.tally.report.tax;

import io.tally.engine.service.ContractJson;
import io.tally.money.Asset;
import io.tally.tax.Income;
import io.tally.tax.IncomeMonth;
import io.tally.tax.IncomeReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The income report as JSON ({@code tally report --type income --format json}, {@code GET
 * /api/v1/portfolio/reports/income}): the total, the totals per month and asset, and every receipt
 * at its value when received. Amounts are decimal strings in the base currency.
 *
 * <p>Example: {@code IncomeReportJson.of(report, Asset.USD, now).get("total_base")} is {@code
 * "9.50000000"}. Stateless.
 */
public final class IncomeReportJson {

  private IncomeReportJson() {}

  /** The whole document of {@code report}, generated at {@code generatedAt}. */
  public static Map<String, Object> of(IncomeReport report, Asset base, Instant generatedAt) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", "income");
    doc.put("base_currency", base.code());
    doc.put("from", report.from().toString());
    doc.put("to", report.to().toString());
    doc.put("timezone", report.zone().getId());
    doc.put("generated_at", generatedAt.toString());
    doc.put("total_base", ContractJson.text(report.total()));
    List<Object> months = new ArrayList<>();
    for (IncomeMonth month : report.months()) {
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("month", month.month().toString());
      each.put("asset", month.asset().code());
      each.put("receipts", month.receipts());
      each.put("quantity", month.quantity().toPlainString());
      each.put("value_base", ContractJson.text(month.value()));
      months.add(each);
    }
    doc.put("by_month", months);
    List<Object> receipts = new ArrayList<>();
    for (Income income : report.receipts()) {
      Map<String, Object> each = new LinkedHashMap<>();
      each.put("date", LocalDate.ofInstant(income.at(), report.zone()).toString());
      each.put("at", income.at().toString());
      each.put("asset", income.asset().code());
      each.put("quantity", income.quantity().toPlainString());
      each.put("value_base", ContractJson.text(income.value()));
      each.put("event_id", income.id().value());
      receipts.add(each);
    }
    doc.put("receipts", receipts);
    return doc;
  }
}
