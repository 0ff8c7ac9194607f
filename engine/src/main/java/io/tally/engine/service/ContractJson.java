package io.tally.engine.service;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.books.FeeSummary;
import io.tally.ledger.CashFlow;
import io.tally.ledger.Trade;
import io.tally.metrics.DrawdownWindow;
import io.tally.metrics.HighWaterMark;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.money.Price;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.FlowAdjustedDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.series.EquityPoint;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.PositionValuation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The contract's JSON, in one place: every answer of the service as an ordered tree of names and
 * values with the contract's snake_case names ({@code equity_base}, {@code
 * realized_pnl_base_total}, ...), every amount as a decimal string (JSON readers parse numbers as
 * doubles), times as ISO-8601 text and {@code null} for what is unknown. The command line and the
 * HTTP API print these trees as they are, so both speak the same names.
 *
 * <p>Example: {@code ContractJson.equity(service.getEquity())} is {@code {"equity_base":
 * "25300.00000000", "cash_base": ..., "drift_flag": false, ...}}. Stateless.
 */
public final class ContractJson {

  private ContractJson() {}

  /** {@code getEquity()}. */
  public static Map<String, Object> equity(EquitySummary equity) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("equity_base", text(equity.equity()));
    doc.put("cash_base", text(equity.cash()));
    doc.put("other_fiat_base", text(equity.otherFiat()));
    doc.put("realized_pnl_base_total", text(equity.realized()));
    doc.put("unrealized_pnl_base_total", text(equity.unrealized()));
    doc.put("drift_flag", equity.driftFlag());
    doc.put("stale", equity.stale());
    doc.put("as_of", equity.asOf().toString());
    doc.put("oldest_price_at", equity.oldestPriceAt().map(Instant::toString).orElse(null));
    Optional<DrawdownWindow> window = equity.drawdown();
    doc.put("daily_drawdown", window.map(w -> w.daily().drawdown().doubleValue()).orElse(null));
    doc.put("weekly_drawdown", window.map(w -> w.weekly().drawdown().doubleValue()).orElse(null));
    doc.put("total_drawdown", window.map(w -> w.total().drawdown().doubleValue()).orElse(null));
    doc.put("daily_peak_base", window.map(w -> peak(w.daily())).orElse(null));
    doc.put("weekly_peak_base", window.map(w -> peak(w.weekly())).orElse(null));
    doc.put("total_peak_base", window.map(w -> peak(w.total())).orElse(null));
    doc.put("daily_reset_at", window.map(w -> w.daily().resetAt().toString()).orElse(null));
    doc.put("weekly_reset_at", window.map(w -> w.weekly().resetAt().toString()).orElse(null));
    // Absent, not null, without margin positions: as GET /portfolio/margin names them.
    equity
        .margin()
        .ifPresent(
            margin -> {
              doc.put("margin_used_base", text(margin.marginUsed()));
              doc.put("free_margin_base", text(margin.freeMargin()));
              doc.put(
                  "margin_level",
                  margin.marginLevel().map(level -> text(Precision.display(level))).orElse(null));
            });
    return doc;
  }

  /** A window's high-water mark as money: 8 decimals. */
  public static String peak(HighWaterMark mark) {
    return text(Precision.money(mark.peak()));
  }

  /**
   * One holding with its value, cost, PnL and share of equity, and the decimals a person is shown
   * its amount ({@code amount_decimals}) and its price ({@code price_decimals}) at; the amounts
   * themselves keep every digit.
   */
  public static Map<String, Object> holding(
      AssetValuation item, Asset base, DisplayDecimals display) {
    Asset asset = item.holding().asset();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("asset", asset.code());
    row.put("amount", item.holding().quantity().toPlainString());
    row.put("amount_decimals", display.amountDecimals(asset));
    row.put("cost_basis_base", text(item.holding().cost()));
    row.put("avg_cost_base", item.holding().averageCost().map(ContractJson::text).orElse(null));
    row.put("price_base", item.price().map(p -> p.value().toPlainString()).orElse(null));
    row.put(
        "price_decimals",
        item.price().map(p -> display.priceDecimals(asset, base, p.value())).orElse(null));
    row.put(
        "price_at",
        item.price().filter(p -> sourcePair(p) != null).map(p -> p.at().toString()).orElse(null));
    row.put("value_base", text(item.value()));
    row.put("unrealized_pnl_base", text(item.unrealized()));
    row.put("realized_pnl_base", text(item.holding().realized()));
    row.put("source_pair", item.price().map(ContractJson::sourcePair).orElse(null));
    row.put("unvalued", item.unvalued());
    row.put("stale", item.stale());
    row.put("percentage_of_equity", text(item.percentageOfEquity()));
    return row;
  }

  /**
   * {@link #holding(AssetValuation, Asset, DisplayDecimals)} with the holding split by what open
   * orders hold of it ({@link OrderJson#balance}): {@code free}, {@code reserved}, {@code total}
   * (the same figure as {@code amount}) and {@code reserved_as_of}.
   */
  public static Map<String, Object> holding(
      AssetValuation item, Asset base, DisplayDecimals display, AssetBalances balances) {
    Map<String, Object> row = holding(item, base, display);
    row.putAll(
        OrderJson.balance(balances.balance(item.holding().asset()), balances.reservedAsOf()));
    return row;
  }

  /** Where a price came from; the base currency needs no source. */
  public static String sourcePair(Price price) {
    return price.source().equals("base") ? null : price.source();
  }

  /**
   * One pair position, valued, with the decimals its size ({@code amount_decimals}, the base
   * asset's) and its average entry price ({@code price_decimals}, the pair's) are shown at.
   */
  public static Map<String, Object> position(PositionValuation item, DisplayDecimals display) {
    Pair pair = item.position().pair();
    Optional<BigDecimal> entry = item.position().averageEntryPrice();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("pair", pair.name());
    row.put("base_asset", pair.base().code());
    row.put("quote_asset", pair.quote().code());
    row.put("base_size", item.position().baseSize().toPlainString());
    row.put("amount_decimals", display.amountDecimals(pair.base()));
    row.put("avg_entry_price", entry.map(ContractJson::text).orElse(null));
    row.put("price_decimals", entry.map(p -> display.priceDecimals(pair, p)).orElse(null));
    row.put("realized_pnl_base", text(item.position().realized()));
    row.put("unrealized_pnl_base", text(item.unrealized()));
    row.put("fees_paid_base", text(item.position().fees()));
    row.put("current_value_base", text(item.currentValue()));
    row.put("unvalued", item.unvalued());
    return row;
  }

  /**
   * The units of each asset that no pair position holds ({@link BookState#nonPairHoldings()}:
   * deposits, rewards, opening balances, quote currencies received), one row {@code {"asset",
   * "non_pair_amount"}} per asset (not {@code amount}: that name is the whole holding) with a
   * non-zero remainder, in asset order; amounts keep every digit. With the positions they add up to
   * the holdings. Example: {@code [{"asset": "XBT", "non_pair_amount": "1.5"}]}.
   */
  public static List<Object> nonPairHoldings(BookState books) {
    return nonPairHoldings(books.nonPairHoldings());
  }

  /** As {@link #nonPairHoldings(BookState)}, from the remainders themselves (asset order). */
  public static List<Object> nonPairHoldings(Map<Asset, BigDecimal> remainders) {
    List<Object> rows = new ArrayList<>();
    new TreeMap<>(remainders)
        .forEach(
            (asset, amount) -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("asset", asset.code());
              row.put("non_pair_amount", amount.toPlainString());
              rows.add(row);
            });
    return rows;
  }

  /** The fee summary: total, by asset paid in, by pair. */
  public static Map<String, Object> fees(FeeSummary fees) {
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

  /** Data issues, as listed. */
  public static List<Object> issues(List<DataIssue> issues) {
    List<Object> list = new ArrayList<>();
    issues.forEach(issue -> list.add(issue(issue)));
    return list;
  }

  /** One data issue. */
  public static Map<String, Object> issue(DataIssue issue) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", issue.kind().code());
    row.put("event", issue.event().isEmpty() ? null : issue.event());
    row.put("asset", issue.asset().isEmpty() ? null : issue.asset());
    row.put("detail", issue.detail());
    return row;
  }

  /** {@code getPnlSummary(...)}. */
  public static Map<String, Object> pnl(PnlSummary pnl) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("period", pnl.period().code());
    doc.put("from", pnl.from().map(Instant::toString).orElse(null));
    doc.put("to", pnl.to().toString());
    doc.put("include_manual", pnl.includeManual());
    // Not realized_pnl_base_total / unrealized_pnl_base_total: those are getEquity()'s figures
    // (every kind of PnL, every holding); these are the period's trading and pair figures.
    doc.put("realized_trading_pnl_base", text(pnl.realized()));
    doc.put("unrealized_pair_pnl_base", text(pnl.unrealized()));
    doc.put("total_trading_pnl_base", text(pnl.total()));
    List<Object> byPair = new ArrayList<>();
    for (PnlSummary.PairPnl pair : pnl.byPair()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pair", pair.pair().name());
      row.put("realized_pnl_base", text(pair.realized()));
      row.put("unrealized_pnl_base", text(pair.unrealized()));
      byPair.add(row);
    }
    doc.put("by_pair", byPair);
    List<Object> byStrategy = new ArrayList<>();
    for (PnlSummary.StrategyPnl strategy : pnl.byStrategy()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("strategy_tag", strategy.strategy());
      row.put("realized_pnl_base", text(strategy.realized()));
      byStrategy.add(row);
    }
    doc.put("by_strategy", byStrategy);
    return doc;
  }

  /**
   * One trade as the contract's {@code RealizedPnLRecord} ({@code trade_id}, {@code order_id},
   * {@code pair}, {@code time}, {@code side}, {@code base_delta}, {@code quote_delta}, {@code
   * fee_asset}, {@code fee_amount}, {@code pnl_quote}, {@code strategy_tag}), with the PnL in the
   * base currency too ({@code pnl_base}, which adds up to the PnL summary), every fee leg ({@code
   * fees}) and their value ({@code fee_base}), its legs, price (quote per base) and the decimals
   * its price and each leg's amount are shown at.
   */
  public static Map<String, Object> trade(RealizedPnLRecord record, DisplayDecimals display) {
    Trade trade = record.trade();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("trade_id", record.tradeId());
    row.put("order_id", record.orderId().orElse(null));
    row.put("pair", record.pair().name());
    row.put("base_asset", record.pair().base().code());
    row.put("quote_asset", record.pair().quote().code());
    row.put("time", record.time().toString());
    row.put("side", record.side().code());
    row.put("kind", trade.kind().name().toLowerCase(Locale.ROOT));
    row.put("base_delta", record.baseDelta().toPlainString());
    row.put("quote_delta", record.quoteDelta().toPlainString());
    row.put("fee_asset", record.feeAsset());
    row.put("fee_amount", record.feeAmount().toPlainString());
    row.put("fees", amounts(trade.fees(), display));
    row.put("fee_base", text(record.feesBase()));
    row.put("pnl_quote", record.pnlQuote().map(BigDecimal::toPlainString).orElse(null));
    row.put("pnl_base", text(record.pnlBase()));
    row.put("strategy_tag", record.strategyTag());
    row.put("sold", amounts(trade.sold(), display));
    row.put("bought", amounts(trade.bought(), display));
    row.put("price", trade.price().map(BigDecimal::toPlainString).orElse(null));
    row.put(
        "price_decimals",
        trade.price().map(p -> display.priceDecimals(trade.pair(), p)).orElse(null));
    return row;
  }

  /**
   * One cash flow with its value at its time, the decimals its amount and fee are shown at, and its
   * {@code note}: the Kraken ledger subtype or type, or why Tally booked it ({@code balance gap}),
   * {@code null} when neither is known.
   */
  public static Map<String, Object> cashFlow(CashFlowRecord record, DisplayDecimals display) {
    CashFlow flow = record.flow();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", flow.id().value());
    row.put("at", flow.at().toString());
    row.put("kind", flow.kind().name().toLowerCase(Locale.ROOT));
    row.put("asset", flow.amount().asset().code());
    row.put("amount", flow.amount().value().toPlainString());
    row.put("fee", flow.fee().value().toPlainString());
    row.put("amount_decimals", display.amountDecimals(flow.amount().asset()));
    row.put("value_base", record.valueBase().map(ContractJson::text).orElse(null));
    row.put("note", record.note().orElse(null));
    return row;
  }

  /**
   * A snapshot: the stored body of {@code createSnapshot()}. Its holdings are {@code
   * asset_valuations} (each with {@code source_pair}, {@code null} for the base currency and for an
   * unvalued asset), and again under {@code holdings}, the name snapshots had before, so readers of
   * that shape still find them (docs/ACCOUNTING-DECISIONS.md "Snapshots"); then {@code
   * realized_pnl_base_by_pair} and {@code unrealized_pnl_base_by_pair}, pair name to amount.
   */
  public static Map<String, Object> snapshot(PortfolioSnapshot snapshot) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("taken_at", snapshot.takenAt().toString());
    doc.put("base_currency", snapshot.base().code());
    doc.put("equity_base", text(snapshot.equity()));
    doc.put("cash_base", text(snapshot.cash()));
    doc.put("realized_pnl_base_total", text(snapshot.realized()));
    doc.put("unrealized_pnl_base_total", text(snapshot.unrealized()));
    doc.put("net_flows_base", text(snapshot.netFlows()));
    doc.put("drift_flag", snapshot.driftFlag());
    doc.put("stale", snapshot.stale());
    List<Object> holdings = new ArrayList<>();
    for (PortfolioSnapshot.Holding holding : snapshot.assetValuations()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("asset", holding.asset().code());
      row.put("quantity", holding.quantity().toPlainString());
      row.put("price", holding.price().map(BigDecimal::toPlainString).orElse(null));
      row.put("value_base", text(holding.value()));
      row.put("cost_base", text(holding.cost()));
      row.put("source_pair", holding.sourcePair().orElse(null));
      holdings.add(row);
    }
    doc.put("holdings", holdings);
    doc.put("asset_valuations", holdings);
    doc.put("realized_pnl_base_by_pair", byPair(snapshot.realizedByPair()));
    doc.put("unrealized_pnl_base_by_pair", byPair(snapshot.unrealizedByPair()));
    return doc;
  }

  private static Map<String, Object> byPair(Map<String, BigDecimal> values) {
    Map<String, Object> map = new LinkedHashMap<>();
    values.forEach((pair, value) -> map.put(pair, text(value)));
    return map;
  }

  /**
   * {@code tally reconcile --format json}: when it ran ({@code checked_at}) and what it could say
   * ({@code reconciliation_status}: ok, drift, unchecked, stale, no_quiet_moment), the drift flag,
   * when the books were last compared with {@code Balance} ({@code compared_at}: earlier than
   * {@code checked_at} after no_quiet_moment, which keeps that comparison), the tolerance, every
   * asset compared (internal, exchange, difference, difference in base currency), the ledger check
   * with its first divergence, and raw and flow-adjusted drift with what explains them. The
   * compared amounts carry no display decimals: a difference is never rounded away.
   */
  public static Map<String, Object> reconciliation(
      Reconciliation reconciliation, DisplayDecimals display) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("checked_at", reconciliation.at().toString());
    doc.put("reconciliation_status", reconciliation.status().code());
    doc.put("drift_flag", reconciliation.driftFlag());
    doc.put("compared_at", reconciliation.live().map(l -> l.at().toString()).orElse(null));
    doc.put("live_check", reconciliation.live().isPresent());
    doc.put("tolerance_base", reconciliation.live().map(l -> text(l.tolerance())).orElse(null));
    List<Object> assets = new ArrayList<>();
    for (AssetDrift asset : reconciliation.live().map(LiveCheck::assets).orElse(List.of())) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("asset", asset.asset().code());
      row.put("internal", asset.internal().toPlainString());
      row.put("exchange", asset.exchange().toPlainString());
      row.put("difference", asset.difference().toPlainString());
      row.put("difference_base", asset.differenceBase().map(ContractJson::text).orElse(null));
      assets.add(row);
    }
    doc.put("assets", assets);
    doc.put(
        "total_difference_base",
        reconciliation.live().map(l -> text(l.totalDifferenceBase())).orElse(null));
    Map<String, Object> ledger = new LinkedHashMap<>();
    ledger.put("ok", reconciliation.ledgerOk());
    ledger.put(
        "first_divergence", reconciliation.firstDivergence().map(ContractJson::issue).orElse(null));
    doc.put("ledger_check", ledger);
    Optional<FlowAdjustedDrift> drift = reconciliation.drift();
    doc.put("drift_mode", drift.map(d -> d.mode().code()).orElse(null));
    doc.put("baseline_at", drift.map(d -> d.baseline().at().toString()).orElse(null));
    doc.put("baseline_equity_base", drift.map(d -> text(d.baseline().equity())).orElse(null));
    doc.put("exchange_equity_base", drift.map(d -> text(d.equityNow())).orElse(null));
    doc.put("raw_drift_base", drift.map(d -> text(d.rawDrift())).orElse(null));
    doc.put("explained_by_pnl_base", drift.map(d -> text(d.pnl())).orElse(null));
    doc.put("explained_by_flows_base", drift.map(d -> text(d.flows())).orElse(null));
    doc.put("adjusted_drift_base", drift.map(d -> text(d.unexplained())).orElse(null));
    List<Object> flows = new ArrayList<>();
    reconciliation.recentFlows().forEach(flow -> flows.add(cashFlow(flow, display)));
    doc.put("recent_flows", flows);
    doc.put("adjustments_booked", reconciliation.adjustmentsBooked());
    doc.put("margin", reconciliation.margin().map(MarginJson::check).orElse(null));
    return doc;
  }

  /** {@code sync()}: the contract's five fields and the sync's details. */
  public static Map<String, Object> syncResult(SyncResult result) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("new_trades_count", result.newTradesCount());
    doc.put("new_ledger_rows", result.newLedgerRows());
    doc.put("updated_pairs", new ArrayList<>(new TreeSet<>(result.updatedPairs())));
    doc.put("cash_flows_added", result.cashFlowsAdded());
    doc.put("drift_detected", result.driftDetected());
    doc.put("rows_already_stored", result.detail().rowsAlreadyStored());
    doc.put("prices_stored", result.detail().pricesStored());
    doc.put("unpriced_moments", result.detail().unpricedMoments());
    return doc;
  }

  /**
   * An external activity as {@code GET /events} streams it: {@code at}, {@code kind} ({@code
   * manual_trade}, {@code transfer}, {@code manual_trade_and_transfer}), {@code change_pct}, {@code
   * event_ids} and the log line as {@code message}.
   */
  public static Map<String, Object> externalActivity(ExternalActivity activity) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("at", activity.at().toString());
    doc.put("kind", activity.kind().name().toLowerCase(java.util.Locale.ROOT));
    doc.put("change_pct", text(activity.changePct()));
    doc.put("event_ids", activity.eventIds());
    doc.put("message", activity.message());
    return doc;
  }

  /**
   * A change of the drift flag as {@code GET /events} streams it: {@code checked_at}, {@code
   * drift_flag}, {@code reconciliation_status}, as {@code GET /portfolio/reconciliation} names
   * them.
   */
  public static Map<String, Object> driftChange(DriftChange change) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("checked_at", change.at().toString());
    doc.put("drift_flag", change.driftFlag());
    doc.put("reconciliation_status", change.status().code());
    return doc;
  }

  /** One point of the equity series. */
  public static Map<String, Object> equityPoint(EquityPoint point, boolean flowMarker) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("at", point.at().toString());
    row.put("equity_base", text(point.equity()));
    row.put("cash_base", text(point.cash()));
    row.put("cumulative_flows_base", text(point.flows()));
    row.put("cumulative_pnl_base", text(point.pnl()));
    row.put("flow_marker", flowMarker);
    return row;
  }

  private static List<Object> amounts(List<Amount> amounts, DisplayDecimals display) {
    List<Object> list = new ArrayList<>();
    for (Amount amount : amounts) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("asset", amount.asset().code());
      row.put("amount", amount.value().toPlainString());
      row.put("amount_decimals", display.amountDecimals(amount.asset()));
      list.add(row);
    }
    return list;
  }

  /** An amount as the contract writes it: plain decimal text, never exponent notation. */
  public static String text(BigDecimal value) {
    return value.toPlainString();
  }
}
