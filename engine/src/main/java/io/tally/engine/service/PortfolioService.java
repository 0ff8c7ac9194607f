package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.DataIssue;
import io.tally.books.FeeSummary;
import io.tally.engine.CommittedBatch;
import io.tally.engine.LiveBooks;
import io.tally.engine.PastBooks;
import io.tally.engine.StoredLots;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.performance.HistoryCache;
import io.tally.engine.performance.Performance;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.engine.sync.OpenOrders;
import io.tally.kraken.api.KrakenClient;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.series.DailyHistory;
import io.tally.series.DayEnd;
import io.tally.series.EquityPoint;
import io.tally.series.EquityRange;
import io.tally.series.EquitySeries;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredRiskEvent;
import io.tally.store.StoredSnapshot;
import io.tally.tax.IncomeReport;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxLots;
import io.tally.tax.TaxReport;
import io.tally.tax.TaxRules;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PositionValuation;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * The contract the risk and strategy layer trusts (DESIGN.md "Public contract"): one account's
 * books kept from its store, synced from Kraken, reconciled, snapshotted and answered for.
 *
 * <p>Example:
 *
 * <pre>{@code
 * PortfolioService service =
 *     new PortfolioService(config, store, Optional.of(client), Clock.systemUTC(), log::info);
 * service.initialize();
 * SyncResult result = service.sync();
 * BigDecimal equity = service.getEquity().equity();
 * }</pre>
 *
 * <p><b>A facade.</b> Writes go to the account's one {@link PortfolioWriter} (the lock, the live
 * books, sync, reconciliation through {@link Reconciler}, snapshots, equity samples, pruning);
 * questions go to {@link PortfolioQueries} over the {@link PortfolioView} it last published; the
 * performance answers and the equity series come from the kept daily history ({@link
 * HistoryCache}).
 *
 * <p><b>Threads.</b> Queries read the last consistent {@link PortfolioView} and never wait for a
 * write; each answer carries the time its books were valued. Writes ({@code initialize}, {@code
 * sync}, {@code reconcile}, {@code createSnapshot}, {@code sampleEquity}) run one at a time: one
 * writer per account in this process. Another process writing the same store is safe too — every
 * commit is a transaction and the books catch up by the rule in {@link LiveBooks} — but its work is
 * only seen after this service's next write.
 *
 * <p><b>Without Kraken</b> (no client: a store filled by CSV imports) the service answers every
 * query, and {@code sync} and the live check refuse with an {@link IllegalStateException}.
 */
public final class PortfolioService {

  /** A series with up to this many points is charted whole; a longer one is downsampled. */
  static final int MAX_CHART_POINTS = 400;

  private final TallyConfig config;
  private final PortfolioStore store;
  private final Clock clock;
  private final BookConfig bookConfig;
  private final StoredEvents events;
  private final PnlPeriods pnlPeriods;
  private final HistoryCache history;
  private final PortfolioWriter writer;

  /**
   * A service over {@code store}, syncing through {@code kraken} when given, telling {@code
   * progress} what a long write is doing. Call {@link #initialize()} before anything else.
   */
  public PortfolioService(
      TallyConfig config,
      PortfolioStore store,
      Optional<KrakenClient> kraken,
      Clock clock,
      Consumer<String> progress) {
    this.config = requireNonNull(config, "config");
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
    this.bookConfig =
        new BookConfig(
            config.portfolio().baseCurrency(),
            config.portfolio().costBasisMethod(),
            MarketPrices.KFEE_USD);
    this.events = new StoredEvents(store, bookConfig);
    this.pnlPeriods = new PnlPeriods(store, events, bookConfig, config.portfolio().maxPriceAge());
    this.history = new HistoryCache(bookConfig, config.performance().history());
    this.writer =
        new PortfolioWriter(
            config, store, kraken, clock, progress, bookConfig, events, this::queries);
  }

  /** Calls {@code listener} once, when {@link #initialize()} has recovered the state it serves. */
  public void onStateRecovered(Consumer<StateRecovered> listener) {
    writer.onStateRecovered(listener);
  }

  /** Calls {@code listener} with every external activity a write detects. */
  public void onExternalActivity(Consumer<ExternalActivity> listener) {
    writer.onExternalActivity(listener);
  }

