package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.books.DataIssue;
import io.tally.engine.LiveBooks;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.sync.QuietBalances;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.FlowKind;
import io.tally.margin.MarginTerms;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.DriftBaseline;
import io.tally.reconcile.ExchangeMargin;
import io.tally.reconcile.FlowAdjustedDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.reconcile.MarginCheck;
import io.tally.reconcile.MarginFigureCheck;
import io.tally.reconcile.MarginTolerance;
import io.tally.reconcile.PositionSizeCheck;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoreException;
import io.tally.valuation.AccountMargin;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles the live books with Kraken (ACCOUNTING.md §7, docs/RECONCILIATION.md): the ledger
 * check, the live check against balances taken at a quiet moment, adjustment events when {@code
 * reconciliation.auto_update} is on, flow-adjusted drift from the stored baseline, and the last
 * result saved and restored across restarts. The service calls it under its write lock.
 *
 * <p>Example: {@code reconciler.reconcile(live, Optional.of(summary.balances()), previous)} is
 * {@code ok} when the books match {@code BalanceEx} within the tolerance. Not thread-safe: one
 * writer at a time.
 */
final class Reconciler {

  /** How many flows a reconciliation lists as the recent ones explaining drift. */
  static final int RECENT_FLOWS = 10;

  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

  private final PortfolioStore store;
  private final TallyConfig config;
  private final Clock clock;
  private final StoredEvents events;

  Reconciler(PortfolioStore store, TallyConfig config, Clock clock, StoredEvents events) {
    this.store = requireNonNull(store, "store");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.events = requireNonNull(events, "events");
  }

