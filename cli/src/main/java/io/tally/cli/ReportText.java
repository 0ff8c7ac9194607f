package io.tally.cli;

import io.tally.books.BaseCurrency;
import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.books.PnlKind;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PositionValuation;
import java.math.BigDecimal;
import java.util.List;

/**
 * The report for a person: the same figures as {@link ReportDocument}, as aligned tables, money
 * rounded to cents, amounts at the asset's display decimals and prices and average costs at the
 * pair's price decimals ({@link DisplayDecimals}; the books keep every digit: use {@code --format
 * json} for exact figures).
 *
 * <p>Example first lines: {@code Base currency EUR: the only fiat currency in the history (...)}
 * and {@code Tally report: base EUR, cost basis wac, as of 2024-05-01T00:00:00Z}. Stateless.
 */
final class ReportText {

  private ReportText() {}

  static String render(
      PortfolioValuation valuation, BaseCurrency baseCurrency, DisplayDecimals display) {
    BookState books = valuation.books();
    StringBuilder out = new StringBuilder();
    out.append(baseCurrency.describe()).append('\n');
    out.append("Tally report: base ")
        .append(books.config().base())
        .append(", cost basis ")
        .append(books.config().method().code())
        .append(", as of ")
        .append(valuation.asOf())
        .append("\n\n");
    out.append(
        TextTable.headerless(4)
            .right(1, 3)
            .row("Equity", money(valuation.equity()), "Cash", money(valuation.cash()))
            .row(
                "Realized PnL",
                money(valuation.realized()),
                "Unrealized PnL",
                money(valuation.unrealized()))
            .row("Fees", money(books.fees().total()), "Net cash flows", money(books.flows().net()))
            .row("Other fiat", money(valuation.otherFiat()), "", "")
            .row(
                "Prices stale",
                valuation.stale() ? "YES" : "no",
                "Data issues",
                Integer.toString(valuation.issues().size()))
            .render());

    TextTable holdings =
        new TextTable(
                "ASSET",
                "AMOUNT",
                "COST BASIS",
                "AVG COST",
                "PRICE",
                "VALUE",
                "UNREALIZED",
                "REALIZED",
                "% EQUITY",
                "FLAGS")
            .right(1, 2, 3, 4, 5, 6, 7, 8);
    for (AssetValuation item : valuation.holdings()) {
      Asset asset = item.holding().asset();
      holdings.row(
          asset.code(),
          display.amount(asset, item.holding().quantity()),
          money(item.holding().cost()),
          item.holding()
              .averageCost()
              .map(cost -> display.price(asset, books.config().base(), cost))
              .orElse("-"),
          item.price().map(p -> display.price(asset, books.config().base(), p.value())).orElse("-"),
          money(item.value()),
          money(item.unrealized()),
          money(item.holding().realized()),
          item.percentageOfEquity().setScale(2, Precision.ROUNDING).toPlainString(),
          item.unvalued() ? "unvalued" : item.stale() ? "stale" : "");
    }
    section(out, "Holdings", holdings);

    TextTable positions =
        new TextTable("PAIR", "SIZE", "AVG ENTRY", "VALUE", "UNREALIZED", "REALIZED", "FEES")
            .right(1, 2, 3, 4, 5, 6);
    for (PositionValuation item : valuation.positions()) {
      Pair pair = item.position().pair();
      positions.row(
          pair.name(),
          display.amount(pair.base(), item.position().baseSize()),
          item.position().averageEntryPrice().map(p -> display.price(pair, p)).orElse("-"),
          money(item.currentValue()),
          money(item.unrealized()),
          money(item.position().realized()),
          money(item.position().fees()));
    }
    section(out, "Positions by pair", positions);

    TextTable byKind = new TextTable("KIND", "REALIZED").right(1);
    for (PnlKind kind : PnlKind.values()) {
      byKind.row(kind.code(), money(books.realized(kind)));
    }
    section(out, "Realized PnL by kind", byKind);

    TextTable byStrategy = new TextTable("STRATEGY", "REALIZED").right(1);
    books.realizedByStrategy().forEach((tag, value) -> byStrategy.row(tag, money(value)));
    section(out, "Trading PnL by strategy", byStrategy);

    TextTable fees = new TextTable("PAID IN", "FEES").right(1);
    books.fees().byAsset().forEach((asset, value) -> fees.row(asset.code(), money(value)));
    section(out, "Fees by asset", fees);

    TextTable flows =
        new TextTable("DEPOSITS", "WITHDRAWALS", "REWARDS", "ADJUSTMENTS", "COUNT")
            .right(0, 1, 2, 3, 4)
            .row(
                money(books.flows().deposits()),
                money(books.flows().withdrawals()),
                money(books.flows().rewards()),
                money(books.flows().adjustments()),
                Long.toString(books.flows().count()));
    section(out, "Cash flows", flows);

    appendIssues(out, valuation.issues());
    return out.toString();
  }

  /** The data issues as a section of their own: one line each, or {@code (none)}. */
  static void appendIssues(StringBuilder out, List<DataIssue> list) {
    TextTable issues = new TextTable("KIND", "EVENT", "ASSET", "DETAIL");
    for (DataIssue issue : list) {
      issues.row(
          issue.kind().code(),
          issue.event().isEmpty() ? "-" : issue.event(),
          issue.asset().isEmpty() ? "-" : issue.asset(),
          issue.detail());
    }
    section(out, "Data issues", issues);
  }

  private static void section(StringBuilder out, String title, TextTable table) {
    out.append('\n').append(title).append('\n');
    out.append(table.isEmpty() ? "(none)\n" : table.render());
  }

  private static String money(BigDecimal value) {
    return Precision.display(value).toPlainString();
  }
}