  /**
   * Calls {@code listener} with every risk event raised (the margin alerts of accounts with open
   * margin positions, and the risk layer's drawdown, limit and trading state events), after it was
   * stored and logged. Only a service started with {@link #initialize()} raises them; {@link
   * #load()} does not. Called on the writing thread, under the write lock: a listener must return
   * quickly and must not write to this service. A paper account acts on {@code MARGIN_CRITICAL}
   * here (closing the most losing position); a live one's event names it as the suggested action.
   */
  public void onRiskEvent(Consumer<RiskEvent> listener) {
    writer.onRiskEvent(listener);
  }

  /**
   * Calls {@code listener} when a reconciliation changes the drift flag (drift found, or gone), on
   * the writing thread as {@link #onRiskEvent}.
   */
  public void onDriftChange(Consumer<DriftChange> listener) {
    writer.onDriftChange(listener);
  }

  /**
   * Calls {@code listener} with what the risk layer reads ({@link RiskInputs}) each time a served
   * account ({@link #initialize()}) publishes a new state of its books: after every write, price
   * refresh and revaluation. Called on the writing thread, under the write lock, after the margin
   * alerts: a listener must return quickly; it may raise risk events ({@link #raiseRiskEvent}).
   */
  public void onValuation(Consumer<RiskInputs> listener) {
    writer.onValuation(listener);
  }

  /** What the risk layer reads of the state queries read now; never waits for a write. */
  public RiskInputs riskInputs() {
    return writer.riskInputs(writer.current());
  }

  /**
   * Stores, logs ({@code RISK_EVENT ...}) and emits {@code event} to the risk listeners, as the
   * service's own events are. Takes the write lock unless the caller holds it (a valuation listener
   * does).
   */
  public void raiseRiskEvent(RiskEvent event) {
    requireNonNull(event, "event");
    writer.underLock(() -> writer.raise(event));
  }

  /** Calls {@code listener} with the result of every successful sync, on the writing thread. */
  public void onSync(Consumer<SyncResult> listener) {
    writer.onSync(listener);
  }

  /**
   * The stored risk events raised at or after {@code since} (any time if empty), of {@code type}
   * (any if empty), newest first, at most {@code limit}.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  public List<RiskEvent> getRiskEvents(
      Optional<Instant> since, Optional<RiskEventType> type, int limit) {
    requireNonNull(type, "type");
    return getRiskEvents(since, type.map(Set::of).orElse(Set.of()), limit);
  }

  /**
   * The stored risk events raised at or after {@code since} (any time if empty), of one of {@code
   * types} (any if empty), newest first (the later stored first among equal times), at most {@code
   * limit}.
   *
   * @throws IllegalArgumentException if {@code limit} is less than 1
   */
  public List<RiskEvent> getRiskEvents(
      Optional<Instant> since, Set<RiskEventType> types, int limit) {
    requireNonNull(since, "since");
    requireNonNull(types, "types");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    Set<String> names = new java.util.HashSet<>();
    types.forEach(type -> names.add(type.name()));
    List<RiskEvent> events = new ArrayList<>();
    for (StoredRiskEvent stored : store.riskEvents(since, names, limit)) {
      events.add(RiskEventJson.read(stored.body()));
    }
    return events;
  }

  // ---- writes: one at a time, by the PortfolioWriter ------------------------------------------

  /**
   * Loads the books (from the latest checkpoint plus the events after it, or by replaying the log),
   * prunes snapshots and equity samples past retention, restores the last comparison with Kraken
   * the store kept as {@code stale}, syncs (and so reconciles) when Kraken is configured, takes a
   * snapshot, and emits one {@link StateRecovered}.
   */
  public void initialize() {
    writer.initialize();
  }

  /**
   * Loads the books like {@link #initialize()} (checkpoint and tail, or replay) but syncs, prunes
   * and snapshots nothing: for one-off commands that only read, reconcile or snapshot. The books
   * are checkpointed when the tail was long, so the next start is faster.
   */
  public void load() {
    writer.load();
  }