  /**
   * The last comparison the store kept, as {@link ReconciliationStatus#STALE}: the status until
   * this process compares (docs/RECONCILIATION.md "Start-up"). A stored reconciliation that cannot
   * be read is logged and left out: the books are still served, {@code unchecked}.
   */
  Optional<Reconciliation> restore(LiveBooks live) {
    try {
      return store
          .latestComparison()
          .map(
              stored ->
                  LastReconciliation.stale(
                      stored,
                      LedgerCheck.firstDivergence(LedgerCheck.storedIssues(Marks.of(store))),
                      events.cashFlows(
                          Optional.empty(), RECENT_FLOWS, live.prices(), live.importId())));
    } catch (StoreException | IllegalArgumentException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "The last reconciliation could not be restored, so the status is unchecked: "
              + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The reconciliation of the live books: with {@code balances} taken at a quiet moment (the books
   * must hold the store's ledger as of that moment), the live check; with balances that found no
   * quiet moment, {@code previous} comparison kept; without Kraken, the ledger check alone (or the
   * restored comparison, still stale). Every result but a stale one is saved in the store.
   */
  Reconciliation reconcile(
      LiveBooks live, Optional<QuietBalances> balances, Optional<Reconciliation> previous) {
    Instant now = clock.instant();
    List<DataIssue> ledgerIssues = LedgerCheck.storedIssues(Marks.of(store));
    ReconciliationStatus status = ReconciliationStatus.UNCHECKED;
    Optional<LiveCheck> check = Optional.empty();
    Optional<FlowAdjustedDrift> drift = Optional.empty();
    Optional<MarginCheck> margin = Optional.empty();
    List<String> booked = new ArrayList<>();
    if (balances.isPresent() && !balances.get().found()) {
      // Nothing was compared: the drift flag and its detail stay those of the last comparison.
      status = ReconciliationStatus.NO_QUIET_MOMENT;
      check = previous.flatMap(Reconciliation::live);
      drift = previous.flatMap(Reconciliation::drift);
      margin = previous.flatMap(Reconciliation::margin);
      LOG.log(
          System.Logger.Level.INFO,
          "No quiet moment: ledger rows kept arriving through "
              + balances.get().tries()
              + " tries, so the books were not compared with Kraken's balances; the drift flag"
              + " stays "
              + previous.map(Reconciliation::driftFlag).orElse(false));
    } else if (balances.isPresent()) {
      Map<Asset, BigDecimal> exchange = balances.get().balances().orElseThrow();
      BigDecimal tolerance = config.reconciliation().tolerance();
      LiveCheck liveCheck = LiveCheck.of(live.state(), exchange, live.prices(), now, tolerance);
      if (liveCheck.driftFlag() && config.reconciliation().autoUpdate()) {
        booked = bookAdjustments(live, liveCheck, now);
        liveCheck = LiveCheck.of(live.state(), exchange, live.prices(), now, tolerance);
      }
      if (liveCheck.driftFlag()) {
        LOG.log(System.Logger.Level.WARNING, driftWarning(liveCheck));
      }
      margin = balances.get().margin().map(figures -> marginCheck(live, figures, tolerance, now));
      if (margin.map(MarginCheck::driftFlag).orElse(false)) {
        LOG.log(System.Logger.Level.WARNING, marginWarning(margin.get()));
      }
      boolean drifted = liveCheck.driftFlag() || margin.map(MarginCheck::driftFlag).orElse(false);
      status = drifted ? ReconciliationStatus.DRIFT : ReconciliationStatus.OK;
      check = Optional.of(liveCheck);
      drift = Optional.of(flowAdjusted(live, liveCheck, now));
    }
    Optional<Reconciliation> stale = previous.filter(r -> r.status() == ReconciliationStatus.STALE);
    if (balances.isEmpty() && stale.isPresent()) {
      // Without Kraken nothing is compared: the restored comparison stays the last known truth.
      status = ReconciliationStatus.STALE;
      check = stale.get().live();
      margin = stale.get().margin();
    }
    Reconciliation reconciliation =
        new Reconciliation(
            status == ReconciliationStatus.STALE ? stale.orElseThrow().at() : now,
            status,
            LedgerCheck.firstDivergence(ledgerIssues),
            check,
            drift,
            events.cashFlows(Optional.empty(), RECENT_FLOWS, live.prices(), live.importId()),
            booked,
            margin);
    if (status != ReconciliationStatus.STALE) {
      store.saveReconciliation(LastReconciliation.toStored(reconciliation));
    }
    return reconciliation;
  }

  /**
   * The books' margin figures and open positions against Kraken's, read at the quiet moment: the
   * figures in the base currency as {@code GET /portfolio/margin} answers them, within {@link
   * MarginTolerance#of the balances' tolerance and 0.5 %} of Kraken's.
   */
  private MarginCheck marginCheck(
      LiveBooks live, ExchangeMargin exchange, BigDecimal tolerance, Instant now) {
    PortfolioValuation valuation =
        Valuation.of(live.state(), live.prices(), now, config.portfolio().maxPriceAge());
    return MarginCheck.of(
        now,
        valuation,
        AccountMargin.of(
            valuation,
            config.margin().terms(valuation.books().config().base(), MarginTerms.NO_LEVERAGE_CAP)),
        exchange,
        MarginTolerance.of(tolerance));
  }

  private static String marginWarning(MarginCheck check) {
    StringBuilder text =
        new StringBuilder(
            "Drift: the books' margin differs from Kraken's TradeBalance/OpenPositions:");
    for (MarginFigureCheck figure : check.figures()) {
      if (figure.beyondTolerance()) {
        text.append(' ')
            .append(figure.figure().code())
            .append(" books ")
            .append(figure.internal().map(BigDecimal::toPlainString).orElse("none"))
            .append(" Kraken ")
            .append(figure.exchange().map(BigDecimal::toPlainString).orElse("none"))
            .append(';');
      }
    }
    for (PositionSizeCheck position : check.positions()) {
      if (position.beyondTolerance()) {
        text.append(' ')
            .append(position.pair().slashed())
            .append(" size books ")
            .append(position.internal().toPlainString())
            .append(" Kraken ")
            .append(position.exchange().toPlainString())
            .append(';');
      }
    }
    return text.toString();
  }

  /**
   * Books one adjustment per differing asset so the books hold what Kraken holds: visible, stored
   * and named {@code reconcile:<asset>:<time>}, never a silent overwrite.
   */
  private List<String> bookAdjustments(LiveBooks live, LiveCheck check, Instant now) {
    List<String> ids = new ArrayList<>();
    List<EventRecord> adjustments = new ArrayList<>();
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
      adjustments.add(
          EventRecord.of(adjustment.id().value(), adjustment.at(), EventText.format(adjustment)));
    }
    store.commit(
        new ImportBatch(
            List.of(), adjustments, List.of(), Map.of(), "reconciliation adjustments at " + now));
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
  private FlowAdjustedDrift flowAdjusted(LiveBooks live, LiveCheck check, Instant now) {
    BookState books = live.state();
    PortfolioValuation valuation =
        Valuation.of(books, live.prices(), now, config.portfolio().maxPriceAge());
    BigDecimal exchangeEquity = valuation.equity().add(check.totalDifferenceBase());
    BigDecimal pnl = books.realizedTotal().add(valuation.unrealized());
    BigDecimal flows = books.flows().net();
    Optional<DriftBaseline> stored =
        Marks.of(store).get(Mark.DRIFT_BASELINE).map(DriftBaseline::parse);
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
              Map.of(Mark.DRIFT_BASELINE.key(), drift.baseline().toText()),
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
}
