package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.engine.performance.PerformanceJson;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.margin.TradeLifecycle;
import io.tally.margin.TradeStatus;
import io.tally.margin.WithdrawalDecision;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.money.Precision;
import io.tally.risk.RiskEventType;
import io.tally.series.EquityPoint;
import io.tally.series.EquityRange;
import io.tally.valuation.AssetValuation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every answer of the contract as the JSON tree it is served as, assembled in one place: one method
 * per answer, each asking {@link PortfolioService} and building an ordered tree of the contract's
 * snake_case names from {@link ContractJson}'s pieces (amounts as decimal strings, times as
 * ISO-8601 text, {@code null} for what is unknown). The HTTP API writes these trees as they are,
 * the command line prints the same ones, and the contract conformance tests compare the service and
 * the API through them, so an answer cannot differ by the road it takes (docs/CONTRACT.md).
 *
 * <p>Parsing parameters is the caller's: an answer takes typed values ({@link PnlPeriod}, {@link
 * TradeQuery}, a limit already checked) and throws what the service throws ({@link
 * PositionNotFoundException} for an unknown pair, {@link IllegalArgumentException} for a bad value,
 * {@link IllegalStateException} for a write the service refuses).
 *
 * <p>Example:
 *
 * <pre>{@code
 * ContractAnswers answers = new ContractAnswers(service);
 * Map<String, Object> equity = answers.portfolio();  // {"base_currency": "USD",
 *                                                    //  "equity_base": "25300.00000000", ...}
 * Map<String, Object> trades = answers.trades(Optional.of("XBT/USD"), 20, Optional.empty());
 * }</pre>
 *
 * Thread-safe as the service is: each answer about the books reads one {@link PortfolioQueries}
 * (one published view, so its parts — equity and holdings, positions and the non-pair remainder —
 * describe the same books), and {@link #sync()} and {@link #createSnapshot()} are its writes, one
 * at a time.
 */
public final class ContractAnswers {

  private final PortfolioService service;

  /** The answers of {@code service}, which must be initialized (or loaded) before it is asked. */
  public ContractAnswers(PortfolioService service) {
    this.service = requireNonNull(service, "service");
  }

  /**
   * {@code get_equity()} with the holdings ({@code GET /portfolio}): the base currency, equity,
   * cash, other fiat, realized and unrealized PnL, the drift and stale flags, as-of and the oldest
   * price's time, the last sync (and its error), and every reported holding with its value, cost,
   * PnL, price source and {@code free}/{@code reserved}/{@code total}.
   */
  public Map<String, Object> portfolio() {
    return portfolio(service.queries());
  }

  /**
   * {@link #portfolio()} as the books stood at the end of {@code day} ({@code GET
   * /portfolio?as_of=}): {@code as_of} is the day's last instant.
   */
  public Map<String, Object> portfolio(LocalDate day) {
    return portfolio(service.queriesAsOf(day));
  }

  private Map<String, Object> portfolio(PortfolioQueries now) {
    EquitySummary equity = now.getEquity();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("base_currency", base().code());
    doc.putAll(ContractJson.equity(equity));
    doc.put("last_sync_at", now.lastSyncAt().map(Object::toString).orElse(null));
    doc.put("last_sync_error", now.lastSyncError().orElse(null));
    doc.put("holdings", holdings(now));
    return doc;
  }

  /**
   * The performance over {@code query}'s days ({@code GET /portfolio/performance}), or, without
   * {@code daily}, the same figures without the list of days ({@code GET /portfolio/metrics}).
   */
  public Map<String, Object> performance(PerformanceQuery query, boolean daily) {
    return PerformanceJson.of(service.getPerformance(query), base(), daily);
  }

  /** Equity, cash and other fiat alone, with the oldest price's time ({@code GET /value}). */
  public Map<String, Object> value() {
    PortfolioQueries now = service.queries();
    EquitySummary equity = now.getEquity();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("equity_base", ContractJson.text(equity.equity()));
    doc.put("cash_base", ContractJson.text(equity.cash()));
    doc.put("other_fiat_base", ContractJson.text(equity.otherFiat()));
    doc.put("oldest_price_at", equity.oldestPriceAt().map(Object::toString).orElse(null));
    doc.put("stale", equity.stale());
    doc.put("as_of", equity.asOf().toString());
    return doc;
  }

  /**
   * {@code get_asset_exposure()} ({@code GET /allocation}): equity and each reported asset held,
   * with its amount, value, share of equity and {@code free}/{@code reserved}/{@code total}.
   */
  public Map<String, Object> allocation() {
    PortfolioQueries now = service.queries();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("equity_base", ContractJson.text(now.getEquity().equity()));
    doc.put("assets", holdings(now));
    return doc;
  }

  private List<Object> holdings(PortfolioQueries now) {
    AssetBalances balances = now.getAssetBalances();
    DisplayDecimals display = now.displayDecimals();
    List<Object> rows = new ArrayList<>();
    for (AssetValuation holding : now.getAssetExposure()) {
      rows.add(ContractJson.holding(holding, base(), display, balances));
    }
    return rows;
  }

  /**
   * {@code get_positions()} ({@code GET /positions}): every pair position, open or flat, and the
   * {@code non_pair_holdings}, with which the positions' sizes add up to the holdings.
   */
  public Map<String, Object> positions() {
    PortfolioQueries now = service.queries();
    DisplayDecimals display = now.displayDecimals();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("positions", rows(now.getPositions(), p -> ContractJson.position(p, display)));
    doc.put("non_pair_holdings", ContractJson.nonPairHoldings(now.nonPairHoldings()));
    return doc;
  }

  /**
   * {@code get_position(pair)} ({@code GET /positions/{pair}}), named {@code XBTUSD}, {@code
   * XBT/USD} or {@code BTC/USD}.
   *
   * @throws PositionNotFoundException when the books have no trades in that pair
   */
  public Map<String, Object> position(String pair) {
    PortfolioQueries now = service.queries();
    return ContractJson.position(now.getPosition(pair), now.displayDecimals());
  }

  /**
   * The margin of the books ({@code GET /portfolio/margin}): mode, equity, collateral, margin used,
   * free margin, margin level, maintenance margin, reserve, and every open Kraken margin position
   * with its entry, mark, leverage, margins, liquidation price and PnL.
   */
  public Map<String, Object> margin() {
    PortfolioQueries now = service.queries();
    return MarginJson.margin(now.getMargin(), base(), now.displayDecimals());
  }

  /**
   * {@code POST /portfolio/withdrawal-check} {@code {asset, amount}}: {@code allowed}, {@code
   * margin_level_after} (%, {@code null} without margin used) and {@code reason}.
   */
  public Map<String, Object> withdrawalCheck(Asset asset, BigDecimal amount) {
    WithdrawalDecision decision = service.queries().checkWithdrawal(asset, amount);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("asset", asset.code());
    doc.put("amount", amount.toPlainString());
    doc.put("allowed", decision.allowed());
    doc.put(
        "margin_level_after",
        decision
            .marginLevelAfter()
            .map(level -> Precision.display(level).toPlainString())
            .orElse(null));
    doc.put("reason", decision.reason());
    return doc;
  }

  /**
   * The trade lifecycles of the margin positions ({@code GET /portfolio/trades/lifecycle}), of one
   * pair and one status when given, in the order they opened.
   */
  public Map<String, Object> lifecycles(Optional<String> pair, Optional<TradeStatus> status) {
    PortfolioQueries now = service.queries();
    List<Object> rows = new ArrayList<>();
    for (TradeLifecycle trade : now.getTradeLifecycles(pair, status)) {
      rows.add(MarginJson.lifecycle(trade, now.displayDecimals()));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("trades", rows);
    return doc;
  }

  /**
   * {@code get_pnl_summary(period, include_manual)} ({@code GET /pnl}); {@code includeManual} empty
   * means the configuration's {@code track_manual_trades}.
   */
  public Map<String, Object> pnl(PnlPeriod period, Optional<Boolean> includeManual) {
    PortfolioQueries now = service.queries();
    return ContractJson.pnl(now.getPnlSummary(period, includeManual));
  }

  /** The realized PnL records {@code query} asks for, newest first ({@code GET /pnl/records}). */
  public Map<String, Object> records(TradeQuery query) {
    PortfolioQueries now = service.queries();
    return list("records", now.getRealizedPnlRecords(query), r -> record(r, now));
  }

  /**
   * {@code get_trade_history(pair, limit, include_manual)} ({@code GET /trades}): the same records
   * as {@link #records}, newest first, filtered by pair only.
   */
  public Map<String, Object> trades(
      Optional<String> pair, int limit, Optional<Boolean> includeManual) {
    PortfolioQueries now = service.queries();
    return list("trades", now.getTradeHistory(pair, limit, includeManual), r -> record(r, now));
  }

  private static Map<String, Object> record(RealizedPnLRecord record, PortfolioQueries now) {
    return ContractJson.trade(record, now.displayDecimals());
  }

  /** {@code get_fee_summary()} ({@code GET /fees}): total, by asset paid in, by pair. */
  public Map<String, Object> fees() {
    PortfolioQueries now = service.queries();
    return ContractJson.fees(now.getFeeSummary());
  }

  /**
   * {@code get_cash_flows(asset, limit)} ({@code GET /cash-flows}): newest first, each with its
   * value at its time and its {@code note}.
   */
  public Map<String, Object> cashFlows(Optional<Asset> asset, int limit) {
    PortfolioQueries now = service.queries();
    DisplayDecimals display = now.displayDecimals();
    return list(
        "cash_flows", now.getCashFlows(asset, limit), f -> ContractJson.cashFlow(f, display));
  }

  /**
   * {@code get_snapshots(since, limit)} ({@code GET /history}): the stored snapshots taken at or
   * after {@code since}, newest first.
   */
  public Map<String, Object> snapshots(Optional<Instant> since, int limit) {
    return list("snapshots", service.getSnapshots(since, limit), ContractJson::snapshot);
  }

  /**
   * The stored risk events ({@code GET /risk/events}) raised at or after {@code since}, of {@code
   * type} when given, newest first, at most {@code limit}: {@code events} [{@link RiskEventJson}].
   */
  public Map<String, Object> riskEvents(
      Optional<Instant> since, Optional<RiskEventType> type, int limit) {
    return list("events", service.getRiskEvents(since, type, limit), RiskEventJson::tree);
  }

  /**
   * {@code create_snapshot()} ({@code POST /snapshots}): takes and stores a snapshot, and answers
   * it as {@link #snapshots} will list it.
   */
  public Map<String, Object> createSnapshot() {
    return ContractJson.snapshot(service.createSnapshot());
  }

  /**
   * The equity series over {@code range} ({@code GET /equity}), oldest first, each point marked
   * when a deposit or withdrawal happened since the one before.
   */
  public Map<String, Object> equitySeries(EquityRange range) {
    List<EquityPoint> points = service.getEquitySeries(range);
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      boolean marker = i > 0 && points.get(i).flowSince(points.get(i - 1));
      rows.add(ContractJson.equityPoint(points.get(i), marker));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("range", range.code());
    doc.put("points", rows);
    return doc;
  }

  /**
   * The last reconciliation ({@code GET /reconciliation}): {@code reconciliation_status} with
   * {@code checked_at}, the drift flag and its detail; before the first, {@code unchecked} with
   * nothing compared.
   */
  public Map<String, Object> reconciliation() {
    PortfolioQueries now = service.queries();
    Optional<Reconciliation> last = now.getReconciliation();
    if (last.isPresent()) {
      return ContractJson.reconciliation(last.get(), now.displayDecimals());
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("checked_at", null);
    doc.put("reconciliation_status", ReconciliationStatus.UNCHECKED.code());
    doc.put("drift_flag", false);
    doc.put("compared_at", null);
    doc.put("live_check", false);
    doc.put("assets", List.of());
    return doc;
  }

  /** Every data issue ({@code GET /data-issues}). */
  public Map<String, Object> dataIssues() {
    PortfolioQueries now = service.queries();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("data_issues", ContractJson.issues(now.getDataIssues()));
    return doc;
  }

  /** The orders resting on Kraken at the last sync ({@code GET /orders/open}). */
  public Map<String, Object> openOrders() {
    PortfolioQueries now = service.queries();
    return OrderJson.openOrders(now.getOpenOrders(), now.displayDecimals());
  }

  /**
   * {@code sync()} ({@code POST /sync}): new trades, new ledger rows, updated pairs, cash flows
   * added and whether drift was detected.
   *
   * @throws IllegalStateException without a Kraken client
   */
  public Map<String, Object> sync() {
    return ContractJson.syncResult(service.sync());
  }

  private Asset base() {
    return service.config().portfolio().baseCurrency();
  }

  private static <T> Map<String, Object> list(
      String name, List<T> items, Function<T, Map<String, Object>> row) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(name, rows(items, row));
    return doc;
  }

  private static <T> List<Object> rows(List<T> items, Function<T, Map<String, Object>> row) {
    List<Object> rows = new ArrayList<>(items.size());
    items.forEach(item -> rows.add(row.apply(item)));
    return rows;
  }
}