  /**
   * Pulls new ledger rows, trades and orders from Kraken, updates the books and prices, reconciles
   * with {@code Balance} and updates the drift status.
   *
   * @throws IllegalStateException without a Kraken client
   */
  public SyncResult sync() {
    return writer.sync();
  }

  /**
   * Values the books again at the clock's now and publishes them, as one more write: valuation
   * listeners see the account as it stands (the risk layer's first look after it starts).
   */
  public void revalue() {
    writer.revalue();
  }

  /**
   * Folds what another writer of this store committed since the books were last published (a paper
   * account's fills, a CSV import by another process) and publishes them, so the next query sees
   * them, and publishes the books again when only prices were committed (a valuation); does nothing
   * when nothing was committed.
   */
  public void refresh() {
    writer.refresh();
  }

  /**
   * Like {@link #refresh()}, after this process committed {@code committed} to the store: when it
   * is the only import since the books were published and only appended events, the books apply
   * them without reading them back, and keep the listings and marks they read unless it wrote rows
   * or those marks ({@link io.tally.engine.LiveBooks#fold}); else this is {@link #refresh()}. The
   * books are the same either way. A paper account's desk calls it after each commit.
   *
   * <p>Example: {@code service.refresh(new CommittedBatch(store.commitImport(batch), batch,
   * events))}.
   */
  public void refresh(CommittedBatch committed) {
    writer.refresh(requireNonNull(committed, "committed"));
  }

  /**
   * Reconciles now: the ledger check, and with Kraken a sync (so the books hold the ledger up to
   * now) whose quiet moment gives the live check against {@code Balance} and flow-adjusted drift;
   * with {@code reconciliation.auto_update} drift is corrected by stored adjustment events. The
   * result becomes the drift status every query reports, and is saved in the store. Without Kraken
   * the status is {@code unchecked}, or {@code stale} after a restart restored a comparison (which
   * then stays the last known truth).
   */
  public Reconciliation reconcile() {
    return writer.reconcile();
  }

  /** Persists a snapshot of the current books and returns it. */
  public PortfolioSnapshot createSnapshot() {
    return writer.createSnapshot();
  }

  /**
   * Takes one sample of the equity series and drops samples past {@code
   * equity_series.retention_days}. Called by the service's own schedule, never by queries.
   */
  public EquityPoint sampleEquity() {
    return writer.sampleEquity();
  }

  /** Prunes snapshots and equity samples past their retention; run at start-up and daily. */
  public void prune() {
    writer.prune();
  }

  /**
   * Replays the live drawdown windows over the whole equity series, the daily history's day ends
   * included, so the total window's peak is the history's, not only the stored samples': a start
   * seeds them from the samples alone (folding a long log would make it slow), and {@link
   * PortfolioSchedule} calls this once, right after. The history is folded before the writer's lock
   * is taken; if a write published other books meanwhile, the next call does it.
   *
   * @return whether the windows were replayed
   */
  public boolean seedDrawdownWindows() {
    PortfolioView before = writer.current();
    List<EquityPoint> series = equitySeries(dailyHistory(before), Instant.EPOCH);
    return writer.seedDrawdownWindows(before.importId(), series);
  }

  // ---- queries: from the view last published, never waiting for a write ----------------------

  /**
   * The contract's questions answered from the books last published: every answer of the returned
   * {@link PortfolioQueries} describes the same books, so an answer of several parts asks it for
   * all of them. Never waits for a write.
   */
  public PortfolioQueries queries() {
    return queries(writer.current());
  }

  private PortfolioQueries queries(PortfolioView view) {
    return new PortfolioQueries(view, config, clock.instant(), events, pnlPeriods);
  }

