package io.tally.cli;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.books.FeeSummary;
import io.tally.books.FlowSummary;
import io.tally.books.PnlKind;
import io.tally.money.Price;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PositionValuation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as one ordered tree of names and values, with the contract's snake_case names and
 * every amount as a decimal string (JSON readers parse numbers as doubles). {@code tally report
 * --format json} prints exactly this tree.
 *
 * <p>Example: {@code {"base_currency":"USD","equity_base":"30000.00000000",...}}. Stateless.
 */
final class ReportDocument {

  private ReportDocument() {}

  static Map<String, Object> of(PortfolioValuation valuation) {
    BookState books = valuation.books();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("base_currency", books.config().base().code());
    doc.put("cost_basis_method", books.config().method().code());
    doc.put("as_of", valuation.asOf().toString());
    doc.put("equity_base", text(valuation.equity()));
    doc.put("cash_base", text(valuation.cash()));
    doc.put("realized_pnl_base_total", text(valuation.realized()));
    doc.put("unrealized_pnl_base_total", text(valuation.unrealized()));
    doc.put("fees_base_total", text(books.fees().total()));
    doc.put("net_cash_flows_base", text(books.flows().net()));
    doc.put("stale", valuation.stale());
    doc.put("holdings", holdings(valuation));
    doc.put("positions", positions(valuation));
    Map<String, Object> realizedByPair = new LinkedHashMap<>();
    books.realizedByPair().forEach((pair, value) -> realizedByPair.put(pair.name(), text(value)));
    doc.put("realized_pnl_base_by_pair", realizedByPair);
    Map<String, Object> unrealizedByPair = new LinkedHashMap<>();
    valuation
        .unrealizedByPair()
        .forEach((pair, value) -> unrealizedByPair.put(pair.name(), text(value)));
    doc.put("unrealized_pnl_base_by_pair", unrealizedByPair);
    Map<String, Object> byKind = new LinkedHashMap<>();
    for (PnlKind kind : PnlKind.values()) {
      byKind.put(kind.code(), text(books.realized(kind)));
    }
    doc.put("realized_pnl_base_by_kind", byKind);
    Map<String, Object> byStrategy = new LinkedHashMap<>();
    books.realizedByStrategy().forEach((tag, value) -> byStrategy.put(tag, text(value)));
    doc.put("realized_pnl_base_by_strategy", byStrategy);
    doc.put("fee_summary", fees(books.fees()));
    doc.put("cash_flows", flows(books.flows()));
    doc.put("data_issues", issues(valuation.issues()));
    return doc;
  }

  private static List<Object> holdings(PortfolioValuation valuation) {
    List<Object> list = new ArrayList<>();
    for (AssetValuation item : valuation.holdings()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("asset", item.holding().asset().code());
      row.put("amount", item.holding().quantity().toPlainString());
      row.put("cost_basis_base", text(item.holding().cost()));
      row.put("avg_cost_base", item.holding().averageCost().map(ReportDocument::text).orElse(null));
      row.put("price_base", item.price().map(p -> p.value().toPlainString()).orElse(null));
      row.put("value_base", text(item.value()));
      row.put("unrealized_pnl_base", text(item.unrealized()));
      row.put("realized_pnl_base", text(item.holding().realized()));
      row.put("source_pair", item.price().map(ReportDocument::sourcePair).orElse(null));
      row.put("unvalued", item.unvalued());
      row.put("stale", item.stale());
      row.put("percentage_of_equity", text(item.percentageOfEquity()));
      list.add(row);
    }
    return list;
  }

  /** Where a price came from; the base currency needs no source. */
  static String sourcePair(Price price) {
    return price.source().equals("base") ? null : price.source();
  }

  private static List<Object> positions(PortfolioValuation valuation) {
    List<Object> list = new ArrayList<>();
    for (PositionValuation item : valuation.positions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pair", item.position().pair().name());
      row.put("base_asset", item.position().pair().base().code());
      row.put("quote_asset", item.position().pair().quote().code());
      row.put("base_size", item.position().baseSize().toPlainString());
      row.put(
          "avg_entry_price",
          item.position().averageEntryPrice().map(ReportDocument::text).orElse(null));
      row.put("realized_pnl_base", text(item.position().realized()));
      row.put("unrealized_pnl_base", text(item.unrealized()));
      row.put("fees_paid_base", text(item.position().fees()));
      row.put("current_value_base", text(item.currentValue()));
      list.add(row);
    }
    return list;
  }

  private static Map<String, Object> fees(FeeSummary fees) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("total_base", text(fees.total()));
    Map<String, Object> byAsset = new LinkedHashMap<>();
    fees.byAsset().forEach((asset, value) -> byAsset.put(asset.code(), text(value)));
    map.put("by_asset", byAsset);
    Map<String, Object> byPair = new LinkedHashMap<>();
    fees.byPair().forEach((pair, value) -> byPair.put(pair.name(), text(value)));
    map.put("by_pair", byPair);
    return map;
  }

  private static Map<String, Object> flows(FlowSummary flows) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("deposits_base", text(flows.deposits()));
    map.put("withdrawals_base", text(flows.withdrawals()));
    map.put("rewards_base", text(flows.rewards()));
    map.put("adjustments_base", text(flows.adjustments()));
    map.put("count", flows.count());
    return map;
  }

  private static List<Object> issues(List<DataIssue> issues) {
    List<Object> list = new ArrayList<>();
    for (DataIssue issue : issues) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("kind", issue.kind().code());
      row.put("event", issue.event().isEmpty() ? null : issue.event());
      row.put("asset", issue.asset().isEmpty() ? null : issue.asset());
      row.put("detail", issue.detail());
      list.add(row);
    }
    return list;
  }

  static String text(BigDecimal value) {
    return value.toPlainString();
  }
}
