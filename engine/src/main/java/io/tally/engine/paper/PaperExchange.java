package io.tally.engine.paper;

import io.tally.ledger.Side;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginFill;
import io.tally.margin.MarginPosition;
import io.tally.margin.MarginSummary;
import io.tally.margin.MarginTerms;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The matching of one paper account's orders against a {@link MarketSource}; every fill becomes a
 * {@link MarginFill} in the account's {@link PaperLedger}.
 *
 * <ul>
 *   <li>A market order fills at once, whole, at the touch plus {@link SlippageModel slippage},
 *       paying the taker fee. A limit order marketable when placed (a buy at or above the ask, a
 *       sell at or below the bid) does the same, never beyond its limit.
 *   <li>A resting limit order fills against later public trades <em>through</em> its price (a buy
 *       against trades strictly below its limit, a sell strictly above), at its own price, paying
 *       the maker fee, at most the trade's volume; a trade at exactly the limit fills nothing, as
 *       the queue ahead of the order is unknown. One trade's volume serves the account's buys in
 *       price then time priority, and separately its sells.
 *   <li>A stop-loss or take-profit triggers when the last price reaches its trigger (a public trade
 *       or the quote's last; at once if the market is already there when placed) and then fills as
 *       a market order at that instant.
 *   <li>Placing an order that opens exposure needs free margin: {@code opening volume × price ÷
 *       leverage + the taker fee on the volume} must not exceed the free margin after the reserve
 *       ({@link MarginSummary#freeMarginAfterReserve()}, positions at the market's last prices)
 *       less what the open orders already hold ({@code their opening volume × price ÷ leverage});
 *       else it is rejected with {@code EOrder:Insufficient margin}. The part of an order that
 *       reduces the position needs no margin.
 * </ul>
 *
 * <p>Not thread-safe, no I/O of its own: {@link PaperAccount} serialises the calls.
 */
final class PaperExchange {

  private static final Duration FEE_VOLUME_WINDOW = Duration.ofDays(30);
  private static final BigDecimal ZERO_MONEY = Precision.money(BigDecimal.ZERO);

  private final PaperTerms terms;
  private final MarketSource market;
  private final PaperLedger ledger;
  private final Map<String, PaperOrder> orders = new LinkedHashMap<>();
  private final Set<String> working = new LinkedHashSet<>();
  private final ArrayDeque<String> finished = new ArrayDeque<>();
  private final ArrayDeque<Traded> feeWindow = new ArrayDeque<>();
  private BigDecimal feeWindowVolume = ZERO_MONEY;
  private long sequence;

  PaperExchange(PaperTerms terms, MarketSource market, PaperLedger ledger) {
    this.terms = terms;
    this.market = market;
    this.ledger = ledger;
  }

  /**
   * Takes up an account that starts again: {@code fills}, its fills so far, count towards the
   * 30-day volume of the fee tiers, and order ids go on after {@code lastOrderNumber}.
   */
  void resume(List<MarginFill> fills, long lastOrderNumber) {
    for (MarginFill fill : fills) {
      feeWindow.addLast(new Traded(fill.at(), fill.value()));
      feeWindowVolume = feeWindowVolume.add(fill.value());
    }
    sequence = lastOrderNumber;
  }

  /** The number of the latest order placed: the next is {@code <name>-O<this + 1>}. */
  long lastOrderNumber() {
    return sequence;
  }

  /** Every listed order, in the order placed: the working ones and the latest finished ones. */
  List<PaperOrder> orders() {
    return List.copyOf(orders.values());
  }

  /** The orders that can still fill, in the order placed. */
  List<PaperOrder> workingOrders() {
    return working.stream().map(orders::get).toList();
  }

  Optional<PaperOrder> findOrder(String id) {
    return Optional.ofNullable(orders.get(id));
  }

  /** The pairs that have resting or waiting orders, sorted. */
  Set<Pair> workingPairs() {
    Set<Pair> pairs = new TreeSet<>();
    working.forEach(id -> pairs.add(orders.get(id).pair()));
    return pairs;
  }

  /** The account's volume over the 30 days before {@code at} (exclusive), for the fee tier. */
  BigDecimal thirtyDayVolume(Instant at) {
    Instant from = at.minus(FEE_VOLUME_WINDOW);
    while (!feeWindow.isEmpty() && !feeWindow.peekFirst().at().isAfter(from)) {
      feeWindowVolume = feeWindowVolume.subtract(feeWindow.pollFirst().value());
    }
    return feeWindowVolume;
  }

  /**
   * Places an order at {@code now}: checks it, and fills it at once when it is a market order, a
   * marketable limit or a stop already triggered; else it rests.
   *
   * @throws IllegalArgumentException when the pair is not quoted in the collateral or the leverage
   *     is outside 1 to the pair's maximum (nothing is recorded)
   */
  PaperOrder place(OrderRequest request, Instant now) {
    MarginTerms margin = terms.margin();
    margin.requireQuotedInCollateral(request.pair());
    margin.requireLeverage(request.pair(), request.leverage());
    PaperOrder order = PaperOrder.accepted(terms.name() + "-O" + ++sequence, request, now);
    Optional<MarketQuote> quote = market.quote(request.pair(), now);
    Optional<String> refusal = refusal(order, quote, now);
    if (refusal.isPresent()) {
      PaperOrder rejected = order.rejected(refusal.get());
      orders.put(rejected.id(), rejected);
      finish(rejected);
      return rejected;
    }
    orders.put(order.id(), order);
    working.add(order.id());
    if (quote.isPresent() && executesAtOnce(order, quote.get())) {
      return fillAtTouch(order, quote.get(), now);
    }
    return order;
  }

  /**
   * Cancels a working order at {@code now}: it keeps what filled, and nothing else changes. A
   * finished order is returned as it stands (a cancel is idempotent).
   *
   * @throws PaperOrderNotFoundException for an id not listed
   */
  PaperOrder cancel(String id, Instant now) {
    PaperOrder order = orders.get(id);
    if (order == null) {
      throw new PaperOrderNotFoundException(id);
    }
    if (!order.status().isWorking()) {
      return order;
    }
    PaperOrder canceled = order.canceled(now, "canceled by request");
    orders.put(id, canceled);
    finish(canceled);
    return canceled;
  }

  /** Matches one public trade: resting limits through its price, then triggers it reaches. */
  void onTrade(PublicTrade trade) {
    List<PaperOrder> candidates =
        working.stream()
            .map(orders::get)
            .filter(order -> order.pair().equals(trade.pair()))
            .toList();
    fillLimits(candidates, Side.BUY, trade);
    fillLimits(candidates, Side.SELL, trade);
    for (PaperOrder candidate : candidates) {
      if (!working.contains(candidate.id())) {
        continue;
      }
      PaperOrder order = orders.get(candidate.id());
      if (order.type().isTriggered() && reached(order, trade.price())) {
        MarketQuote quote =
            market
                .quote(trade.pair(), trade.at())
                .orElse(MarketQuote.atLast(trade.pair(), trade.at(), trade.price()));
        fillAtTouch(order, quote, trade.at());
      }
    }
  }

  /** Triggers waiting stop-loss and take-profit orders on the quotes' last prices at {@code at}. */
  void onQuotes(Instant at) {
    for (PaperOrder order : workingOrders()) {
      if (!working.contains(order.id()) || !order.type().isTriggered()) {
        continue;
      }
      Optional<MarketQuote> quote = market.quote(order.pair(), at);
      if (quote.isPresent() && reached(order, quote.get().last())) {
        fillAtTouch(order, quote.get(), at);
      }
    }
  }

  /** The account's figures with its open positions at the market's last prices at {@code at}. */
  MarginSummary summaryAt(MarginAccount account, Instant at) {
    Map<Pair, BigDecimal> prices = new HashMap<>();
    for (MarginPosition position : account.openPositions()) {
      market
          .quote(position.pair(), at)
          .ifPresent(quote -> prices.put(position.pair(), quote.last()));
    }
    return account.summary(prices);
  }

  private void fillLimits(List<PaperOrder> candidates, Side side, PublicTrade trade) {
    Comparator<PaperOrder> byPrice = Comparator.comparing(order -> order.request().price().get());
    List<PaperOrder> through =
        candidates.stream()
            .filter(order -> order.type() == OrderType.LIMIT && order.side() == side)
            .filter(order -> through(order, trade.price()))
            .sorted(side == Side.BUY ? byPrice.reversed() : byPrice)
            .toList();
    BigDecimal available = trade.volume();
    for (PaperOrder candidate : through) {
      if (available.signum() == 0) {
        return;
      }
      if (!working.contains(candidate.id())) {
        continue;
      }
      PaperOrder order = orders.get(candidate.id());
      BigDecimal quantity = order.remainingVolume().min(available);
      available = available.subtract(quantity);
      fill(order, quantity, order.request().price().get(), Liquidity.MAKER, trade.at());
    }
  }

  private static boolean through(PaperOrder limit, BigDecimal tradePrice) {
    int comparison = tradePrice.compareTo(limit.request().price().get());
    return limit.side() == Side.BUY ? comparison < 0 : comparison > 0;
  }

  /** Whether the last price has reached a stop-loss's or take-profit's trigger. */
  private static boolean reached(PaperOrder order, BigDecimal last) {
    int comparison = last.compareTo(order.request().price().get());
    boolean sell = order.side() == Side.SELL;
    boolean fallsTo = comparison <= 0;
    boolean risesTo = comparison >= 0;
    if (order.type() == OrderType.STOP_LOSS) {
      return sell ? fallsTo : risesTo;
    }
    return sell ? risesTo : fallsTo;
  }

  private static boolean executesAtOnce(PaperOrder order, MarketQuote quote) {
    if (order.type() == OrderType.MARKET) {
      return true;
    }
    if (order.type() == OrderType.LIMIT) {
      BigDecimal limit = order.request().price().get();
      return order.side() == Side.BUY
          ? limit.compareTo(quote.ask()) >= 0
          : limit.compareTo(quote.bid()) <= 0;
    }
    return reached(order, quote.last());
  }

  /** Fills the rest of an order at the touch plus slippage (never beyond a limit's price). */
  private PaperOrder fillAtTouch(PaperOrder order, MarketQuote quote, Instant at) {
    BigDecimal touch = order.side() == Side.BUY ? quote.ask() : quote.bid();
    BigDecimal price = terms.slippage().fillPrice(order.side(), order.remainingVolume(), touch);
    if (order.type() == OrderType.LIMIT) {
      BigDecimal limit = order.request().price().get();
      price = order.side() == Side.BUY ? price.min(limit) : price.max(limit);
    }
    return fill(order, order.remainingVolume(), price, Liquidity.TAKER, at);
  }

  /** Books a fill of the order and returns the order after it (or canceled, see below). */
  private PaperOrder fill(
      PaperOrder order, BigDecimal quantity, BigDecimal price, Liquidity liquidity, Instant at) {
    Optional<String> conflict = leverageConflict(order, ledger.standing());
    if (conflict.isPresent()) {
      // The position changed since the order was placed: the book would refuse the fill.
      PaperOrder canceled = order.canceled(at, conflict.get());
      orders.put(order.id(), canceled);
      finish(canceled);
      return canceled;
    }
    BigDecimal value = Precision.valueOf(quantity, price);
    BigDecimal fee = terms.fees().fee(liquidity, value, thirtyDayVolume(at));
    MarginFill fill =
        new MarginFill(
            ledger.nextFillId(),
            at,
            order.pair(),
            order.side(),
            quantity,
            price,
            fee,
            order.request().leverage());
    ledger.apply(fill, order.request().strategy());
    BigDecimal traded = fill.value();
    feeWindow.addLast(new Traded(at, traded));
    feeWindowVolume = feeWindowVolume.add(traded);
    PaperOrder filled = order.filled(fill);
    orders.put(order.id(), filled);
    if (!filled.status().isWorking()) {
      finish(filled);
    }
    return filled;
  }

  private Optional<String> refusal(PaperOrder order, Optional<MarketQuote> quote, Instant now) {
    MarginAccount account = ledger.standing();
    Optional<String> conflict = leverageConflict(order, account);
    if (conflict.isPresent()) {
      return conflict;
    }
    if (order.type() == OrderType.MARKET && quote.isEmpty()) {
      return Optional.of("EOrder:No market price for " + order.pair() + " at " + now);
    }
    BigDecimal opening = opening(order, account);
    if (opening.signum() == 0) {
      return Optional.empty();
    }
    BigDecimal price = referencePrice(order, quote);
    BigDecimal needed =
        Precision.moneyQuotient(
                opening.multiply(price), BigDecimal.valueOf(order.request().leverage()))
            .add(
                terms
                    .fees()
                    .fee(
                        Liquidity.TAKER,
                        Precision.valueOf(order.volume(), price),
                        thirtyDayVolume(now)));
    BigDecimal held = ZERO_MONEY;
    for (PaperOrder other : workingOrders()) {
      held = held.add(held(other, account));
    }
    BigDecimal available = summaryAt(account, now).freeMarginAfterReserve().subtract(held);
    if (needed.compareTo(available) > 0) {
      return Optional.of(
          "EOrder:Insufficient margin: needs "
              + needed.toPlainString()
              + " "
              + terms.collateral()
              + " (initial margin and taker fee), "
              + available.toPlainString()
              + " "
              + terms.collateral()
              + " free after the reserve and open orders");
    }
    return Optional.empty();
  }

  /** The price margin is reserved at: the slipped touch of a market order, else its own price. */
  private BigDecimal referencePrice(PaperOrder order, Optional<MarketQuote> quote) {
    if (order.type() != OrderType.MARKET) {
      return order.request().price().get();
    }
    MarketQuote touch = quote.orElseThrow();
    return terms
        .slippage()
        .fillPrice(
            order.side(), order.volume(), order.side() == Side.BUY ? touch.ask() : touch.bid());
  }

  /** The margin a working order holds: its opening volume × price ÷ leverage. */
  private static BigDecimal held(PaperOrder order, MarginAccount account) {
    if (order.request().price().isEmpty()) {
      return Precision.money(BigDecimal.ZERO);
    }
    return Precision.moneyQuotient(
        opening(order, account).multiply(order.request().price().get()),
        BigDecimal.valueOf(order.request().leverage()));
  }

  /** The part of an order's remaining volume that would add to (or open) a position. */
  private static BigDecimal opening(PaperOrder order, MarginAccount account) {
    BigDecimal size = account.position(order.pair()).size();
    BigDecimal remaining = order.remainingVolume();
    int direction = order.side() == Side.BUY ? 1 : -1;
    if (size.signum() == 0 || size.signum() == direction) {
      return remaining;
    }
    return remaining.subtract(size.abs()).max(BigDecimal.ZERO);
  }

  /** Why the book would refuse the order's fill: it adds to a position at another leverage. */
  private static Optional<String> leverageConflict(PaperOrder order, MarginAccount account) {
    MarginPosition position = account.position(order.pair());
    int direction = order.side() == Side.BUY ? 1 : -1;
    if (position.isFlat()
        || position.size().signum() != direction
        || position.leverage() == order.request().leverage()) {
      return Optional.empty();
    }
    return Optional.of(
        "EOrder:Cannot open position: leverage "
            + order.request().leverage()
            + " differs from the "
            + position.leverage()
            + " of the open "
            + order.pair()
            + " position");
  }

  private void finish(PaperOrder order) {
    working.remove(order.id());
    finished.addLast(order.id());
    while (finished.size() > terms.recentOrders()) {
      orders.remove(finished.pollFirst());
    }
  }

  /** The value of one fill, for the 30-day volume. */
  private record Traded(Instant at, BigDecimal value) {}
}
