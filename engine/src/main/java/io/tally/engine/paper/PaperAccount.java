package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.LedgerEvent;
import io.tally.margin.CarryCharge;
import io.tally.margin.CarryKind;
import io.tally.margin.CollateralFlow;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginEvent;
import io.tally.margin.MarginFill;
import io.tally.margin.MarginPosition;
import io.tally.margin.MarginSummary;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A paper trading account (issue 12): orders matched by a {@link PaperExchange} against a {@link
 * MarketSource}, every fill, funding charge and deposit an event in the account's own log, folded
 * by the core's {@link io.tally.margin.MarginBook} — so a paper account has the same books, margin
 * figures and trade lifecycles as a live margin account.
 *
 * <p>Time is virtual: the account stands at {@link #now()}, orders are placed and canceled at that
 * instant, and only {@link #advanceTo(Instant)} moves it, matching resting orders against the
 * public trades in between, triggering stop-loss and take-profit orders, and charging funding at
 * every funding time passed ({@link FundingTerms}). The engine never sleeps and never reads a
 * clock: the same terms, market and calls give the same events, ids included.
 *
 * <p>Example:
 *
 * <pre>{@code
 * PaperAccount demo = PaperAccount.open(PaperTerms.of("demo"), market, t0); // deposits 10,000 USDT
 * demo.placeOrder(OrderRequest.market(Pair.parse("XBT/USDT"), Side.BUY, new BigDecimal("0.1")));
 * demo.advanceTo(t0.plus(Duration.ofHours(16)));
 * demo.summary().equity();
 * }</pre>
 *
 * <p>Thread-safe: every method is synchronized, so the account is one writer; what it returns is
 * immutable.
 */
public final class PaperAccount {

  private final PaperTerms terms;
  private final MarketSource market;
  private final PaperLedger ledger;
  private final PaperExchange exchange;
  private final Instant openedAt;
  private Instant now;

  private PaperAccount(PaperTerms terms, MarketSource market, Instant openedAt, Instant now) {
    this.terms = terms;
    this.market = market;
    this.ledger = new PaperLedger(terms);
    this.exchange = new PaperExchange(terms, market, ledger);
    this.openedAt = openedAt;
    this.now = now;
  }

  /**
   * Opens an account at {@code at}: its first event deposits the initial balance ({@code
   * <name>-D1}).
   */
  public static PaperAccount open(PaperTerms terms, MarketSource market, Instant at) {
    requireNonNull(terms, "terms");
    requireNonNull(market, "market");
    requireNonNull(at, "at");
    PaperAccount account = new PaperAccount(terms, market, at, at);
    account.ledger.apply(
        CollateralFlow.deposit(account.ledger.nextDepositId(), at, terms.initialBalance()));
    return account;
  }

  /**
   * Takes up an account that ran before, at {@code at}: {@code events} are its whole log (from its
   * store, as {@link PaperJournal#events} reads it back), and the next order is numbered after
   * {@code lastOrderNumber}. Orders that were working when it stopped are not in the log and do not
   * come back.
   *
   * @throws IllegalArgumentException when the log does not start with the opening deposit, or the
   *     margin model refuses one of its events
   */
  public static PaperAccount resume(
      PaperTerms terms,
      MarketSource market,
      List<MarginEvent> events,
      long lastOrderNumber,
      Instant at) {
    requireNonNull(events, "events");
    if (events.isEmpty() || !(events.get(0) instanceof CollateralFlow)) {
      throw new IllegalArgumentException(
          "a paper account's log starts with its opening deposit, but "
              + (events.isEmpty() ? "it is empty" : "it starts with " + events.get(0)));
    }
    Instant last = events.get(events.size() - 1).at();
    PaperAccount account =
        new PaperAccount(
            requireNonNull(terms, "terms"),
            requireNonNull(market, "market"),
            events.get(0).at(),
            at.isBefore(last) ? last : at);
    account.ledger.resume(events);
    account.exchange.resume(
        events.stream().filter(MarginFill.class::isInstance).map(MarginFill.class::cast).toList(),
        lastOrderNumber);
    return account;
  }

  /** The number of the latest order placed: the next is {@code <name>-O<this + 1>}. */
  public synchronized long lastOrderNumber() {
    return exchange.lastOrderNumber();
  }

  /** The account's name. */
  public String name() {
    return terms.name();
  }

  /** Its settings. */
  public PaperTerms terms() {
    return terms;
  }

  /** The asset it keeps its money in. */
  public Asset collateral() {
    return terms.collateral();
  }

  /** When it opened. */
  public Instant openedAt() {
    return openedAt;
  }

  /** The instant the account stands at: where orders are placed and canceled. */
  public synchronized Instant now() {
    return now;
  }

  /**
   * Places an order at {@link #now()}. A market order, a marketable limit and a stop whose trigger
   * the last price has already reached fill at once; the others wait for {@link #advanceTo}. An
   * order refused by the account (insufficient margin, a leverage other than its open position's,
   * no market price for a market order) comes back {@link OrderStatus#REJECTED} with the reason,
   * such as {@code EOrder:Insufficient margin: needs …}, and changes nothing else.
   *
   * @throws IllegalArgumentException naming the parameter when the pair is not quoted in the
   *     collateral ({@code pair XBTEUR is quoted in EUR, not in the collateral USDT}) or the
   *     leverage is above the pair's maximum ({@code leverage must be between 1 and 125 for
   *     XBTUSDT, got 200}); nothing is recorded
   */
  public synchronized PaperOrder placeOrder(OrderRequest request) {
    return exchange.place(requireNonNull(request, "request"), now);
  }

  /**
   * Cancels an order at {@link #now()}: a working order becomes {@link OrderStatus#CANCELED} and
   * keeps whatever filled; no event is written, so nothing filled changes nothing. A finished order
   * comes back as it stands.
   *
   * @throws PaperOrderNotFoundException for an id this account does not list
   */
  public synchronized PaperOrder cancelOrder(String orderId) {
    return exchange.cancel(requireNonNull(orderId, "orderId"), now);
  }

  /** The orders listed: all working ones and the latest finished ones, in the order placed. */
  public synchronized List<PaperOrder> orders() {
    return exchange.orders();
  }

  /** The orders that can still fill, in the order placed. */
  public synchronized List<PaperOrder> openOrders() {
    return exchange.workingOrders();
  }

  /** The order with this id, if listed. */
  public synchronized Optional<PaperOrder> findOrder(String orderId) {
    return exchange.findOrder(orderId);
  }

  /**
   * The order with this id.
   *
   * @throws PaperOrderNotFoundException for an id this account does not list
   */
  public synchronized PaperOrder order(String orderId) {
    return findOrder(orderId).orElseThrow(() -> new PaperOrderNotFoundException(orderId));
  }

  /**
   * Moves the account's time to {@code until}, doing in time order what happened in between: each
   * public trade after {@link #now()} and at or before {@code until} on a pair with working orders
   * fills resting limits through its price and triggers the stops it reaches; at each funding time
   * passed, the open positions above leverage 1 are charged (after the trades at that instant);
   * last, stops are triggered on the quotes' last prices at {@code until}.
   *
   * @return the events this produced, in order (empty if none)
   * @throws IllegalArgumentException when {@code until} is before {@link #now()}
   */
  public synchronized List<MarginEvent> advanceTo(Instant until) {
    requireNonNull(until, "until");
    if (until.isBefore(now)) {
      throw new IllegalArgumentException("until " + until + " is before the account's time " + now);
    }
    int first = ledger.size();
    List<PublicTrade> tape = new ArrayList<>();
    for (Pair pair : exchange.workingPairs()) {
      tape.addAll(market.trades(pair, now, until));
    }
    // A stable sort keeps each pair's own order; pairs are fetched in a fixed (sorted) order.
    tape.sort(Comparator.comparing(PublicTrade::at));
    int next = 0;
    for (Instant funding = terms.funding().nextAfter(now);
        !funding.isAfter(until);
        funding = terms.funding().nextAfter(funding)) {
      while (next < tape.size() && !tape.get(next).at().isAfter(funding)) {
        exchange.onTrade(tape.get(next++));
      }
      chargeFunding(funding);
    }
    while (next < tape.size()) {
      exchange.onTrade(tape.get(next++));
    }
    exchange.onQuotes(until);
    now = until;
    return ledger.eventsFrom(first);
  }

  /**
   * The account folded from its events, at its own marks (the last fill per pair); after {@link
   * #forgetStoredEvents()}, without the trades closed before it.
   */
  public synchronized MarginAccount account() {
    return ledger.account();
  }

  /** The positions open now, without copying the account's closed trades. */
  public synchronized List<MarginPosition> openPositions() {
    return ledger.standing().openPositions();
  }

  /**
   * The account's figures with its open positions at the market's last prices at {@link #now()}.
   */
  public synchronized MarginSummary summary() {
    return exchange.summaryAt(ledger.standing(), now);
  }

  /**
   * Every event the account produced, in order: the initial deposit, fills, funding. This is its
   * own event log: until it forgets any ({@link #forgetStoredEvents()}), {@code
   * MarginBook.replay(terms().margin(), events())} equals {@link #account()}; after, the events it
   * forgot are left out.
   */
  public synchronized List<MarginEvent> events() {
    return ledger.eventsFrom(ledger.firstHeld());
  }

  /**
   * The events from position {@code index} of the log on (what a store has not saved yet).
   *
   * @throws IllegalArgumentException when {@code index} is past the log, or before its first event
   *     held ({@link #forgetStoredEvents()})
   */
  public synchronized List<MarginEvent> eventsFrom(int index) {
    if (index < ledger.firstHeld() || index > ledger.size()) {
      throw new IllegalArgumentException(
          "index must be between "
              + ledger.firstHeld()
              + " and "
              + ledger.size()
              + ", got "
              + index);
    }
    return ledger.eventsFrom(index);
  }

  /**
   * Drops from memory the events whose ledger entries {@link #takeLedgerEntries()} has handed to a
   * store, and the closed trades: a desk whose store holds the log (and whose books keep every
   * trade) calls it after each commit, so that an account taking orders for days does not also hold
   * every fill and trade it made (docs/BENCHMARKS.md §21). Its positions, collateral, open trades,
   * orders and ids are unchanged; {@link #events()} is shorter and {@link #account()} lists only
   * the trades open then and opened since.
   */
  public synchronized void forgetStoredEvents() {
    ledger.forgetTaken();
  }

  /**
   * The ledger entries ({@link PaperJournal}) of the events since the last call, in order, for the
   * store: each event's once. An account taken up by {@link #resume} starts with none (its entries
   * are in the store).
   */
  public synchronized List<LedgerEvent> takeLedgerEntries() {
    return ledger.takeEntries();
  }

  private void chargeFunding(Instant at) {
    BigDecimal rate = terms.funding().ratePerPeriod();
    if (rate.signum() == 0) {
      return;
    }
    MarginAccount account = ledger.standing();
    for (MarginPosition position : account.openPositions()) {
      if (position.leverage() <= 1) {
        continue;
      }
      BigDecimal last =
          market
              .quote(position.pair(), at)
              .map(MarketQuote::last)
              .orElse(account.marks().get(position.pair()));
      // Signed size: a long pays a positive rate, a short receives it.
      BigDecimal amount = Precision.money(position.size().multiply(last).multiply(rate));
      if (amount.signum() != 0) {
        ledger.apply(
            new CarryCharge(ledger.nextChargeId(), at, position.pair(), CarryKind.FUNDING, amount));
      }
    }
  }
}
