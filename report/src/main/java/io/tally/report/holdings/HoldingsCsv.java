package io.tally.report.holdings;

import io.tally.report.CsvWriter;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.PortfolioValuation;

/**
 * The holdings report as CSV ({@code tally report --type holdings --format csv}): one line per
 * asset held or once held — {@code asset,quantity,cost_basis,price,price_at,value,unrealized,
 * realized,percent_of_equity,flags} — then, after an empty line, the totals as {@code key,value}
 * lines (equity, cash, realized, unrealized, fees, net flows, the moment valued). Amounts are the
 * exact base-currency figures of the JSON; an unpriced asset has an empty price.
 *
 * <p>Example: {@code XBT,0.5,20000.00000000,61000,2026-12-04T10:00:00Z,30500.00000000,
 * 10500.00000000,0.00000000,75.31,}. Stateless.
 */
public final class HoldingsCsv {

  private HoldingsCsv() {}

  /** The whole document of {@code valuation}. */
  public static String of(PortfolioValuation valuation) {
    CsvWriter csv =
        new CsvWriter()
            .row(
                "asset",
                "quantity",
                "cost_basis",
                "price",
                "price_at",
                "value",
                "unrealized",
                "realized",
                "percent_of_equity",
                "flags");
    for (AssetValuation item : valuation.holdings()) {
      csv.row(
          item.holding().asset().code(),
          item.holding().quantity().toPlainString(),
          item.holding().cost().toPlainString(),
          item.price().map(price -> price.value().toPlainString()).orElse(""),
          item.price().map(price -> price.at().toString()).orElse(""),
          item.value().toPlainString(),
          item.unrealized().toPlainString(),
          item.holding().realized().toPlainString(),
          item.percentageOfEquity().toPlainString(),
          item.unvalued() ? "unvalued" : item.stale() ? "stale" : "");
    }
    csv.blank()
        .row("total", "value")
        .row("equity", valuation.equity().toPlainString())
        .row("cash", valuation.cash().toPlainString())
        .row("realized", valuation.realized().toPlainString())
        .row("unrealized", valuation.unrealized().toPlainString())
        .row("fees", valuation.books().fees().total().toPlainString())
        .row("net_flows", valuation.books().flows().net().toPlainString())
        .row("valued_at", valuation.asOf().toString());
    return csv.text();
  }
}