  /**
   * The queries about the books as they stood at the end of {@code day} in the reporting time zone
   * ({@code GET /portfolio?as_of=}): the stored events before then folded again from the nearest
   * dated books ({@link PastBooks}), valued at the day's last instant with the prices of the books
   * last published. Reconciliation, open orders and holds are today's facts and are left out.
   *
   * @throws IllegalArgumentException if {@code day} is after today
   */
  public PortfolioQueries queriesAsOf(LocalDate day) {
    PortfolioView now = writer.current();
    LocalDate today = LocalDate.ofInstant(clock.instant(), config.performance().zone());
    if (day.isAfter(today)) {
      throw new IllegalArgumentException(day + " is after today (" + today + ")");
    }
    PastBooks past =
        PastBooks.at(
            store, bookConfig, now.prices(), now.importId(), day, config.performance().zone());
    PortfolioView then =
        new PortfolioView(
            past.state(),
            past.tradePnls(store, bookConfig),
            Valuation.of(
                past.state(), now.prices(), past.valuedAt(), config.portfolio().maxPriceAge()),
            now.prices(),
            now.display(),
            now.ledgerIssues(),
            Optional.empty(),
            now.lastSyncAt(),
            now.lastSyncError(),
            now.importId(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return new PortfolioQueries(then, config, past.valuedAt(), events, pnlPeriods);
  }

  /** {@link PortfolioQueries#displayDecimals}, answered from the books last published. */
  public DisplayDecimals displayDecimals() {
    return queries().displayDecimals();
  }

  /** {@link PortfolioQueries#getEquity}, answered from the books last published. */
  public EquitySummary getEquity() {
    return queries().getEquity();
  }

  /** {@link PortfolioQueries#getPnlSummary}, answered from the books last published. */
  public PnlSummary getPnlSummary(PnlPeriod period, Optional<Boolean> includeManual) {
    return queries().getPnlSummary(period, includeManual);
  }

  /**
   * How the books did over the days {@code query} names (issue 11): the daily history of the stored
   * log, valued with the prices of the books last published. Reads the whole log; runs beside
   * syncs, never blocking them.
   */
  public Performance getPerformance(PerformanceQuery query) {
    PortfolioView now = writer.current();
    return query.answer(
        dailyHistory(now), bookConfig, now.prices(), config.performance(), clock.instant());
  }

  /**
   * The realized gains of the days {@code from} to {@code to} (reporting time zone, both included)
   * with the lots taken by {@code method} and the configuration's other tax choices (issue 14):
   * every stored event folded into tax lots, valued with the prices of the books last published.
   * Reads the whole log; runs beside syncs, never blocking them.
   */
  public TaxReport getTaxReport(LotMethod method, LocalDate from, LocalDate to) {
    return TaxReport.of(taxLots(method), from, to);
  }

  /**
   * The income (rewards, staking, airdrops) received in the days {@code from} to {@code to}, at its
   * value when received, per asset and month. Reads the whole log, as {@link #getTaxReport} does.
   */
  public IncomeReport getIncomeReport(LocalDate from, LocalDate to) {
    return IncomeReport.of(taxLots(config.tax().method()), from, to);
  }

  private TaxLots taxLots(LotMethod method) {
    TaxRules rules =
        config.tax().withMethod(method).rules(bookConfig.base(), config.performance().zone());
    return StoredLots.fold(store, rules, writer.current().prices());
  }

  /**
   * The daily history of the books of {@code view} up to now, from the {@link HistoryCache}: folded
   * once, then extended by what later imports append.
   */
  private DailyHistory dailyHistory(PortfolioView view) {
    return history.history(store, view.importId(), view.prices(), clock.instant());
  }

  /** {@link PortfolioQueries#nonPairHoldings}, answered from the books last published. */
  public SortedMap<Asset, BigDecimal> nonPairHoldings() {
    return queries().nonPairHoldings();
  }

  /** {@link PortfolioQueries#getPositions}, answered from the books last published. */
  public List<PositionValuation> getPositions() {
    return queries().getPositions();
  }

  /** {@link PortfolioQueries#getPosition}, answered from the books last published. */
  public PositionValuation getPosition(String pair) {
    return queries().getPosition(pair);
  }

  /** {@link PortfolioQueries#getAssetExposure}, answered from the books last published. */
  public List<AssetValuation> getAssetExposure() {
    return queries().getAssetExposure();
  }

  /** {@link PortfolioQueries#getTradeHistory}, answered from the books last published. */
  public List<RealizedPnLRecord> getTradeHistory(
      Optional<String> pair, int limit, Optional<Boolean> includeManual) {
    return queries().getTradeHistory(pair, limit, includeManual);
  }

  /** {@link PortfolioQueries#getRealizedPnlRecords}, answered from the books last published. */
  public List<RealizedPnLRecord> getRealizedPnlRecords(TradeQuery query) {
    return queries().getRealizedPnlRecords(query);
  }

  /** {@link PortfolioQueries#getFeeSummary}, answered from the books last published. */
  public FeeSummary getFeeSummary() {
    return queries().getFeeSummary();
  }

  /** {@link PortfolioQueries#getCashFlows}, answered from the books last published. */
  public List<CashFlowRecord> getCashFlows(Optional<Asset> asset, int limit) {
    return queries().getCashFlows(asset, limit);
  }

  /**
   * Snapshots taken at or after {@code since} (all when empty), newest first, at most {@code
   * limit}.
   */
  public List<PortfolioSnapshot> getSnapshots(Optional<Instant> since, int limit) {
    requireNonNull(since, "since");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<PortfolioSnapshot> snapshots = new ArrayList<>();
    for (StoredSnapshot stored : store.snapshots(since, limit)) {
      snapshots.add(SnapshotJson.read(stored.body()));
    }
    return snapshots;
  }

  /**
   * The equity series over {@code range}, oldest first: the daily history's day ends up to the
   * first live sample (the whole history when there is none yet, its last day valued now), then the
   * samples; whole when it has at most 400 points, else downsampled to the range's buckets (flow
   * markers kept).
   */
  public List<EquityPoint> getEquitySeries(EquityRange range) {
    requireNonNull(range, "range");
    Instant since = range.start(clock.instant()).orElse(Instant.EPOCH);
    return EquitySeries.downsample(
        equitySeries(dailyHistory(writer.current()), since), range.bucket(), MAX_CHART_POINTS);
  }

  /**
   * The whole equity series from {@code since}: {@code history}'s day ends before the first stored
   * sample, then the samples.
   */
  private List<EquityPoint> equitySeries(DailyHistory history, Instant since) {
    List<EquityPoint> samples = EquitySamples.since(store, since);
    Instant firstSample = samples.isEmpty() ? Instant.MAX : samples.get(0).at();
    List<EquityPoint> points = new ArrayList<>();
    for (DayEnd day : history.days()) {
      EquityPoint point = day.equityPoint();
      if (!point.at().isBefore(since) && point.at().isBefore(firstSample)) {
        points.add(point);
      }
    }
    points.addAll(samples);
    return points;
  }

  /** {@link PortfolioQueries#getDataIssues}, answered from the books last published. */
  public List<DataIssue> getDataIssues() {
    return queries().getDataIssues();
  }

  /** {@link PortfolioQueries#getAssetBalances}, answered from the books last published. */
  public AssetBalances getAssetBalances() {
    return queries().getAssetBalances();
  }

  /** {@link PortfolioQueries#getOpenOrders}, answered from the books last published. */
  public Optional<OpenOrders> getOpenOrders() {
    return queries().getOpenOrders();
  }

  /** {@link PortfolioQueries#getReconciliation}, answered from the books last published. */
  public Optional<Reconciliation> getReconciliation() {
    return queries().getReconciliation();
  }

  /** {@link PortfolioQueries#lastSyncAt}, answered from the books last published. */
  public Optional<Instant> lastSyncAt() {
    return queries().lastSyncAt();
  }

  /** {@link PortfolioQueries#lastSyncError}, answered from the books last published. */
  public Optional<String> lastSyncError() {
    return queries().lastSyncError();
  }

  /** Syncs and valuations so far, with their total time. */
  public ServiceStats stats() {
    return writer.stats();
  }

  /** The configuration the service runs with. */
  public TallyConfig config() {
    return config;
  }

  /**
   * Whether the last {@link #initialize()} or {@link #load()} resumed the books from a checkpoint
   * (rather than replaying the event log): what {@code initialize} reports to its progress
   * consumer, for callers of {@code load}, which reports nothing.
   *
   * @throws IllegalStateException before the books were loaded
   */
  public boolean resumedFromCheckpoint() {
    return writer.resumedFromCheckpoint();
  }

  /**
   * How many events the books applied on top of the checkpoint they resumed from (or the replay)
   * since they were loaded.
   *
   * @throws IllegalStateException before the books were loaded
   */
  public long eventsAfterCheckpoint() {
    return writer.eventsAfterCheckpoint();
  }
}
