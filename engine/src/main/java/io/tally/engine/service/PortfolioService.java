package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.DataIssue;
import io.tally.books.FeeSummary;
import io.tally.books.TradePnl;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.prices.KrakenDisplayDecimals;
import io.tally.engine.sync.KrakenSync;
import io.tally.engine.sync.OpenOrders;
import io.tally.engine.sync.OrderHolds;
import io.tally.engine.sync.QuietBalances;
import io.tally.engine.sync.SyncSummary;
import io.tally.kraken.api.KrakenClient;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.DisplayDecimals;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.DriftBaseline;
import io.tally.reconcile.FlowAdjustedDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.series.EquityPoint;
import io.tally.series.EquityRange;
import io.tally.series.EquitySeries;
import io.tally.store.EventPosition;
import io.tally.store.EventRecord;
import io.tally.store.EventRevision;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoreException;
import io.tally.store.StoredEquityPoint;
import io.tally.store.StoredSnapshot;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PositionValuation;
import io.tally.valuation.PriceSource;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

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

  /** The mark holding the flow-adjusted drift baseline ({@link DriftBaseline#toText()}). */
  static final String BASELINE_MARK = "drift.baseline";

  /** A series with up to this many points is charted whole; a longer one is downsampled. */
  static final int MAX_CHART_POINTS = 400;

  /** How many flows a reconciliation lists as the recent ones explaining drift. */
  static final int RECENT_FLOWS = 10;

  private static final System.Logger LOG = System.getLogger(PortfolioService.class.getName());

  private final TallyConfig config;
  private final PortfolioStore store;
  private final Optional<KrakenClient> kraken;
  private final Clock clock;
  private final Consumer<String> progress;
  private final BookConfig bookConfig;
  private final ReentrantLock writer = new ReentrantLock();
  private final AtomicReference<PortfolioView> view = new AtomicReference<>();
  private final List<Consumer<ExternalActivity>> activityListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<StateRecovered>> recoveryListeners = new CopyOnWriteArrayList<>();
  private LiveBooks live;

  /** The open orders the last sync of this process read; only written under {@code writer}. */
  private Optional<OpenOrders> openOrders = Optional.empty();

  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong syncFailures = new AtomicLong();
  private final AtomicLong syncNanos = new AtomicLong();
  private final AtomicLong valuations = new AtomicLong();
  private final AtomicLong valuationNanos = new AtomicLong();

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
    this.kraken = requireNonNull(kraken, "kraken");
    this.clock = requireNonNull(clock, "clock");
    this.progress = requireNonNull(progress, "progress");
    this.bookConfig =
        new BookConfig(
            config.portfolio().baseCurrency(),
            config.portfolio().costBasisMethod(),
            MarketPrices.KFEE_USD);
  }

  /** Calls {@code listener} once, when {@link #initialize()} has recovered the state it serves. */
  public void onStateRecovered(Consumer<StateRecovered> listener) {
    recoveryListeners.add(requireNonNull(listener, "listener"));
  }

  /** Calls {@code listener} with every external activity a write detects. */
  public void onExternalActivity(Consumer<ExternalActivity> listener) {
    activityListeners.add(requireNonNull(listener, "listener"));
  }

  // ---- writes -------------------------------------------------------------------------------

  /**
   * Loads the books (from the latest checkpoint plus the events after it, or by replaying the log),
   * prunes snapshots and equity samples past retention, restores the last comparison with Kraken
   * the store kept as {@code stale}, syncs (and so reconciles) when Kraken is configured, takes a
   * snapshot, and emits one {@link StateRecovered}.
   */
  public void initialize() {
    writer.lock();
    try {
      Instant now = clock.instant();
      prune(now);
      startBooks();
      restoreLastComparison();
      Optional<Instant> checkpointAt = live.resumedFrom();
      long folded = live.resumed() ? live.tailEvents() : live.state().eventCount();
      if (kraken.isPresent()) {
        // Reconcile before serving: an ok must stand on a check of this process, never on one
        // from before the restart. A failing sync of stored books still serves them, with the
        // error in last_sync_error and the restored comparison as stale (unchecked without one);
        // an empty store has nothing to serve, so its failure is the caller's.
        if (store.rowCount() == 0 && store.eventCount() == 0) {
          syncLocked();
        } else {
          try {
            syncLocked();
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "start-up sync failed: " + e.getMessage());
          }
        }
      }
      snapshotLocked();
      live.checkpoint(store, clock.instant());
      recovered(checkpointAt, folded);
    } finally {
      writer.unlock();
    }
  }

  private void recovered(Optional<Instant> checkpointAt, long folded) {
    PortfolioView current = current();
    Optional<Reconciliation> reconciliation = current.reconciliation();
    StateRecovered event =
        new StateRecovered(
            clock.instant(),
            checkpointAt,
            folded,
            reconciliation.map(Reconciliation::status).orElse(ReconciliationStatus.UNCHECKED),
            reconciliation.map(Reconciliation::driftFlag).orElse(false),
            reconciliation.map(Reconciliation::at),
            current.lastSyncError());
    LOG.log(System.Logger.Level.INFO, event.message());
    progress.accept(event.message());
    recoveryListeners.forEach(listener -> listener.accept(event));
  }

  /**
   * Publishes the last comparison the store kept as {@link ReconciliationStatus#STALE}, the status
   * until this process compares (docs/RECONCILIATION.md "Start-up"). A stored reconciliation that
   * cannot be read is logged and left out: the books are still served, {@code unchecked}.
   */
  private void restoreLastComparison() {
    Optional<Reconciliation> restored;
    try {
      restored =
          store
              .latestComparison()
              .map(
                  stored ->
                      LastReconciliation.stale(
                          stored,
                          LedgerCheck.firstDivergence(ledgerIssues()),
                          cashFlows(
                              Optional.empty(), RECENT_FLOWS, live.prices(), live.importId())));
    } catch (StoreException | IllegalArgumentException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The last reconciliation could not be restored, so the status is unchecked: "
              + e.getMessage());
      return;
    }
    restored.ifPresent(r -> publish(Optional.of(r), Optional.empty(), Optional.empty()));
  }

  /**
   * Loads the books like {@link #initialize()} (checkpoint and tail, or replay) but syncs, prunes
   * and snapshots nothing: for one-off commands that only read, reconcile or snapshot. The books
   * are checkpointed when the tail was long, so the next start is faster.
   */
  public void load() {
    writer.lock();
    try {
      startBooks();
      if (!live.resumed() || live.tailEvents() > 0) {
        live.checkpoint(store, clock.instant());
      }
    } finally {
      writer.unlock();
    }
  }

  /**
   * Pulls new ledger rows, trades and orders from Kraken, updates the books and prices, reconciles
   * with {@code Balance} and updates the drift status.
   *
   * @throws IllegalStateException without a Kraken client
   */
  public SyncResult sync() {
    writer.lock();
    try {
      return syncLocked();
    } finally {
      writer.unlock();
    }
  }

  private SyncResult syncLocked() {
    long startedNanos = System.nanoTime();
    try {
      SyncResult result = syncSteps();
      syncs.incrementAndGet();
      return result;
    } catch (RuntimeException e) {
      syncFailures.incrementAndGet();
      throw e;
    } finally {
      syncNanos.addAndGet(System.nanoTime() - startedNanos);
    }
  }

  private SyncResult syncSteps() {
    KrakenClient client = client();
    Instant started = clock.instant();
    SyncSummary summary;
    try {
      summary = new KrakenSync(store, client, config, clock, progress).run();
    } catch (RuntimeException e) {
      PortfolioView current = current();
      view.set(
          new PortfolioView(
              current.books(),
              current.valuation(),
              current.prices(),
              current.display(),
              current.ledgerIssues(),
              current.reconciliation(),
              current.lastSyncAt(),
              Optional.of(started + ": " + e.getMessage()),
              current.importId(),
              current.holds(),
              current.openOrders()));
      throw e;
    }
    openOrders = Optional.of(summary.openOrders());
    PortfolioView before = current();
    long importBefore = live.importId();
    live.catchUp(store);
    Reconciliation reconciliation = reconcileLocked(Optional.of(summary.balances()));
    PortfolioView after =
        publish(Optional.of(reconciliation), Optional.of(started), Optional.empty());
    detectExternalActivity(before, after, newEvents(importBefore));
    live.checkpoint(store, clock.instant());
    return new SyncResult(
        summary.newTrades(),
        summary.newLedgerRows(),
        summary.updatedPairs(),
        summary.cashFlowsAdded(),
        reconciliation.driftFlag(),
        summary);
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
    writer.lock();
    try {
      if (kraken.isPresent()) {
        // Books and balances must be of one moment (docs/RECONCILIATION.md): the sync brings the
        // ledger up to date and takes Balance at a quiet moment, then reconciles with it.
        syncLocked();
        return current().reconciliation().orElseThrow();
      }
      catchUpLocked();
      Reconciliation reconciliation = reconcileLocked(Optional.empty());
      PortfolioView current = current();
      publish(Optional.of(reconciliation), current.lastSyncAt(), current.lastSyncError());
      return reconciliation;
    } finally {
      writer.unlock();
    }
  }

  /**
   * The reconciliation of the live books: with {@code balances} taken at a quiet moment (the books
   * must hold the store's ledger as of that moment), the live check; with balances that found no
   * quiet moment, the previous comparison kept; without Kraken, the ledger check alone.
   */
  private Reconciliation reconcileLocked(Optional<QuietBalances> balances) {
    Instant now = clock.instant();
    List<DataIssue> ledgerIssues = ledgerIssues();
    ReconciliationStatus status = ReconciliationStatus.UNCHECKED;
    Optional<LiveCheck> check = Optional.empty();
    Optional<FlowAdjustedDrift> drift = Optional.empty();
    List<String> booked = new ArrayList<>();
    if (balances.isPresent() && !balances.get().found()) {
      // Nothing was compared: the drift flag and its detail stay those of the last comparison.
      Optional<Reconciliation> previous = current().reconciliation();
      status = ReconciliationStatus.NO_QUIET_MOMENT;
      check = previous.flatMap(Reconciliation::live);
      drift = previous.flatMap(Reconciliation::drift);
      LOG.log(
          System.Logger.Level.INFO,
          "No quiet moment: ledger rows kept arriving through "
              + balances.get().tries()
              + " tries, so the books were not compared with Kraken's balances; the drift flag"
              + " stays "
              + check.map(LiveCheck::driftFlag).orElse(false));
    } else if (balances.isPresent()) {
      Map<Asset, BigDecimal> exchange = balances.get().balances().orElseThrow();
      BigDecimal tolerance = config.reconciliation().tolerance();
      LiveCheck liveCheck = LiveCheck.of(live.state(), exchange, live.prices(), now, tolerance);
      if (liveCheck.driftFlag() && config.reconciliation().autoUpdate()) {
        booked = bookAdjustments(liveCheck, now);
        liveCheck = LiveCheck.of(live.state(), exchange, live.prices(), now, tolerance);
      }
      if (liveCheck.driftFlag()) {
        LOG.log(System.Logger.Level.WARNING, driftWarning(liveCheck));
      }
      status = liveCheck.driftFlag() ? ReconciliationStatus.DRIFT : ReconciliationStatus.OK;
      check = Optional.of(liveCheck);
      drift = Optional.of(flowAdjusted(liveCheck, now));
    }
    Optional<Reconciliation> stale =
        current().reconciliation().filter(r -> r.status() == ReconciliationStatus.STALE);
    if (balances.isEmpty() && stale.isPresent()) {
      // Without Kraken nothing is compared: the restored comparison stays the last known truth.
      status = ReconciliationStatus.STALE;
      check = stale.get().live();
    }
    Reconciliation reconciliation =
        new Reconciliation(
            status == ReconciliationStatus.STALE ? stale.orElseThrow().at() : now,
            status,
            LedgerCheck.firstDivergence(ledgerIssues),
            check,
            drift,
            cashFlows(Optional.empty(), RECENT_FLOWS, live.prices(), live.importId()),
            booked);
    if (status != ReconciliationStatus.STALE) {
      store.saveReconciliation(LastReconciliation.toStored(reconciliation));
    }
    return reconciliation;
  }

  /**
   * Books one adjustment per differing asset so the books hold what Kraken holds: visible, stored
   * and named {@code reconcile:<asset>:<time>}, never a silent overwrite.
   */
  private List<String> bookAdjustments(LiveCheck check, Instant now) {
    List<String> ids = new ArrayList<>();
    List<EventRecord> events = new ArrayList<>();
    for (AssetDrift drift : check.differences()) {
      String id = "reconcile:" + drift.asset().code() + ":" + now;
      // Two reconciliations in the same instant must not revise each other's adjustment.
      for (int n = 2; store.findEvent(id).isPresent(); n++) {
        id = "reconcile:" + drift.asset().code() + ":" + now + ":" + n;
      }
      CashFlow adjustment =
          new CashFlow(
              EventId.of(id),
              now,
              FlowKind.ADJUSTMENT,
              new Amount(drift.asset(), drift.difference()),
              Amount.zero(drift.asset()));
      ids.add(adjustment.id().value());
      events.add(
          EventRecord.of(adjustment.id().value(), adjustment.at(), EventText.format(adjustment)));
    }
    store.commit(
        new ImportBatch(
            List.of(), events, List.of(), Map.of(), "reconciliation adjustments at " + now));
    live.catchUp(store);
    LOG.log(
        System.Logger.Level.WARNING,
        "Reconciliation booked " + ids.size() + " adjustment event(s): " + String.join(", ", ids));
    return ids;
  }

  /**
   * Drift since the stored baseline (set at the first live check); in auto-adjust mode the moved
   * baseline is stored again.
   */
  private FlowAdjustedDrift flowAdjusted(LiveCheck check, Instant now) {
    BookState books = live.state();
    PortfolioValuation valuation =
        Valuation.of(books, live.prices(), now, config.portfolio().maxPriceAge());
    BigDecimal exchangeEquity = valuation.equity().add(check.totalDifferenceBase());
    BigDecimal pnl = books.realizedTotal().add(valuation.unrealized());
    BigDecimal flows = books.flows().net();
    Optional<DriftBaseline> stored =
        Optional.ofNullable(store.marks().get(BASELINE_MARK)).map(DriftBaseline::parse);
    DriftBaseline baseline =
        stored.orElseGet(
            () ->
                new DriftBaseline(
                    now, Precision.money(exchangeEquity), Precision.money(pnl), flows));
    FlowAdjustedDrift drift =
        FlowAdjustedDrift.of(
            config.reconciliation().driftMode(), baseline, exchangeEquity, pnl, flows);
    if (stored.isEmpty() || !drift.baseline().equals(stored.get())) {
      store.commit(
          new ImportBatch(
              List.of(),
              List.of(),
              List.of(),
              Map.of(BASELINE_MARK, drift.baseline().toText()),
              "drift baseline"));
    }
    return drift;
  }

  private static String driftWarning(LiveCheck check) {
    StringBuilder text =
        new StringBuilder("Drift: the books differ from Kraken's balances beyond the tolerance ")
            .append(check.tolerance().toPlainString())
            .append(" (total ")
            .append(check.totalDifferenceBase().toPlainString())
            .append("):");
    for (AssetDrift asset : check.differences()) {
      text.append(' ')
          .append(asset.asset())
          .append(" books ")
          .append(asset.internal().toPlainString())
          .append(" exchange ")
          .append(asset.exchange().toPlainString())
          .append(" difference ")
          .append(asset.difference().toPlainString())
          .append(
              asset.differenceBase().map(v -> " (" + v.toPlainString() + ")").orElse(" (unvalued)"))
          .append(';');
    }
    return text.toString();
  }

  /** Persists a snapshot of the current books and returns it. */
  public PortfolioSnapshot createSnapshot() {
    writer.lock();
    try {
      return snapshotLocked();
    } finally {
      writer.unlock();
    }
  }

  private PortfolioSnapshot snapshotLocked() {
    catchUpLocked();
    PortfolioSnapshot snapshot = snapshotOf(current(), clock.instant());
    store.saveSnapshot(new StoredSnapshot(snapshot.takenAt(), SnapshotJson.write(snapshot)));
    progress.accept("snapshot saved, taken at " + snapshot.takenAt());
    return snapshot;
  }

  /** Loads the books (checkpoint and tail, or replay), says which, and publishes them. */
  private void startBooks() {
    live = LiveBooks.start(store, bookConfig);
    progress.accept(
        live.resumed()
            ? "books resumed from a checkpoint and " + live.tailEvents() + " events after it"
            : "books replayed from the event log");
    publish(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Takes one sample of the equity series and drops samples past {@code
   * equity_series.retention_days}. Called by the service's own schedule, never by queries.
   */
  public EquityPoint sampleEquity() {
    writer.lock();
    try {
      catchUpLocked();
      PortfolioView current = current();
      Instant now = clock.instant();
      EquityPoint point =
          new EquityPoint(
              now,
              current.valuation().equity(),
              current.valuation().cash(),
              current.books().flows().net(),
              current.books().realizedTotal().add(current.valuation().unrealized()));
      store.appendEquityPoint(
          new StoredEquityPoint(
              now,
              point.equity().toPlainString(),
              point.cash().toPlainString(),
              point.flows().toPlainString(),
              point.pnl().toPlainString()));
      store.pruneEquityPoints(now.minus(Duration.ofDays(config.schedule().equityRetentionDays())));
      return point;
    } finally {
      writer.unlock();
    }
  }

  /** Prunes snapshots and equity samples past their retention; run at start-up and daily. */
  public void prune() {
    writer.lock();
    try {
      prune(clock.instant());
    } finally {
      writer.unlock();
    }
  }

  private void prune(Instant now) {
    store.pruneSnapshots(now.minus(Duration.ofDays(config.portfolio().snapshotRetentionDays())));
    store.pruneEquityPoints(now.minus(Duration.ofDays(config.schedule().equityRetentionDays())));
  }

  // ---- queries ------------------------------------------------------------------------------

  /**
   * The decimals a person is shown each asset's amounts and each pair's prices at (Kraken's {@code
   * display_decimals} and {@code pair_decimals} as last synced, or the fallbacks).
   */
  public DisplayDecimals displayDecimals() {
    return current().display();
  }

  /** Equity, cash, realized and unrealized PnL, the drift and stale flags, and their time. */
  public EquitySummary getEquity() {
    PortfolioView current = current();
    PortfolioValuation valuation = current.valuation();
    Optional<Instant> oldest = oldestPriceAt(valuation);
    Instant freshAfter = clock.instant().minus(config.portfolio().maxPriceAge());
    boolean stale = valuation.stale() || oldest.filter(at -> at.isBefore(freshAfter)).isPresent();
    return new EquitySummary(
        valuation.equity(),
        valuation.cash(),
        valuation.otherFiat(),
        valuation.realized(),
        valuation.unrealized(),
        current.reconciliation().map(Reconciliation::driftFlag).orElse(false),
        stale,
        current.asOf(),
        oldest);
  }

  /**
   * Trading PnL over {@code period} by pair and by strategy tag. {@code includeManual} empty means
   * the config's {@code track_manual_trades}.
   */
  public PnlSummary getPnlSummary(PnlPeriod period, Optional<Boolean> includeManual) {
    requireNonNull(period, "period");
    boolean manual = includeManual.orElse(config.portfolio().trackManualTrades());
    PortfolioView current = current();
    Optional<Instant> from = period.start(current.asOf());
    Map<Pair, BigDecimal> realized = realizedByPair(current.books(), manual);
    Map<String, BigDecimal> byStrategy = realizedByStrategy(current.books(), manual);
    Map<Pair, BigDecimal> unrealized = new TreeMap<>(current.valuation().unrealizedByPair());
    if (from.isPresent()) {
      // Every event before the period (strictly before its first nanosecond: stored times have
      // nine digits), as of the import the current books are folded to.
      List<LedgerEvent> before =
          newestFirst(
              event -> true,
              Integer.MAX_VALUE,
              Optional.of(new EventPosition(from.get().minusNanos(1), "\uffff")),
              Optional.empty(),
              current.importId());
      BookState start = Books.replay(bookConfig, current.prices(), before);
      PortfolioValuation startValuation =
          Valuation.of(start, current.prices(), from.get(), config.portfolio().maxPriceAge());
      subtract(realized, realizedByPair(start, manual));
      subtract(byStrategy, realizedByStrategy(start, manual));
      subtract(unrealized, startValuation.unrealizedByPair());
    }
    Set<Pair> pairs = new TreeSet<>(realized.keySet());
    pairs.addAll(unrealized.keySet());
    List<PnlSummary.PairPnl> byPair = new ArrayList<>();
    BigDecimal realizedTotal = Precision.money(BigDecimal.ZERO);
    BigDecimal unrealizedTotal = Precision.money(BigDecimal.ZERO);
    for (Pair pair : pairs) {
      BigDecimal r = realized.getOrDefault(pair, Precision.money(BigDecimal.ZERO));
      BigDecimal u = unrealized.getOrDefault(pair, Precision.money(BigDecimal.ZERO));
      byPair.add(new PnlSummary.PairPnl(pair, r, u));
      realizedTotal = realizedTotal.add(r);
      unrealizedTotal = unrealizedTotal.add(u);
    }
    List<PnlSummary.StrategyPnl> strategies = new ArrayList<>();
    new TreeMap<>(byStrategy)
        .forEach((tag, value) -> strategies.add(new PnlSummary.StrategyPnl(tag, value)));
    return new PnlSummary(
        period, from, current.asOf(), manual, realizedTotal, unrealizedTotal, byPair, strategies);
  }

  private static Map<Pair, BigDecimal> realizedByPair(BookState books, boolean includeManual) {
    Map<Pair, BigDecimal> byPair = new TreeMap<>(books.realizedByPair());
    if (!includeManual) {
      subtract(
          byPair, books.realizedByStrategyAndPair().getOrDefault(Trade.MANUAL, new TreeMap<>()));
    }
    return byPair;
  }

  private static Map<String, BigDecimal> realizedByStrategy(BookState books, boolean manual) {
    Map<String, BigDecimal> byStrategy = new TreeMap<>(books.realizedByStrategy());
    if (!manual) {
      byStrategy.remove(Trade.MANUAL);
    }
    return byStrategy;
  }

  private static <K> void subtract(Map<K, BigDecimal> from, Map<K, BigDecimal> values) {
    values.forEach(
        (key, value) ->
            from.put(
                key, from.getOrDefault(key, Precision.money(BigDecimal.ZERO)).subtract(value)));
  }

  /**
   * The units of each asset that no pair position holds, from the same books as {@link
   * #getPositions()}: see {@link BookState#nonPairHoldings()}. Only non-zero remainders.
   */
  public SortedMap<Asset, BigDecimal> nonPairHoldings() {
    return current().books().nonPairHoldings();
  }

  /** Every pair position the books have, open or flat, valued now; in pair order. */
  public List<PositionValuation> getPositions() {
    return current().valuation().positions();
  }

  /**
   * The position in {@code pair}, named {@code XBTUSD} or {@code XBT/USD} (Kraken's aliases such as
   * {@code BTC/USD} understood).
   *
   * @throws PositionNotFoundException when the books have no trades in that pair
   */
  public PositionValuation getPosition(String pair) {
    requireNonNull(pair, "pair");
    Optional<Pair> wanted = parsePair(pair);
    for (PositionValuation position : getPositions()) {
      Pair candidate = position.position().pair();
      if (wanted.map(candidate::equals).orElse(false)
          || candidate.name().equalsIgnoreCase(pair.strip())) {
        return position;
      }
    }
    throw new PositionNotFoundException(pair);
  }

  private static Optional<Pair> parsePair(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Pair(
              AssetSymbol.canonical(text.substring(0, slash).strip()),
              AssetSymbol.canonical(text.substring(slash + 1).strip())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Each reported asset held (include/exclude filters apply): amount, value and share of equity.
   */
  public List<AssetValuation> getAssetExposure() {
    List<AssetValuation> exposure = new ArrayList<>();
    for (AssetValuation holding : current().valuation().holdings()) {
      if (holding.holding().quantity().signum() != 0
          && config.portfolio().reports(holding.holding().asset())) {
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
    PortfolioView view = current();
    boolean manual = query.includeManual().orElse(config.portfolio().trackManualTrades());
    Optional<Pair> wanted = query.pair().flatMap(PortfolioService::parsePair);
    Predicate<LedgerEvent> matches =
        event ->
            event instanceof Trade trade
                && (manual || !trade.strategy().equals(Trade.MANUAL))
                && query.strategy().map(trade.strategy()::equals).orElse(true)
                && query
                    .pair()
                    .map(
                        name ->
                            wanted.map(trade.pair()::equals).orElse(false)
                                || trade.pair().name().equalsIgnoreCase(name.strip()))
                    .orElse(true);
    // Inclusive end: every event at `to` sorts before the highest id at that instant.
    Optional<EventPosition> end = query.to().map(to -> new EventPosition(to, "\uffff"));
    List<RealizedPnLRecord> records = new ArrayList<>();
    for (LedgerEvent event :
        newestFirst(matches, query.limit(), end, query.from(), view.importId())) {
      Trade trade = (Trade) event;
      TradePnl pnl =
          view.books()
              .tradePnl(trade)
              .orElseThrow(
                  () -> new IllegalStateException("Trade " + trade.id() + " is not in the books"));
      records.add(new RealizedPnLRecord(trade, pnl));
    }
    return records;
  }

  /** Fees in the base currency: by asset paid in, by pair, and in total. */
  public FeeSummary getFeeSummary() {
    return current().books().fees();
  }

  /**
   * Deposits, withdrawals, rewards and adjustments, newest first, at most {@code limit}, of one
   * asset when given, each valued at its time.
   */
  public List<CashFlowRecord> getCashFlows(Optional<Asset> asset, int limit) {
    PortfolioView view = current();
    return cashFlows(asset, limit, view.prices(), view.importId());
  }

  private List<CashFlowRecord> cashFlows(
      Optional<Asset> asset, int limit, PriceSource prices, long asOfImport) {
    requireNonNull(asset, "asset");
    MarketPrices market = new MarketPrices(bookConfig.base(), bookConfig.kfeeUsd(), prices);
    List<CashFlow> found = new ArrayList<>();
    for (LedgerEvent event :
        newestFirst(
            e ->
                e instanceof CashFlow flow && asset.map(flow.amount().asset()::equals).orElse(true),
            limit,
            Optional.empty(),
            Optional.empty(),
            asOfImport)) {
      found.add((CashFlow) event);
    }
    Map<EventId, String> notes = FlowNotes.of(store, found);
    List<CashFlowRecord> flows = new ArrayList<>();
    for (CashFlow flow : found) {
      flows.add(
          new CashFlowRecord(
              flow,
              market
                  .value(flow.amount().asset(), flow.amount().value().abs(), flow.at())
                  .map(Precision::money),
              Optional.ofNullable(notes.get(flow.id()))));
    }
    return flows;
  }

  /**
   * The newest events matching {@code matches}, at most {@code limit}, paging back through the log
   * from {@code start} (the end when empty) down to {@code since} (the beginning when empty) as it
   * was after import {@code asOfImport}: what the books of that import hold, whatever was committed
   * since.
   */
  private List<LedgerEvent> newestFirst(
      Predicate<LedgerEvent> matches,
      int limit,
      Optional<EventPosition> start,
      Optional<Instant> since,
      long asOfImport) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    List<LedgerEvent> found = new ArrayList<>();
    Optional<EventPosition> before = start;
    int page = (int) Math.min(10_000, Math.max(100, limit * 2L));
    while (found.size() < limit) {
      List<EventRecord> records = store.eventsBefore(before, page, asOfImport);
      for (EventRecord record : records) {
        if (since.isPresent() && record.at().isBefore(since.get())) {
          return found;
        }
        LedgerEvent event = EventText.parse(record.line());
        if (matches.test(event)) {
          found.add(event);
          if (found.size() == limit) {
            break;
          }
        }
      }
      if (records.size() < page) {
        break;
      }
      EventRecord last = records.get(records.size() - 1);
      before = Optional.of(new EventPosition(last.at(), last.eventId()));
    }
    return found;
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
   * The equity series over {@code range}, oldest first: whole when it has at most 400 points, else
   * downsampled to the range's buckets (flow markers kept).
   */
  public List<EquityPoint> getEquitySeries(EquityRange range) {
    requireNonNull(range, "range");
    Instant since = range.start(clock.instant()).orElse(Instant.EPOCH);
    List<EquityPoint> points = new ArrayList<>();
    for (StoredEquityPoint stored : store.equityPoints(since)) {
      points.add(
          new EquityPoint(
              stored.at(),
              new BigDecimal(stored.equity()),
              new BigDecimal(stored.cash()),
              new BigDecimal(stored.flows()),
              new BigDecimal(stored.botPnl())));
    }
    return EquitySeries.downsample(points, range.bucket(), MAX_CHART_POINTS);
  }

  /**
   * Every data issue: missing prices and acquisitions, unclassified rows, the ledger check's
   * findings, unvalued and stale holdings.
   */
  public List<DataIssue> getDataIssues() {
    PortfolioView current = current();
    List<DataIssue> issues = new ArrayList<>(current.ledgerIssues());
    issues.addAll(current.valuation().issues());
    issues.addAll(AssetBalances.of(current.books(), current.holds()).issues());
    return issues;
  }

  /**
   * Each asset the books hold split into what Kraken's open orders hold of it ({@code hold_trade}
   * as of the last sync, kept across restarts) and what is free; without Kraken everything is free.
   * The totals are the holdings of {@link #getAssetExposure()}.
   */
  public AssetBalances getAssetBalances() {
    PortfolioView current = current();
    return AssetBalances.of(current.books(), current.holds());
  }

  /**
   * The orders resting on Kraken at this process's last sync, dated: what a risk layer counts as if
   * filled. Empty without Kraken, and after a restart until the first sync succeeds (open orders
   * are not stored).
   */
  public Optional<OpenOrders> getOpenOrders() {
    return current().openOrders();
  }

  /** The last reconciliation; empty before the first. */
  public Optional<Reconciliation> getReconciliation() {
    return current().reconciliation();
  }

  /** When the last sync started, if one succeeded since start-up. */
  public Optional<Instant> lastSyncAt() {
    return current().lastSyncAt();
  }

  /** Why the last sync failed, when it did. */
  public Optional<String> lastSyncError() {
    return current().lastSyncError();
  }

  /** Syncs and valuations so far, with their total time. */
  public ServiceStats stats() {
    return new ServiceStats(
        syncs.get(), syncFailures.get(), syncNanos.get(), valuations.get(), valuationNanos.get());
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
    writer.lock();
    try {
      return loaded().resumed();
    } finally {
      writer.unlock();
    }
  }

  /**
   * How many events the books applied on top of the checkpoint they resumed from (or the replay)
   * since they were loaded.
   *
   * @throws IllegalStateException before the books were loaded
   */
  public long eventsAfterCheckpoint() {
    writer.lock();
    try {
      return loaded().tailEvents();
    } finally {
      writer.unlock();
    }
  }

  private LiveBooks loaded() {
    if (live == null) {
      throw new IllegalStateException("PortfolioService.initialize() has not run");
    }
    return live;
  }

  // ---- internals ----------------------------------------------------------------------------

  /**
   * Folds what other writers committed since this service's last write (another process, a CSV
   * import) and publishes the books when that changed them: every write sees the store as it is.
   */
  private void catchUpLocked() {
    if (live.catchUp(store) != 0) {
      PortfolioView current = current();
      publish(Optional.empty(), current.lastSyncAt(), current.lastSyncError());
    }
  }

  private PortfolioView current() {
    PortfolioView current = view.get();
    if (current == null) {
      throw new IllegalStateException("PortfolioService.initialize() has not run");
    }
    return current;
  }

  private KrakenClient client() {
    return kraken.orElseThrow(
        () ->
            new IllegalStateException(
                "No Kraken client: set KRAKEN_API_KEY and KRAKEN_API_SECRET to sync"));
  }

  private List<DataIssue> ledgerIssues() {
    String stored = store.marks().get(LedgerCheck.ISSUES_MARK);
    return stored == null ? List.of() : LedgerCheck.parseIssues(stored);
  }

  /** Values the live books now and makes that the view every query reads. */
  private PortfolioView publish(
      Optional<Reconciliation> reconciliation,
      Optional<Instant> lastSyncAt,
      Optional<String> lastSyncError) {
    PortfolioView previous = view.get();
    Instant now = clock.instant();
    long started = System.nanoTime();
    BookState books = live.state();
    PortfolioValuation valuation =
        Valuation.of(books, live.prices(), now, config.portfolio().maxPriceAge());
    valuations.incrementAndGet();
    valuationNanos.addAndGet(System.nanoTime() - started);
    PortfolioView next =
        new PortfolioView(
            books,
            valuation,
            live.prices(),
            previous != null && previous.importId() == live.importId()
                ? previous.display()
                : KrakenDisplayDecimals.of(store),
            ledgerIssues(),
            reconciliation.or(
                () -> previous == null ? Optional.empty() : previous.reconciliation()),
            lastSyncAt.or(() -> previous == null ? Optional.empty() : previous.lastSyncAt()),
            lastSyncError,
            live.importId(),
            kraken.isPresent() ? OrderHolds.fromMarks(store.marks()) : Optional.empty(),
            openOrders);
    view.set(next);
    return next;
  }

  private static PortfolioSnapshot snapshotOf(PortfolioView view, Instant at) {
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
        valuation.stale(),
        holdings,
        realizedByPair,
        unrealizedByPair);
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

  /** The events first written by imports after {@code importId}: what a write brought. */
  private List<LedgerEvent> newEvents(long importId) {
    List<LedgerEvent> events = new ArrayList<>();
    for (EventRevision revision : store.revisionsSince(importId)) {
      if (revision.revision() == 1 && !revision.record().retracted()) {
        events.add(EventText.parse(revision.record().line()));
      }
    }
    return events;
  }

  /**
   * Emits and logs an {@link ExternalActivity} when manual trades or external flows among {@code
   * added}, dated after the drift baseline, moved the portfolio by more than the threshold ({@link
   * ExternalActivityCheck}).
   */
  private void detectExternalActivity(
      PortfolioView before, PortfolioView after, List<LedgerEvent> added) {
    Optional<Instant> baseline =
        Optional.ofNullable(store.marks().get(BASELINE_MARK))
            .map(DriftBaseline::parse)
            .map(DriftBaseline::at);
    new ExternalActivityCheck(config.portfolio().externalActivityThresholdPct())
        .find(before.valuation(), after.valuation(), added, after.prices(), baseline)
        .ifPresent(
            activity -> {
              LOG.log(System.Logger.Level.WARNING, activity.message());
              progress.accept(activity.message());
              activityListeners.forEach(listener -> listener.accept(activity));
            });
  }
}
