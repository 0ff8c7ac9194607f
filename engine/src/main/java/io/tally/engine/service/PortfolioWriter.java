package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.engine.CommittedBatch;
import io.tally.engine.LiveBooks;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.prices.KrakenDisplayDecimals;
import io.tally.engine.sync.KrakenSync;
import io.tally.engine.sync.OpenOrders;
import io.tally.engine.sync.OrderHolds;
import io.tally.engine.sync.SyncSummary;
import io.tally.kraken.api.KrakenClient;
import io.tally.ledger.LedgerEvent;
import io.tally.margin.TradeLifecycle;
import io.tally.reconcile.DriftBaseline;
import io.tally.risk.RiskEvent;
import io.tally.series.EquityPoint;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredEquityPoint;
import io.tally.store.StoredSnapshot;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.Valuation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The single writer of one account's books behind {@link PortfolioService}: it holds the write lock
 * and the {@link LiveBooks}, runs every write (start-up, sync, reconciliation, snapshot, equity
 * sample, pruning, the drawdown seeding) one at a time, and after each publishes a new {@link
 * PortfolioView}, which every query reads without waiting.
 *
 * <p>Example: {@code writer.initialize(); writer.sync(); PortfolioView view = writer.current();}.
 * Thread-safe: writes take the lock; {@link #current()} never does.
 */
final class PortfolioWriter {

  private static final System.Logger LOG = System.getLogger(PortfolioService.class.getName());

  /**
   * The same logger through {@code java.util.logging} (which {@link System.Logger} writes to here),
   * for the line logged per closed trade: naming the line's source spares the logger walking the
   * stack to find it, which took 4 % of a paper order's CPU (docs/BENCHMARKS.md §20).
   */
  private static final java.util.logging.Logger TRADES =
      java.util.logging.Logger.getLogger(PortfolioService.class.getName());

  private final TallyConfig config;
  private final PortfolioStore store;
  private final Optional<KrakenClient> kraken;
  private final Clock clock;
  private final Consumer<String> progress;
  private final RiskEventSink riskEvents;
  private final StoredEvents events;
  private final BookConfig bookConfig;
  private final Reconciler reconciler;
  private final LiveDrawdown liveDrawdown;
  private final Function<PortfolioView, PortfolioQueries> queries;
  private final ReentrantLock lock = new ReentrantLock();
  private final ClosedTrades closedTrades = new ClosedTrades();
  private final AtomicReference<PortfolioView> view = new AtomicReference<>();
  private final List<Consumer<ExternalActivity>> activityListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<StateRecovered>> recoveryListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<DriftChange>> driftListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<SyncResult>> syncListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<RiskInputs>> valuationListeners = new CopyOnWriteArrayList<>();

  /** Whether the drawdown windows were replayed over the whole equity series (the first job). */
  private boolean windowsSeeded;

  private LiveBooks live;

  /**
   * The margin alert ladder, resumed from the store on the first publish after {@link #initialize}
   * (a served account); {@link #load} (one-off commands that only read) raises no alert. Under
   * {@code lock}.
   */
  private Optional<MarginWatch> marginWatch = Optional.empty();

  private boolean watching;

  /** The open orders the last sync of this process read; only written under {@code lock}. */
  private Optional<OpenOrders> openOrders = Optional.empty();

  private final AtomicLong syncs = new AtomicLong();
  private final AtomicLong syncFailures = new AtomicLong();
  private final AtomicLong syncNanos = new AtomicLong();
  private final AtomicLong valuations = new AtomicLong();
  private final AtomicLong valuationNanos = new AtomicLong();

  /**
   * A writer of {@code store}'s books kept by {@code bookConfig}, syncing through {@code kraken}
   * when given; {@code queries} answers the contract's questions about a view (the snapshot is made
   * from them).
   */
  PortfolioWriter(
      TallyConfig config,
      PortfolioStore store,
      Optional<KrakenClient> kraken,
      Clock clock,
      Consumer<String> progress,
      BookConfig bookConfig,
      StoredEvents events,
      Function<PortfolioView, PortfolioQueries> queries) {
    this.config = requireNonNull(config, "config");
    this.store = requireNonNull(store, "store");
    this.kraken = requireNonNull(kraken, "kraken");
    this.clock = requireNonNull(clock, "clock");
    this.progress = requireNonNull(progress, "progress");
    this.riskEvents = new RiskEventSink(store, progress);
    this.bookConfig = requireNonNull(bookConfig, "bookConfig");
    this.queries = requireNonNull(queries, "queries");
    this.events = requireNonNull(events, "events");
    this.reconciler = new Reconciler(store, config, clock, events);
    this.liveDrawdown = new LiveDrawdown(store, config.performance().drawdown());
  }

  void onStateRecovered(Consumer<StateRecovered> listener) {
    recoveryListeners.add(requireNonNull(listener, "listener"));
  }

  void onExternalActivity(Consumer<ExternalActivity> listener) {
    activityListeners.add(requireNonNull(listener, "listener"));
  }

  void onRiskEvent(Consumer<RiskEvent> listener) {
    riskEvents.listen(listener);
  }

  void onDriftChange(Consumer<DriftChange> listener) {
    driftListeners.add(requireNonNull(listener, "listener"));
  }

  void onValuation(Consumer<RiskInputs> listener) {
    valuationListeners.add(requireNonNull(listener, "listener"));
  }

  void onSync(Consumer<SyncResult> listener) {
    syncListeners.add(requireNonNull(listener, "listener"));
  }

  /** {@link PortfolioService#initialize()}. */
  void initialize() {
    lock.lock();
    try {
      watching = true;
      Instant now = clock.instant();
      prune(now);
      startBooks();
      reconciler
          .restore(live)
          .ifPresent(r -> publish(Optional.of(r), Optional.empty(), Optional.empty()));
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
      lock.unlock();
    }
  }

  /** {@link PortfolioService#load()}. */
  void load() {
    lock.lock();
    try {
      startBooks();
      if (!live.resumed() || live.tailEvents() > 0) {
        live.checkpoint(store, clock.instant());
      }
    } finally {
      lock.unlock();
    }
  }

  /** {@link PortfolioService#refresh()}. */
  void revalue() {
    lock.lock();
    try {
      PortfolioView current = current();
      publish(Optional.empty(), current.lastSyncAt(), current.lastSyncError());
    } finally {
      lock.unlock();
    }
  }

  void refresh() {
    lock.lock();
    try {
      catchUpLocked();
    } finally {
      lock.unlock();
    }
  }

  /** {@link PortfolioService#refresh(CommittedBatch)}. */
  void refresh(CommittedBatch committed) {
    lock.lock();
    try {
      PortfolioView previous = current();
      // The listings and marks the view holds are those of the store at its import; after this
      // batch alone they still are, unless it stored rows or one of those marks.
      boolean lookupsKept =
          previous.importId() + 1 == committed.importId() && keepsLookups(committed);
      if (live.fold(store, committed)) {
        publish(
            Optional.empty(),
            previous.lastSyncAt(),
            previous.lastSyncError(),
            lookupsKept && live.importId() == committed.importId());
      } else {
        catchUpLocked();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether what {@code committed} wrote leaves the store's listings ({@link
   * KrakenDisplayDecimals}, from stored rows), ledger issues and order holds (from marks) as they
   * were: it added no row and wrote neither mark.
   */
  private static boolean keepsLookups(CommittedBatch committed) {
    Map<String, String> marks = committed.batch().marks();
    return committed.committed().result().rowsAdded() == 0
        && !marks.containsKey(Mark.LEDGER_ISSUES.key())
        && !marks.containsKey(Mark.ORDER_HOLDS.key());
  }

  /** {@link PortfolioService#sync()}. */
  SyncResult sync() {
    lock.lock();
    try {
      return syncLocked();
    } finally {
      lock.unlock();
    }
  }

  /** {@link PortfolioService#reconcile()}. */
  Reconciliation reconcile() {
    lock.lock();
    try {
      if (kraken.isPresent()) {
        // Books and balances must be of one moment (docs/RECONCILIATION.md): the sync brings the
        // ledger up to date and takes Balance at a quiet moment, then reconciles with it.
        syncLocked();
        return current().reconciliation().orElseThrow();
      }
      catchUpLocked();
      Reconciliation reconciliation =
          reconciler.reconcile(live, Optional.empty(), current().reconciliation());
      PortfolioView current = current();
      publish(Optional.of(reconciliation), current.lastSyncAt(), current.lastSyncError());
      return reconciliation;
    } finally {
      lock.unlock();
    }
  }

  /** {@link PortfolioService#createSnapshot()}. */
  PortfolioSnapshot createSnapshot() {
    lock.lock();
    try {
      return snapshotLocked();
    } finally {
      lock.unlock();
    }
  }

  /** {@link PortfolioService#sampleEquity()}. */
  EquityPoint sampleEquity() {
    lock.lock();
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
      lock.unlock();
    }
  }

  /** {@link PortfolioService#prune()}. */
  void prune() {
    lock.lock();
    try {
      prune(clock.instant());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Replays the live drawdown windows over {@code series}, the whole equity series of the books
   * folded up to import {@code importId}, unless a write has published other books since.
   *
   * @return whether the windows were replayed
   */
  boolean seedDrawdownWindows(long importId, List<EquityPoint> series) {
    lock.lock();
    try {
      PortfolioView now = current();
      if (now.importId() != importId) {
        return false;
      }
      PortfolioView seeded =
          now.withDrawdown(liveDrawdown.over(series, now.books(), now.valuation()));
      view.set(seeded);
      windowsSeeded = true;
      tellValuationListeners(seeded);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The view last published; never waits for a write. */
  PortfolioView current() {
    PortfolioView current = view.get();
    if (current == null) {
      throw new IllegalStateException("PortfolioService.initialize() has not run");
    }
    return current;
  }

  /** {@link PortfolioService#stats()}. */
  ServiceStats stats() {
    return new ServiceStats(
        syncs.get(), syncFailures.get(), syncNanos.get(), valuations.get(), valuationNanos.get());
  }

  /** Whether the books were resumed from a checkpoint, read under the lock. */
  boolean resumedFromCheckpoint() {
    lock.lock();
    try {
      return loaded().resumed();
    } finally {
      lock.unlock();
    }
  }

  /** Events applied on top of the checkpoint or replay since loading, read under the lock. */
  long eventsAfterCheckpoint() {
    lock.lock();
    try {
      return loaded().tailEvents();
    } finally {
      lock.unlock();
    }
  }

  private SyncResult syncLocked() {
    long startedNanos = System.nanoTime();
    try {
      SyncResult result = syncSteps();
      syncs.incrementAndGet();
      syncListeners.forEach(listener -> listener.accept(result));
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
      view.set(current().withSyncError(started + ": " + e.getMessage()));
      throw e;
    }
    openOrders = Optional.of(summary.openOrders());
    PortfolioView before = current();
    long importBefore = live.importId();
    live.catchUp(store);
    Reconciliation reconciliation =
        reconciler.reconcile(live, Optional.of(summary.balances()), current().reconciliation());
    PortfolioView after =
        publish(Optional.of(reconciliation), Optional.of(started), Optional.empty());
    detectExternalActivity(before, after, events.firstWrittenAfter(importBefore));
    live.checkpoint(store, clock.instant());
    return new SyncResult(
        summary.newTrades(),
        summary.newLedgerRows(),
        summary.updatedPairs(),
        summary.cashFlowsAdded(),
        reconciliation.driftFlag(),
        summary);
  }

  private PortfolioSnapshot snapshotLocked() {
    catchUpLocked();
    PortfolioSnapshot snapshot = queries.apply(current()).snapshot(clock.instant());
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

  private void prune(Instant now) {
    store.pruneSnapshots(now.minus(Duration.ofDays(config.portfolio().snapshotRetentionDays())));
    store.pruneEquityPoints(now.minus(Duration.ofDays(config.schedule().equityRetentionDays())));
  }

  private LiveBooks loaded() {
    if (live == null) {
      throw new IllegalStateException("PortfolioService.initialize() has not run");
    }
    return live;
  }

  /**
   * Folds what other writers committed since this service's last write (another process, a CSV
   * import) and publishes the books when that changed them: every write sees the store as it is.
   */
  private void catchUpLocked() {
    long before = live.importId();
    // New events change the books; new prices alone change their valuation: both are published,
    // so the risk monitor sees every price tick.
    if (live.catchUp(store) != 0 || live.importId() != before) {
      PortfolioView current = current();
      publish(Optional.empty(), current.lastSyncAt(), current.lastSyncError());
    }
  }

  private KrakenClient client() {
    return kraken.orElseThrow(
        () ->
            new IllegalStateException(
                "No Kraken client: set KRAKEN_API_KEY and KRAKEN_API_SECRET to sync"));
  }

  /** Values the live books now and makes that the view every query reads. */
  private PortfolioView publish(
      Optional<Reconciliation> reconciliation,
      Optional<Instant> lastSyncAt,
      Optional<String> lastSyncError) {
    return publish(reconciliation, lastSyncAt, lastSyncError, false);
  }

  /**
   * {@link #publish(Optional, Optional, Optional)}; {@code lookupsKept} says the imports since the
   * previous view stored no rows and none of the marks it read ({@link #keepsLookups}).
   */
  private PortfolioView publish(
      Optional<Reconciliation> reconciliation,
      Optional<Instant> lastSyncAt,
      Optional<String> lastSyncError,
      boolean lookupsKept) {
    PortfolioView previous = view.get();
    Instant now = clock.instant();
    long started = System.nanoTime();
    BookState books = live.state();
    PortfolioValuation valuation =
        Valuation.of(books, live.prices(), now, config.portfolio().maxPriceAge());
    valuations.incrementAndGet();
    valuationNanos.addAndGet(System.nanoTime() - started);
    // Marks and listings change only with an import that writes rows or marks: read them once per
    // such import, not per write (a paper account's commits write neither).
    boolean sameImport =
        previous != null && (previous.importId() == live.importId() || lookupsKept);
    Marks marks = sameImport ? Marks.NONE : Marks.of(store);
    PortfolioView next =
        new PortfolioView(
            books,
            live.tradePnls(store),
            valuation,
            live.prices(),
            sameImport ? previous.display() : KrakenDisplayDecimals.of(store),
            sameImport ? previous.ledgerIssues() : LedgerCheck.storedIssues(marks),
            reconciliation.or(
                () -> previous == null ? Optional.empty() : previous.reconciliation()),
            lastSyncAt.or(() -> previous == null ? Optional.empty() : previous.lastSyncAt()),
            lastSyncError,
            live.importId(),
            sameImport
                ? previous.holds()
                : kraken.isPresent() ? OrderHolds.from(marks) : Optional.empty(),
            openOrders,
            liveDrawdown.after(Optional.ofNullable(previous), books, valuation));
    view.set(next);
    logClosedTrades(next);
    emitDriftChange(previous, next);
    watchMargin(next);
    tellValuationListeners(next);
    return next;
  }

  /** Gives a served account's valuation listeners what the risk layer reads of {@code view}. */
  private void tellValuationListeners(PortfolioView view) {
    if (watching && !valuationListeners.isEmpty()) {
      RiskInputs inputs = riskInputs(view);
      valuationListeners.forEach(listener -> listener.accept(inputs));
    }
  }

  /** What the risk layer reads of {@code view}. */
  RiskInputs riskInputs(PortfolioView view) {
    return RiskInputs.of(view, queries.apply(view), windowsSeeded);
  }

  /** Raises {@code event} ({@link RiskEventSink}); under the write lock. */
  void raise(RiskEvent event) {
    riskEvents.raise(event);
  }

  /** Runs {@code action} under the write lock, as one more write. */
  void underLock(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Emits a {@link DriftChange} when {@code next}'s drift flag differs from {@code previous}'s (a
   * view without a reconciliation counts as no drift); at start-up (no previous view) nothing.
   */
  private void emitDriftChange(PortfolioView previous, PortfolioView next) {
    if (previous == null || next.reconciliation().isEmpty()) {
      return;
    }
    Reconciliation now = next.reconciliation().get();
    boolean before = previous.reconciliation().map(Reconciliation::driftFlag).orElse(false);
    if (now.driftFlag() != before) {
      DriftChange change = new DriftChange(now.at(), now.driftFlag(), now.status());
      driftListeners.forEach(listener -> listener.accept(change));
    }
  }

  /**
   * Feeds {@code next}'s margin figures to the alert ladder, in a served account ({@link
   * #initialize}) of a region with margin, when it has open margin positions or an alert is
   * standing (closing every position restores it), and {@link #raise raises} the event it finds.
   */
  private void watchMargin(PortfolioView next) {
    if (!watching || !config.kraken().region().hasMargin()) {
      return;
    }
    if (marginWatch.isEmpty()) {
      marginWatch = Optional.of(MarginWatch.resume(store));
    }
    MarginWatch watch = marginWatch.get();
    if (next.valuation().marginPositions().isEmpty() && !watch.standing()) {
      return;
    }
    watch.observe(next.asOf(), queries.apply(next).getMargin()).ifPresent(this::raise);
  }

  /**
   * Logs one {@code TRADE_CLOSED} line (with {@code fee_paid}, {@code funding_paid} and {@code
   * realized_pnl}) for each margin trade that closed since the last view; at start-up nothing,
   * since earlier runs logged those ({@link ClosedTrades}).
   */
  private void logClosedTrades(PortfolioView next) {
    for (TradeLifecycle trade : closedTrades.since(next.books())) {
      TRADES.logp(
          java.util.logging.Level.INFO,
          PortfolioWriter.class.getName(),
          "logClosedTrades",
          trade.closedLine());
    }
  }

  /**
   * Emits and logs an {@link ExternalActivity} when manual trades or external flows among {@code
   * added}, dated after the drift baseline, moved the portfolio by more than the threshold ({@link
   * ExternalActivityCheck}).
   */
  private void detectExternalActivity(
      PortfolioView before, PortfolioView after, List<LedgerEvent> added) {
    Optional<Instant> baseline =
        Marks.of(store).get(Mark.DRIFT_BASELINE).map(DriftBaseline::parse).map(DriftBaseline::at);
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
