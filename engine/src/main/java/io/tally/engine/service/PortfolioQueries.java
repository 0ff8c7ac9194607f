package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.books.FeeSummary;
import io.tally.books.Holding;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.sync.OpenOrders;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginSummary;
import io.tally.margin.MarginTerms;
import io.tally.margin.TradeLifecycle;
import io.tally.margin.TradeStatus;
import io.tally.margin.WithdrawalDecision;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.money.PairName;
import io.tally.valuation.AccountMargin;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PositionValuation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The contract's questions answered from one published view of the books: every answer of one
 * {@code PortfolioQueries} describes the same books, valued at the same moment, whatever the
 * service writes meanwhile. {@link PortfolioService#queries()} hands out the current one; an answer
 * made of several parts (the portfolio with its holdings and balances, positions with the non-pair
 * remainder) asks one instance for all of them.
 *
 * <p>Example: {@code PortfolioQueries now = service.queries(); now.getPositions();
 * now.nonPairHoldings();} — the positions and the remainder add up to the same holdings. Immutable;
 * thread-safe.
 */
public final class PortfolioQueries {

  private final PortfolioView view;
  private final TallyConfig config;
  private final Instant now;
  private final StoredEvents events;
  private final PnlPeriods pnlPeriods;

  PortfolioQueries(
      PortfolioView view,
      TallyConfig config,
      Instant now,
      StoredEvents events,
      PnlPeriods pnlPeriods) {
    this.view = requireNonNull(view, "view");
    this.config = requireNonNull(config, "config");
    this.now = requireNonNull(now, "now");
    this.events = requireNonNull(events, "events");
    this.pnlPeriods = requireNonNull(pnlPeriods, "pnlPeriods");
  }

  /**
   * The decimals a person is shown each asset's amounts and each pair's prices at (Kraken's {@code
   * display_decimals} and {@code pair_decimals} as last synced, or the fallbacks).
   */
  public DisplayDecimals displayDecimals() {
    return view.display();
  }

  /**
   * Equity, cash, realized and unrealized PnL, the drift and stale flags, their time, and the
   * margin figures when margin positions are open.
   */
  public EquitySummary getEquity() {
    PortfolioValuation valuation = view.valuation();
    Optional<Instant> oldest = oldestPriceAt(valuation);
    return new EquitySummary(
        valuation.equity(),
        valuation.cash(),
        valuation.otherFiat(),
        valuation.realized(),
        valuation.unrealized(),
        view.reconciliation().map(Reconciliation::driftFlag).orElse(false),
        stale(),
        view.asOf(),
        oldest,
        view.drawdown(),
        valuation.marginPositions().isEmpty()
            ? Optional.empty()
            : Optional.of(getMargin().summary()).filter(margin -> !margin.positions().isEmpty()));
  }

  /**
   * Trading PnL over {@code period} by pair and by strategy tag. {@code includeManual} empty means
   * the config's {@code track_manual_trades}.
   */
  public PnlSummary getPnlSummary(PnlPeriod period, Optional<Boolean> includeManual) {
    requireNonNull(period, "period");
    boolean manual = includeManual.orElse(config.portfolio().trackManualTrades());
    return pnlPeriods.summary(view, period, manual);
  }

  /**
   * The margin of the books now: the account's figures in the base currency under the {@code
   * margin:} configuration, and the open Kraken margin positions, valued.
   *
   * @throws IllegalStateException where {@code kraken.region} has no margin ({@link
   *     io.tally.engine.config.KrakenRegion#refuseMargin})
   */
  public MarginStatus getMargin() {
    config.kraken().region().refuseMargin("The margin summary");
    PortfolioValuation valuation = view.valuation();
    MarginSummary summary =
        AccountMargin.of(
            valuation,
            config.margin().terms(valuation.books().config().base(), MarginTerms.NO_LEVERAGE_CAP));
    return new MarginStatus(summary, valuation.marginPositions());
  }

  /**
   * Whether withdrawing {@code amount} of {@code asset} now keeps the margin level at or above
   * {@code margin.min_withdrawal_level_pct} (ACCOUNTING-DECISIONS, margin): the amount is valued at
   * the asset's current price, and more than the books hold of it is refused.
   *
   * @throws IllegalArgumentException when the amount is not positive or the asset has no price
   * @throws IllegalStateException where {@code kraken.region} has no margin
   */
  public WithdrawalDecision checkWithdrawal(Asset asset, BigDecimal amount) {
    requireNonNull(asset, "asset");
    requireNonNull(amount, "amount");
    config.kraken().region().refuseMargin("The withdrawal check");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("amount must be positive, got " + amount.toPlainString());
    }
    BigDecimal held =
        Optional.ofNullable(view.books().holdings().get(asset))
            .map(Holding::quantity)
            .orElse(BigDecimal.ZERO);
    if (amount.compareTo(held) > 0) {
      return new WithdrawalDecision(
          false,
          getMargin().summary().marginLevel(),
          "the books hold "
              + held.toPlainString()
              + " "
              + asset
              + ", not "
              + amount.toPlainString());
    }
    MarketPrices prices =
        new MarketPrices(
            view.books().config().base(), view.books().config().kfeeUsd(), view.prices());
    BigDecimal value =
        prices
            .value(asset, amount, now)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no price for " + asset + " to value the withdrawal"));
    return getMargin().summary().checkWithdrawal(value, config.margin().minWithdrawalLevel());
  }

  /**
   * The trade lifecycles of the Kraken margin positions (one per position cycle, flat to flat), in
   * the order they opened, of the pair {@code pair} names when given and of {@code status} when
   * given. Where {@code kraken.region} has no margin they are refused ({@link
   * IllegalStateException}), though margin trades of the history stay booked.
   */
  public List<TradeLifecycle> getTradeLifecycles(
      Optional<String> pair, Optional<TradeStatus> status) {
    requireNonNull(pair, "pair");
    requireNonNull(status, "status");
    config.kraken().region().refuseMargin("The margin trade lifecycle");
    Optional<PairName> name = pair.map(PairName::of);
    List<TradeLifecycle> trades = new ArrayList<>();
    for (MarginAccount account : view.books().marginAccounts()) {
      for (TradeLifecycle trade : account.trades()) {
        if (name.map(n -> n.matches(trade.pair())).orElse(true)
            && status.map(s -> s == trade.status()).orElse(true)) {
          trades.add(trade);
        }
      }
    }
    trades.sort(Comparator.comparing(TradeLifecycle::entryTime));
    return trades;
  }

  /**
   * The units of each asset that no pair position holds, from the same books as {@link
   * #getPositions()}: see {@link BookState#nonPairHoldings()}. Only non-zero remainders.
   */
  public SortedMap<Asset, BigDecimal> nonPairHoldings() {
    return view.books().nonPairHoldings();
  }

  /**
   * Every pair position the books have, open or flat, valued now, in pair order; of reported base
   * assets only ({@code include_assets}/{@code exclude_assets}, as {@code tally report} lists
   * them).
   */
  public List<PositionValuation> getPositions() {
    return reported().positions();
  }

  /**
   * The position in {@code pair}, named {@code XBTUSD} or {@code XBT/USD} (Kraken's aliases such as
   * {@code BTC/USD} understood).
   *
   * @throws PositionNotFoundException when the books have no trades in that pair
   */
  public PositionValuation getPosition(String pair) {
    requireNonNull(pair, "pair");
    PairName name = PairName.of(pair);
    for (PositionValuation position : getPositions()) {
      if (name.matches(position.position().pair())) {
        return position;
      }
    }
    throw new PositionNotFoundException(pair);
  }

  /**
   * Each reported asset held (include/exclude filters apply): amount, value and share of equity.
   */
  public List<AssetValuation> getAssetExposure() {
    List<AssetValuation> exposure = new ArrayList<>();
    for (AssetValuation holding : reported().holdings()) {
      if (holding.holding().quantity().signum() != 0) {
        exposure.add(holding);
      }
    }
    return exposure;
  }

  /**
   * The newest trades first, at most {@code limit}, of one pair when given, each with what it
   * realized; {@code includeManual} empty means the config's {@code track_manual_trades}.
   */
  public List<RealizedPnLRecord> getTradeHistory(
      Optional<String> pair, int limit, Optional<Boolean> includeManual) {
    requireNonNull(pair, "pair");
    requireNonNull(includeManual, "includeManual");
    TradeQuery query = TradeQuery.newest(limit);
    query = pair.map(query::pair).orElse(query);
    return getRealizedPnlRecords(includeManual.map(query::includeManual).orElse(query));
  }

  /**
   * The trades {@code query} asks for, newest first, each with what it realized as the books folded
   * it: their {@link RealizedPnLRecord#pnlBase()} by strategy over a period add up to {@link
   * #getPnlSummary}'s by strategy over it, exactly.
   */
  public List<RealizedPnLRecord> getRealizedPnlRecords(TradeQuery query) {
    requireNonNull(query, "query");
    boolean manual = query.includeManual().orElse(config.portfolio().trackManualTrades());
    return events.trades(query, manual, view.tradePnls(), view.importId());
  }

  /** Fees in the base currency: by asset paid in, by pair, and in total. */
  public FeeSummary getFeeSummary() {
    return view.books().fees();
  }

  /**
   * Deposits, withdrawals, rewards and adjustments, newest first, at most {@code limit}, of one
   * asset when given, each valued at its time.
   */
  public List<CashFlowRecord> getCashFlows(Optional<Asset> asset, int limit) {
    return events.cashFlows(asset, limit, view.prices(), view.importId());
  }

  /**
   * The books valued: every holding and position, equity and cash, as the holdings report has them.
   */
  public PortfolioValuation valuation() {
    return view.valuation();
  }

  /**
   * Every data issue: missing prices and acquisitions, unclassified rows, the ledger check's
   * findings, unvalued and stale holdings.
   */
  public List<DataIssue> getDataIssues() {
    List<DataIssue> issues = new ArrayList<>(view.ledgerIssues());
    issues.addAll(view.valuation().issues());
    issues.addAll(AssetBalances.of(view.books(), view.holds()).issues());
    return issues;
  }

  /**
   * Each asset the books hold split into what Kraken's open orders hold of it ({@code hold_trade}
   * as of the last sync, kept across restarts) and what is free; without Kraken everything is free.
   * The totals are the holdings of {@link #getAssetExposure()}.
   */
  public AssetBalances getAssetBalances() {
    return AssetBalances.of(view.books(), view.holds());
  }

  /**
   * The orders resting on Kraken at this process's last sync, dated: what a risk layer counts as if
   * filled. Empty without Kraken, and after a restart until the first sync succeeds (open orders
   * are not stored).
   */
  public Optional<OpenOrders> getOpenOrders() {
    return view.openOrders();
  }

  /** The last reconciliation; empty before the first. */
  public Optional<Reconciliation> getReconciliation() {
    return view.reconciliation();
  }

  /** When the last sync started, if one succeeded since start-up. */
  public Optional<Instant> lastSyncAt() {
    return view.lastSyncAt();
  }

  /** Why the last sync failed, when it did. */
  public Optional<String> lastSyncError() {
    return view.lastSyncError();
  }

  /** The books of this view as a snapshot taken at {@code at}. */
  public PortfolioSnapshot snapshot(Instant at) {
    PortfolioValuation valuation = view.valuation();
    List<PortfolioSnapshot.Holding> holdings = new ArrayList<>();
    for (AssetValuation holding : valuation.holdings()) {
      if (holding.holding().quantity().signum() != 0) {
        holdings.add(
            new PortfolioSnapshot.Holding(
                holding.holding().asset(),
                holding.holding().quantity(),
                holding.price().map(p -> p.value()),
                holding.value(),
                holding.holding().cost(),
                holding.price().map(ContractJson::sourcePair)));
      }
    }
    SortedMap<String, BigDecimal> realizedByPair = new TreeMap<>();
    view.books().realizedByPair().forEach((pair, value) -> realizedByPair.put(pair.name(), value));
    SortedMap<String, BigDecimal> unrealizedByPair = new TreeMap<>();
    valuation.unrealizedByPair().forEach((pair, value) -> unrealizedByPair.put(pair.name(), value));
    return new PortfolioSnapshot(
        at,
        view.books().config().base(),
        valuation.equity(),
        valuation.cash(),
        valuation.realized(),
        valuation.unrealized(),
        view.books().flows().net(),
        view.reconciliation().map(Reconciliation::driftFlag).orElse(false),
        stale(),
        holdings,
        realizedByPair,
        unrealizedByPair);
  }

  /** The valuation listing what the config reports (one rule with {@code tally report}). */
  private PortfolioValuation reported() {
    return view.valuation().listing(config.portfolio()::reports);
  }

  /**
   * The one staleness rule: a holding's price was missing or too old when the books were valued, or
   * the oldest price used has grown older than {@code portfolio.max_price_age} since.
   */
  private boolean stale() {
    Instant freshAfter = now.minus(config.portfolio().maxPriceAge());
    return view.valuation().stale()
        || oldestPriceAt(view.valuation()).filter(at -> at.isBefore(freshAfter)).isPresent();
  }

  private static Optional<Instant> oldestPriceAt(PortfolioValuation valuation) {
    Optional<Instant> oldest = Optional.empty();
    for (AssetValuation holding : valuation.holdings()) {
      if (holding.holding().quantity().signum() != 0
          && holding.price().isPresent()
          && !holding.holding().asset().equals(valuation.books().config().base())) {
        Instant at = holding.price().get().at();
        oldest = Optional.of(oldest.filter(o -> o.isBefore(at)).orElse(at));
      }
    }
    return oldest;
  }
}
