package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.engine.Mark;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.KrakenException;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.margin.MarginEvent;
import io.tally.margin.MarginFill;
import io.tally.margin.MarginPosition;
import io.tally.money.Pair;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A paper account at work: its {@link PaperAccount} on a {@link KrakenMarket}, its own store, and
 * the {@link PortfolioService} that keeps its books, so it has the same books, margin figures,
 * snapshots and dashboard as a live account ({@code tally paper}, {@code POST
 * /api/v1/paper/orders}).
 *
 * <p>Every call moves the account to the clock's now first (matching resting orders against the
 * trades fetched so far, charging funding that fell due), then does its work. Whatever that added
 * to the account's log is written to the store in one commit before the call returns, as the ledger
 * entries {@link PaperJournal} makes, with the market's last price of each pair held, and the books
 * are refreshed: an order's answer is never ahead of the books. A market order fetches its pair's
 * quote first unless one was fetched in the last {@link #QUOTE_MAX_AGE}; {@link #tick()}, on a
 * schedule, fetches the quotes and trades of every pair held or ordered and does the rest.
 *
 * <p>A desk opened on a store that already holds the account's log takes it up ({@link
 * PaperAccount#resume}); order ids go on from the last one; orders that were working when it
 * stopped do not come back, and {@link #open} says which they were.
 *
 * <p>Example: {@code PaperDesk desk = PaperDesk.open(terms, store, service, market, clock,
 * System.err::println); desk.place(OrderRequest.market(XBTUSD, Side.BUY, new BigDecimal("0.1")));}.
 * Thread-safe: calls are serialised.
 */
public final class PaperDesk {

  /** How old a quote a market order may fill at before the desk fetches a new one. */
  public static final Duration QUOTE_MAX_AGE = Duration.ofSeconds(1);

  /** How often a held pair's price is written even when it did not move. */
  static final Duration PRICE_REFRESH = Duration.ofMinutes(1);

  private static final System.Logger LOG = System.getLogger(PaperDesk.class.getName());

  private final PaperAccount account;
  private final PaperJournal journal;
  private final PortfolioStore store;
  private final PortfolioService service;
  private final KrakenMarket market;
  private final Clock clock;
  private final Map<Pair, StoredPrice> pricesWritten = new HashMap<>();
  private int written;

  private PaperDesk(
      PaperAccount account,
      PaperJournal journal,
      int written,
      PortfolioStore store,
      PortfolioService service,
      KrakenMarket market,
      Clock clock) {
    this.account = account;
    this.journal = journal;
    this.written = written;
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
      KrakenMarket market,
      Clock clock,
      Consumer<String> progress) {
    requireNonNull(terms, "terms");
    requireNonNull(store, "store");
    requireNonNull(progress, "progress");
    Instant now = clock.instant();
    List<LedgerEvent> stored =
        store.events().stream().map(record -> EventText.parse(record.line())).toList();
    PaperJournal journal = new PaperJournal(terms.margin());
    if (stored.isEmpty()) {
      PaperAccount account = PaperAccount.open(terms, market, now);
      PaperDesk desk = new PaperDesk(account, journal, 0, store, service, market, clock);
      desk.write();
      progress.accept(
          "paper account "
              + terms.name()
              + " opened with "
              + terms.initialBalance().toPlainString()
              + " "
              + terms.collateral());
      return desk;
    }
    List<MarginEvent> events;
    try {
      events = PaperJournal.events(stored);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          store + " does not hold a paper account's books: " + e.getMessage(), e);
    }
    requireOwn(terms, store, stored);
    OrderNumbers numbers =
        OrderNumbers.parse(Optional.ofNullable(store.marks().get(Mark.PAPER_ORDERS.key())));
    PaperAccount account = PaperAccount.resume(terms, market, events, numbers.last(), now);
    events.forEach(event -> journal.entries(event, Trade.MANUAL));
    PaperDesk desk = new PaperDesk(account, journal, events.size(), store, service, market, clock);
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

  /** The account's name. */
  public String name() {
    return account.name();
  }

  /** The account, for its figures; its orders go through this desk. */
  public PaperAccount account() {
    return account;
  }

  /**
   * Places an order at the clock's now and writes what it filled.
   *
   * @throws IllegalArgumentException naming the parameter when the account refuses the request (see
   *     {@link PaperAccount#placeOrder}); nothing is written
   */
  public synchronized PaperOrder place(OrderRequest request) {
    requireNonNull(request, "request");
    Instant now = clock.instant();
    if (market
        .quotedAt(request.pair())
        .map(at -> at.isBefore(now.minus(QUOTE_MAX_AGE)))
        .orElse(true)) {
      fetch(List.of(request.pair()), List.of());
    }
    if (request.type() != OrderType.MARKET) {
      market.watch(request.pair());
    }
    account.advanceTo(later(now));
    PaperOrder order = account.placeOrder(request);
    write();
    return order;
  }

  /**
   * Cancels a working order at the clock's now (what filled stays filled).
   *
   * @throws PaperOrderNotFoundException for an id the account does not list
   */
  public synchronized PaperOrder cancel(String orderId) {
    requireNonNull(orderId, "orderId");
    account.advanceTo(later(clock.instant()));
    PaperOrder order = account.cancelOrder(orderId);
    write();
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
  public synchronized void tick() {
    Set<Pair> held = new LinkedHashSet<>();
    account.account().openPositions().forEach(position -> held.add(position.pair()));
    Set<Pair> ordered = new LinkedHashSet<>();
    account.openOrders().forEach(order -> ordered.add(order.pair()));
    Set<Pair> quoted = new LinkedHashSet<>(held);
    quoted.addAll(ordered);
    fetch(quoted, ordered);
    account.advanceTo(later(clock.instant()));
    write();
  }

  private void fetch(List<Pair> quoted, List<Pair> taped) {
    fetch(Set.copyOf(quoted), Set.copyOf(taped));
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
   * Writes the account's events not yet in the store, the prices of the pairs it holds and its
   * order numbers, in one commit, and refreshes the books.
   */
  private void write() {
    List<MarginEvent> events = account.eventsFrom(written);
    Map<EventId, String> strategies = strategies(events);
    List<EventRecord> records = new ArrayList<>();
    for (MarginEvent event : events) {
      for (LedgerEvent entry :
          journal.entries(event, strategies.getOrDefault(event.id(), Trade.MANUAL))) {
        records.add(EventRecord.of(entry.id().value(), entry.at(), EventText.format(entry)));
      }
    }
    Map<Pair, StoredPrice> prices = prices();
    String orderNumbers =
        new OrderNumbers(
                account.lastOrderNumber(),
                account.openOrders().stream().map(PaperOrder::id).toList())
            .text();
    if (records.isEmpty()
        && prices.isEmpty()
        && orderNumbers.equals(store.marks().get(Mark.PAPER_ORDERS.key()))) {
      return;
    }
    store.commit(
        new ImportBatch(
            List.of(),
            records,
            List.copyOf(prices.values()),
            Map.of(
                Mark.PRICES_BASE.key(),
                account.collateral().code(),
                Mark.PAPER_ORDERS.key(),
                orderNumbers),
            "paper " + account.name() + ": " + events.size() + " events"));
    written += events.size();
    pricesWritten.putAll(prices);
    service.refresh();
  }

  /** The strategy of each fill among {@code events}: its order's, else none ({@code manual}). */
  private Map<EventId, String> strategies(List<MarginEvent> events) {
    Set<EventId> fills =
        events.stream()
            .filter(MarginFill.class::isInstance)
            .map(MarginEvent::id)
            .collect(Collectors.toSet());
    Map<EventId, String> strategies = new HashMap<>();
    if (fills.isEmpty()) {
      return strategies;
    }
    for (PaperOrder order : account.orders()) {
      for (EventId fill : order.fills()) {
        if (fills.contains(fill)) {
          strategies.put(fill, order.request().strategy().orElse(Trade.MANUAL));
        }
      }
    }
    return strategies;
  }

  /**
   * The last price of each pair held, where it moved since last written or was written longer than
   * {@link #PRICE_REFRESH} ago: what values the open positions.
   */
  private Map<Pair, StoredPrice> prices() {
    Map<Pair, StoredPrice> prices = new HashMap<>();
    Instant now = account.now();
    for (MarginPosition position : account.account().openPositions()) {
      Optional<MarketQuote> quote = market.quote(position.pair(), now);
      if (quote.isEmpty()) {
        continue;
      }
      StoredPrice before = pricesWritten.get(position.pair());
      String last = quote.get().last().toPlainString();
      if (before != null
          && before.price().equals(last)
          && before.at().isAfter(now.minus(PRICE_REFRESH))) {
        continue;
      }
      prices.put(
          position.pair(),
          new StoredPrice(
              position.pair().base().code(),
              now,
              last,
              "paper:" + KrakenMarket.krakenName(position.pair())));
    }
    return prices;
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

  /** The latest order number and the orders working, as the {@link Mark#PAPER_ORDERS} mark. */
  private record OrderNumbers(long last, List<String> working) {

    static OrderNumbers parse(Optional<String> text) {
      if (text.isEmpty()) {
        return new OrderNumbers(0, List.of());
      }
      String[] parts = text.get().split(" ", 2);
      List<String> working =
          parts.length < 2 || parts[1].equals("working=")
              ? List.of()
              : List.of(parts[1].substring("working=".length()).split(","));
      return new OrderNumbers(Long.parseLong(parts[0]), working);
    }

    String text() {
      return last + " working=" + String.join(",", working);
    }
  }
}
