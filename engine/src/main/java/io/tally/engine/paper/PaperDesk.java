package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.engine.Mark;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.KrakenException;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Side;
import io.tally.margin.MarginEvent;
import io.tally.money.Pair;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.store.PortfolioStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A paper account at work: its {@link PaperAccount} on a {@link MarketFeed}, its own store, and the
 * {@link PortfolioService} that keeps its books, so it has the same books, margin figures,
 * snapshots and dashboard as a live account ({@code tally paper}, {@code POST
 * /api/v1/paper/orders}).
 *
 * <p>Every call moves the account to the clock's now first (matching resting orders against the
 * trades fetched so far, charging funding that fell due), then does its work. Whatever that added
 * to the account's log is in the store before the call returns, as the ledger entries {@link
 * PaperJournal} makes, with the market's last price of each pair held, and the books are refreshed:
 * an order's answer is never ahead of the books. Calls that arrive while a commit is being made
 * share the next one (a group commit: one commit and one refresh for all of them, the books handed
 * the committed entries rather than reading them back; docs/BENCHMARKS.md §14 and §18 measure it).
 * A market order fetches its pair's quote first unless one was fetched in the last {@link
 * #QUOTE_MAX_AGE}; {@link #tick()}, on a schedule, fetches the quotes and trades of every pair held
 * or ordered and does the rest.
 *
 * <p>When the books raise {@code MARGIN_CRITICAL} (margin level under 110 %), the desk closes the
 * position the event names, the most losing one, with a market order tagged {@value #LIQUIDATION}
 * (a live account's event only names it).
 *
 * <p>A desk opened on a store that already holds the account's log takes it up ({@link
 * PaperAccount#resume}); order ids go on from the last one; orders that were working when it
 * stopped do not come back, and {@link #open} says which they were.
 *
 * <p>Example: {@code PaperDesk desk = PaperDesk.open(terms, store, service, market, clock,
 * System.err::println); desk.place(OrderRequest.market(XBTUSD, Side.BUY, new BigDecimal("0.1")));}.
 * Thread-safe: changes to the account are serialised, and their commits grouped.
 */
public final class PaperDesk {

  /** How old a quote a market order may fill at before the desk fetches a new one. */
  public static final Duration QUOTE_MAX_AGE = Duration.ofSeconds(1);

  /** The strategy tag of the orders that close a position after {@code MARGIN_CRITICAL}. */
  public static final String LIQUIDATION = "margin_critical";

  private static final System.Logger LOG = System.getLogger(PaperDesk.class.getName());

  private final PaperAccount account;
  private final PaperBatches batches;
  private final PortfolioStore store;
  private final PortfolioService service;
  private final MarketFeed market;
  private final Clock clock;
  private final Object commits = new Object();

  /** Where the closes after {@code MARGIN_CRITICAL} run: one at a time, off the books' thread. */
  private final ExecutorService liquidator =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "tally-paper-liquidation");
            thread.setDaemon(true);
            return thread;
          });

  /** Changes made to the account: places, cancels, ticks (under the desk's lock). */
  private long changes;

  /** The latest change in the store (under {@link #commits}). */
  private long committed;

  /** Why the store failed a commit, once it has (under {@link #commits}). */
  private Optional<String> failure = Optional.empty();

  private PaperDesk(
      PaperAccount account,
      PaperBatches batches,
      PortfolioStore store,
      PortfolioService service,
      MarketFeed market,
      Clock clock) {
    this.account = account;
    this.batches = batches;
    this.store = store;
    this.service = service;
    this.market = market;
    this.clock = clock;
  }

  /**
   * Opens the paper account {@code terms} name in {@code store}: a new one deposits its initial
   * balance; one the store already holds is taken up from its log. {@code service} keeps the books
   * of the same store; {@code progress} hears what happened.
   *
   * @throws IllegalArgumentException when the store holds events a paper account does not write, or
   *     the account of another collateral or name
   */
  public static PaperDesk open(
      PaperTerms terms,
      PortfolioStore store,
      PortfolioService service,
      MarketFeed market,
      Clock clock,
      Consumer<String> progress) {
    requireNonNull(terms, "terms");
    requireNonNull(store, "store");
    requireNonNull(progress, "progress");
    List<LedgerEvent> stored =
        store.events().stream().map(record -> EventText.parse(record.line())).toList();
    PaperDesk desk =
        stored.isEmpty()
            ? opened(terms, store, service, market, clock, progress)
            : takenUp(terms, stored, store, service, market, clock, progress);
    service.onRiskEvent(desk::onRiskEvent);
    return desk;
  }

  /** A new account: its opening deposit written. */
  private static PaperDesk opened(
      PaperTerms terms,
      PortfolioStore store,
      PortfolioService service,
      MarketFeed market,
      Clock clock,
      Consumer<String> progress) {
    PaperAccount account = PaperAccount.open(terms, market, clock.instant());
    PaperDesk desk =
        new PaperDesk(
            account,
            new PaperBatches(PaperOrderNumbers.parse(Optional.empty())),
            store,
            service,
            market,
            clock);
    desk.flush(++desk.changes);
    progress.accept(
        "paper account "
            + terms.name()
            + " opened with "
            + terms.initialBalance().toPlainString()
            + " "
            + terms.collateral());
    return desk;
  }

  /** An account the store holds: its log, {@code stored}, read back and replayed. */
  private static PaperDesk takenUp(
      PaperTerms terms,
      List<LedgerEvent> stored,
      PortfolioStore store,
      PortfolioService service,
      MarketFeed market,
      Clock clock,
      Consumer<String> progress) {
    List<MarginEvent> events;
    try {
      events = PaperJournal.events(stored);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          store + " does not hold a paper account's books: " + e.getMessage(), e);
    }
    requireOwn(terms, store, stored);
    PaperOrderNumbers numbers =
        PaperOrderNumbers.parse(Optional.ofNullable(store.marks().get(Mark.PAPER_ORDERS.key())));
    PaperAccount account =
        PaperAccount.resume(terms, market, events, numbers.last(), clock.instant());
    PaperDesk desk =
        new PaperDesk(account, new PaperBatches(numbers), store, service, market, clock);
    progress.accept(
        "paper account "
            + terms.name()
            + " taken up from "
            + events.size()
            + " events"
            + (numbers.working().isEmpty()
                ? ""
                : "; orders working when it stopped are not restored: "
                    + String.join(", ", numbers.working())));
    return desk;
  }

  /**
   * On {@code MARGIN_CRITICAL}, closes the position the event names as the one to reduce (the most
   * losing) with a market order, on the desk's own thread: the event comes on the books' writing
   * thread, which must not wait for this desk's commit.
   */
  void onRiskEvent(RiskEvent event) {
    if (event.type() != RiskEventType.MARGIN_CRITICAL || event.suggestedAction().isEmpty()) {
      return;
    }
    Pair pair = event.suggestedAction().get().pair();
    liquidator.execute(() -> closeAfterCritical(pair, event));
  }

  /**
   * Closes the open position on {@code pair} at market, if still open: what a paper account does on
   * {@code MARGIN_CRITICAL}, as an exchange's liquidation engine would.
   *
   * @return the closing order, empty when the position was already flat
   */
  Optional<PaperOrder> closeAfterCritical(Pair pair, RiskEvent event) {
    Optional<OrderRequest> closing;
    synchronized (this) {
      closing =
          account.openPositions().stream()
              .filter(position -> position.pair().equals(pair))
              .findFirst()
              .map(
                  position ->
                      OrderRequest.market(
                              pair,
                              position.size().signum() > 0 ? Side.SELL : Side.BUY,
                              position.quantity())
                          .withLeverage(position.leverage())
                          .withStrategy(LIQUIDATION));
    }
    if (closing.isEmpty()) {
      return Optional.empty();
    }
    PaperOrder order = place(closing.get());
    LOG.log(
        System.Logger.Level.WARNING,
        "paper account "
            + account.name()
            + ": "
            + event.line()
            + " -> closed "
            + pair.slashed()
            + " at market: "
            + order.id()
            + " "
            + order.status().code());
    return Optional.of(order);
  }

  /** The account's name. */
  public String name() {
    return account.name();
  }

  /** The account, for its figures; its orders go through this desk. */
  public PaperAccount account() {
    return account;
  }

  /**
   * Places an order at the clock's now and returns once what it filled is in the store.
   *
   * @throws IllegalArgumentException naming the parameter when the account refuses the request (see
   *     {@link PaperAccount#placeOrder}); nothing is written
   */
  public PaperOrder place(OrderRequest request) {
    requireNonNull(request, "request");
    Instant now = clock.instant();
    if (market
        .quotedAt(request.pair())
        .map(at -> at.isBefore(now.minus(QUOTE_MAX_AGE)))
        .orElse(true)) {
      fetch(Set.of(request.pair()), Set.of());
    }
    if (request.type() != OrderType.MARKET) {
      market.watch(request.pair());
    }
    PaperOrder order;
    long change;
    synchronized (this) {
      account.advanceTo(later(now));
      order = account.placeOrder(request);
      change = ++changes;
    }
    flush(change);
    return order;
  }

  /**
   * Cancels a working order at the clock's now (what filled stays filled) and returns once that is
   * in the store.
   *
   * @throws PaperOrderNotFoundException for an id the account does not list
   */
  public PaperOrder cancel(String orderId) {
    requireNonNull(orderId, "orderId");
    PaperOrder order;
    long change;
    synchronized (this) {
      account.advanceTo(later(clock.instant()));
      order = account.cancelOrder(orderId);
      change = ++changes;
    }
    flush(change);
    return order;
  }

  /** The orders listed: all working ones and the latest finished ones, in the order placed. */
  public List<PaperOrder> orders() {
    return account.orders();
  }

  /**
   * The order with this id.
   *
   * @throws PaperOrderNotFoundException for an id the account does not list
   */
  public PaperOrder order(String orderId) {
    return account.order(orderId);
  }

  /**
   * Fetches the quotes of the pairs held or ordered and the trades of those with working orders,
   * moves the account to now (fills, triggers, funding) and writes what that added, with the prices
   * of the pairs held. A market that cannot be reached is logged and the account moves on what was
   * fetched before.
   */
  public void tick() {
    Set<Pair> quoted = new LinkedHashSet<>();
    Set<Pair> ordered = new LinkedHashSet<>();
    synchronized (this) {
      account.openPositions().forEach(position -> quoted.add(position.pair()));
      account.openOrders().forEach(order -> ordered.add(order.pair()));
    }
    quoted.addAll(ordered);
    fetch(quoted, ordered);
    long change;
    synchronized (this) {
      account.advanceTo(later(clock.instant()));
      change = ++changes;
    }
    flush(change);
  }

  private void fetch(Set<Pair> quoted, Set<Pair> taped) {
    try {
      market.refresh(quoted, taped);
    } catch (KrakenException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "paper account " + account.name() + ": market not refreshed: " + e.getMessage());
    }
  }

  /** {@code now}, or the account's own time when the clock is behind it. */
  private Instant later(Instant now) {
    Instant own = account.now();
    return now.isBefore(own) ? own : now;
  }

  /**
   * Returns once every change up to {@code change} is in the store, committing what is pending when
   * no other call has: a group commit, so that calls arriving while one commits share the next
   * commit (one commit and one refresh of the books for all of them).
   *
   * @throws IllegalStateException when the store failed an earlier commit: the desk then takes no
   *     more work, since the account is ahead of its store
   */
  private void flush(long change) {
    synchronized (commits) {
      if (failure.isPresent()) {
        throw new IllegalStateException(
            "paper account " + account.name() + " stopped: its store failed: " + failure.get());
      }
      if (committed >= change) {
        return;
      }
      long upTo;
      Optional<PaperBatches.Batch> batch;
      synchronized (this) {
        upTo = changes;
        batch = batches.next(account, market);
      }
      try {
        if (batch.isPresent()) {
          // The books take the entries committed instead of reading them back.
          service.refresh(batch.get().committed(store.commitImport(batch.get().batch())));
          // The store holds the account's log now: the account need not.
          account.forgetStoredEvents();
        }
      } catch (RuntimeException e) {
        failure = Optional.of(e.getMessage());
        throw e;
      }
      committed = upTo;
    }
  }

  /** Refuses a store that holds another paper account (another name or collateral). */
  private static void requireOwn(PaperTerms terms, PortfolioStore store, List<LedgerEvent> stored) {
    LedgerEvent opening = stored.get(0);
    boolean own =
        opening.id().value().startsWith(terms.name() + "-")
            && opening instanceof CashFlow deposit
            && deposit.amount().asset().equals(terms.collateral());
    if (!own) {
      throw new IllegalArgumentException(
          store
              + " holds another paper account, opened by "
              + EventText.format(opening)
              + ", not account "
              + terms.name()
              + " in "
              + terms.collateral());
    }
  }
}
