package io.tally.cli;

import io.tally.books.BaseCurrency;
import io.tally.books.BookState;
import io.tally.books.FlowSummary;
import io.tally.books.PnlKind;
import io.tally.engine.service.ContractJson;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.valuation.PortfolioValuation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  static Map<String, Object> of(
      PortfolioValuation valuation, BaseCurrency base, DisplayDecimals display) {
    BookState books = valuation.books();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("base_currency", books.config().base().code());
    doc.put("base_currency_choice", base.choice().name().toLowerCase(Locale.ROOT));
    doc.put("cost_basis_method", books.config().method().code());
    doc.put("as_of", valuation.asOf().toString());
    doc.put("equity_base", text(valuation.equity()));
    doc.put("cash_base", text(valuation.cash()));
    doc.put("other_fiat_base", text(valuation.otherFiat()));
    doc.put("realized_pnl_base_total", text(valuation.realized()));
    doc.put("unrealized_pnl_base_total", text(valuation.unrealized()));
    doc.put("fees_base_total", text(books.fees().total()));
    doc.put("net_cash_flows_base", text(books.flows().net()));
    doc.put("stale", valuation.stale());
    doc.put("holdings", holdings(valuation, display));
    doc.put("positions", positions(valuation, display));
    doc.put("non_pair_holdings", ContractJson.nonPairHoldings(books));
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
    doc.put("fee_summary", ContractJson.fees(books.fees()));
    doc.put("cash_flows", flows(books.flows()));
    doc.put("data_issues", ContractJson.issues(valuation.issues()));
    return doc;
  }

  private static List<Object> holdings(PortfolioValuation valuation, DisplayDecimals display) {
    Asset base = valuation.books().config().base();
    List<Object> list = new ArrayList<>();
    valuation.holdings().forEach(item -> list.add(ContractJson.holding(item, base, display)));
    return list;
  }

  private static List<Object> positions(PortfolioValuation valuation, DisplayDecimals display) {
    List<Object> list = new ArrayList<>();
    valuation.positions().forEach(item -> list.add(ContractJson.position(item, display)));
    return list;
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

  static String text(BigDecimal value) {
    return value.toPlainString();
  }
}
