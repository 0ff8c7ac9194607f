package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The simulated exchange's books for one account: balances, the ledger, orders and fills. Every
 * balance change is a ledger row with {@code balance = previous + amount − fee}, and a row that
 * would make a balance negative is a broken invariant ({@link IllegalStateException}); orders are
 * checked against what is available (balance minus what open orders hold) before they are accepted.
 * Times are strictly increasing microseconds, except that the legs of one fill share their time.
 *
 * <p>Example: {@code exchange.deposit(t, "ZUSD", new BigDecimal("50000"), BigDecimal.ZERO)}. Not
 * thread-safe; {@link SimulatedAccount} serialises access.
 */
final class Exchange {

  static final String KFEE = "KFEE";
  private static final String USD = "ZUSD";
  private static final String CANCELED_BY_USER = "User requested";
  private static final BigDecimal HUNDRED = new BigDecimal("100");

  private final Listing listing;
  private final Market market;
  private final IdSource ids;
  private final SplittableRandom tradeIds;
  private final Map<String, BigDecimal> balances = new TreeMap<>();
  private final List<LedgerEntry> ledger = new ArrayList<>();
  private final List<Fill> fills = new ArrayList<>();
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final Set<String> open = new LinkedHashSet<>();
  private final Map<String, Long> lastTradeId = new HashMap<>();
  private Instant lastTime = Instant.EPOCH;

  Exchange(Listing listing, Market market, long seed) {
    this.listing = requireNonNull(listing, "listing");
    this.market = requireNonNull(market, "market");
    this.ids = new IdSource(seed);
    this.tradeIds = new SplittableRandom(seed ^ 0x7472616465L);
    for (ListedPair pair : listing.pairs()) {
      lastTradeId.put(pair.key(), 4_000_000L + tradeIds.nextLong(6_000_000L));
    }
  }

  Listing listing() {
    return listing;
  }

  Market market() {
    return market;
  }

  List<LedgerEntry> ledger() {
    return List.copyOf(ledger);
  }

  List<Fill> fills() {
    return List.copyOf(fills);
  }

  int fillCount() {
    return fills.size();
  }

  int ledgerSize() {
    return ledger.size();
  }

  int orderCount() {
    return orders.size();
  }

  List<Order> orders() {
    return List.copyOf(orders.values());
  }

  Optional<Order> findOrder(String txid) {
    return Optional.ofNullable(orders.get(txid));
  }

  /** Balances of every asset ever held, zero ones included, by asset id. */
  Map<String, BigDecimal> balances() {
    return new TreeMap<>(balances);
  }

  /** The time of the newest booked event. */
  Instant lastTime() {
    return lastTime;
  }

  BigDecimal balance(String asset) {
    return balances.getOrDefault(asset, listing.asset(asset).zero());
  }

  /** What open orders hold, per asset id (only assets with a hold). */
  Map<String, BigDecimal> holds() {
    Map<String, BigDecimal> holds = new TreeMap<>();
    for (Order order : openOrders()) {
      ListedPair pair = listing.pair(order.pair());
      String asset = order.side() == Side.BUY ? pair.quote().id() : pair.base().id();
      holds.merge(asset, hold(order, pair), BigDecimal::add);
    }
    return holds;
  }

  /** The balance of {@code asset} less what open orders hold. */
  BigDecimal available(String asset) {
    return balance(asset).subtract(holds().getOrDefault(asset, BigDecimal.ZERO));
  }

  // ---- funding, staking ----------------------------------------------------------------------

  LedgerEntry deposit(Instant at, String asset, BigDecimal amount, BigDecimal fee) {
    requirePositive(amount);
    return post(stamp(at), ids.funding(), "deposit", "", asset, amount, fee);
  }

  LedgerEntry withdraw(Instant at, String asset, BigDecimal amount, BigDecimal fee) {
    requirePositive(amount);
    requireAvailable(asset, amount.add(fee));
    return post(stamp(at), ids.funding(), "withdrawal", "", asset, amount.negate(), fee);
  }

  /**
   * The debit of a withdrawal that will fail; its refid is what {@link #reverseWithdrawal} takes.
   */
  String failingWithdrawal(Instant at, String asset, BigDecimal amount, BigDecimal fee) {
    requirePositive(amount);
    requireAvailable(asset, amount.add(fee));
    String refid = ids.funding();
    post(stamp(at), refid, "withdrawal", "", asset, amount.negate(), fee);
    return refid;
  }

  /**
   * The reversal of a failed withdrawal: same refid, a positive amount and a negative fee
   * (kraken-api.md §6.3 D), so the balance is back where it was.
   */
  LedgerEntry reverseWithdrawal(
      Instant at, String refid, String asset, BigDecimal amount, BigDecimal fee) {
    return post(stamp(at), refid, "withdrawal", "", asset, amount, fee.negate());
  }

  /** Moves {@code amount} from spot {@code asset} to its staked variant: two transfer rows. */
  List<LedgerEntry> stake(Instant at, String asset, String staked, BigDecimal amount) {
    requirePositive(amount);
    requireAvailable(asset, amount);
    Instant time = stamp(at);
    String refid = ids.stakingTransfer();
    LedgerEntry out =
        post(time, refid, "transfer", "spottostaking", asset, amount.negate(), BigDecimal.ZERO);
    LedgerEntry in =
        post(time, refid, "transfer", "stakingfromspot", staked, amount, BigDecimal.ZERO);
    return List.of(out, in);
  }

  LedgerEntry stakingReward(Instant at, String staked, BigDecimal amount) {
    requirePositive(amount);
    return post(stamp(at), ids.stakingReward(), "staking", "", staked, amount, BigDecimal.ZERO);
  }

  // ---- orders ----------------------------------------------------------------------------------

  /** An order that passed the checks, with its volume and limit at the pair's scales. */
  record Checked(
      ListedPair pair,
      BigDecimal volume,
      Optional<BigDecimal> limit,
      BigDecimal current,
      boolean crosses) {}

  /**
   * Checks an order as Kraken would at {@code at}, books nothing.
   *
   * @throws OrderRejectedException with Kraken's error when the order would be refused
   */
  Checked check(Instant at, OrderRequest request) {
    ListedPair pair =
        listing
            .findPair(request.pair())
            .orElseThrow(
                () -> new OrderRejectedException("EQuery:Unknown asset pair", request.pair()));
    BigDecimal volume = request.volume();
    if (volume.stripTrailingZeros().scale() > pair.lotDecimals()) {
      throw new OrderRejectedException(
          "EGeneral:Invalid arguments:volume", "more than " + pair.lotDecimals() + " decimals");
    }
    volume = volume.setScale(pair.lotDecimals(), RoundingMode.UNNECESSARY);
    Optional<BigDecimal> limit = request.limitPrice();
    if (limit.isPresent() && limit.get().stripTrailingZeros().scale() > pair.pairDecimals()) {
      throw new OrderRejectedException(
          "EOrder:Invalid price", "more than " + pair.pairDecimals() + " decimals");
    }
    limit = limit.map(price -> price.setScale(pair.pairDecimals(), RoundingMode.UNNECESSARY));
    if (volume.compareTo(pair.ordermin()) < 0) {
      throw new OrderRejectedException(
          "EOrder:Order minimum not met", volume.toPlainString() + " < " + pair.ordermin());
    }
    BigDecimal current = market.price(pair.key(), at);
    boolean crosses =
        limit.isEmpty()
            || (request.side() == Side.BUY
                ? limit.get().compareTo(current) >= 0
                : limit.get().compareTo(current) <= 0);
    BigDecimal worstPrice = limit.isPresent() && !crosses ? limit.get() : current;
    BigDecimal cost = volume.multiply(worstPrice);
    if (cost.compareTo(pair.costmin()) < 0) {
      throw new OrderRejectedException(
          "EOrder:Cost minimum not met", cost.toPlainString() + " < " + pair.costmin());
    }
    BigDecimal rate = crosses ? pair.takerFeePercent() : pair.makerFeePercent();
    if (request.side() == Side.BUY) {
      BigDecimal needed = withFee(cost, rate, pair.bookingScale());
      if (available(pair.quote().id()).compareTo(needed) < 0) {
        throw new OrderRejectedException(
            "EOrder:Insufficient funds",
            "needs " + needed.toPlainString() + " " + pair.quote().id());
      }
    } else {
      BigDecimal needed =
          request.feeInBase() ? withFee(volume, rate, pair.base().decimals()) : volume;
      if (available(pair.base().id()).compareTo(needed) < 0) {
        throw new OrderRejectedException(
            "EOrder:Insufficient funds",
            "needs " + needed.toPlainString() + " " + pair.base().id());
      }
    }
    return new Checked(pair, volume, limit, current, crosses);
  }

  /**
   * Places an order at {@code at}: a market order, or a limit order that crosses the current price,
   * fills at once at the current price (taker); any other limit order rests until the market
   * reaches it or it is canceled or expires.
   *
   * @throws OrderRejectedException with Kraken's error when the order is refused
   */
  Order submit(Instant at, OrderRequest request, Optional<Instant> expiretm) {
    Checked checked = check(at, request);
    ListedPair pair = checked.pair();
    Instant time = stamp(at);
    BigDecimal volume = checked.volume();
    Optional<BigDecimal> limit = checked.limit();
    BigDecimal current = checked.current();
    boolean crosses = checked.crosses();
    Order order =
        new Order(
            ids.order(),
            pair.key(),
            request.side(),
            request.orderType(),
            limit,
            volume,
            BigDecimal.ZERO.setScale(pair.lotDecimals()),
            BigDecimal.ZERO.setScale(pair.bookingScale()),
            BigDecimal.ZERO.setScale(pair.bookingScale()),
            request.userref(),
            request.clOrdId(),
            request.feeInBase() ? "fcib" : "fciq",
            OrderStatus.OPEN,
            time,
            Optional.empty(),
            expiretm,
            Optional.empty(),
            List.of());
    orders.put(order.txid(), order);
    open.add(order.txid());
    if (crosses) {
      fill(order.txid(), time, volume, current, false);
    }
    return orders.get(order.txid());
  }

  /**
   * Fills {@code volume} of an open order at {@code price}; the order closes when nothing remains.
   */
  Fill fill(String txid, Instant at, BigDecimal volume, BigDecimal price, boolean maker) {
    Order order = openOrder(txid);
    ListedPair pair = listing.pair(order.pair());
    if (volume.compareTo(order.remaining()) > 0 || volume.signum() <= 0) {
      throw new IllegalArgumentException(
          "Cannot fill " + volume + " of " + txid + " (remaining " + order.remaining() + ")");
    }
    Instant time = stamp(at);
    BigDecimal rate = maker ? pair.makerFeePercent() : pair.takerFeePercent();
    int scale = pair.bookingScale();
    BigDecimal cost = volume.multiply(price).setScale(scale, RoundingMode.HALF_EVEN);
    BigDecimal feeQuote = cost.multiply(rate).divide(HUNDRED, scale, RoundingMode.HALF_EVEN);
    BigDecimal kfee = feeQuote.multiply(HUNDRED).setScale(2, RoundingMode.CEILING);
    FeeSource source;
    if (pair.quote().id().equals(USD)
        && feeQuote.signum() > 0
        && balance(KFEE).compareTo(kfee) >= 0) {
      source = FeeSource.KFEE;
    } else if (order.oflags().contains("fcib")) {
      source = FeeSource.BASE;
    } else {
      source = FeeSource.QUOTE;
    }
    BigDecimal feeBase =
        volume.multiply(rate).divide(HUNDRED, pair.base().decimals(), RoundingMode.HALF_EVEN);
    BigDecimal zero = BigDecimal.ZERO;
    String tradeTxid = ids.trade();
    List<String> ledgerIds = new ArrayList<>();
    String base = pair.base().id();
    String quote = pair.quote().id();
    BigDecimal quoteFee = source == FeeSource.QUOTE ? feeQuote : zero;
    BigDecimal baseFee = source == FeeSource.BASE ? feeBase : zero;
    if (order.side() == Side.BUY) {
      ledgerIds.add(
          post(time, tradeTxid, "trade", "tradespot", quote, cost.negate(), quoteFee).id());
      ledgerIds.add(post(time, tradeTxid, "trade", "tradespot", base, volume, baseFee).id());
    } else {
      ledgerIds.add(
          post(time, tradeTxid, "trade", "tradespot", base, volume.negate(), baseFee).id());
      ledgerIds.add(post(time, tradeTxid, "trade", "tradespot", quote, cost, quoteFee).id());
    }
    if (source == FeeSource.KFEE) {
      ledgerIds.add(post(time, tradeTxid, "trade", "tradespot", KFEE, zero, kfee).id());
    }
    long tradeId = lastTradeId.merge(pair.key(), 1L + tradeIds.nextLong(400), Long::sum);
    Fill fill =
        new Fill(
            tradeTxid,
            txid,
            pair.key(),
            time,
            order.side(),
            order.orderType(),
            price,
            cost,
            feeQuote,
            volume,
            maker,
            tradeId,
            ledgerIds,
            source);
    fills.add(fill);
    Order updated = order.withFill(fill);
    if (updated.remaining().signum() == 0) {
      updated = updated.ended(OrderStatus.CLOSED, time, Optional.empty());
      open.remove(txid);
    }
    orders.put(txid, updated);
    return fill;
  }

  /** Cancels an open order ({@code reason: User requested}); what filled stays filled. */
  Order cancel(Instant at, String txid) {
    Order order = openOrder(txid);
    Order canceled = order.ended(OrderStatus.CANCELED, stamp(at), Optional.of(CANCELED_BY_USER));
    orders.put(txid, canceled);
    open.remove(txid);
    return canceled;
  }

  /** Ends an open order whose {@code expiretm} has come. */
  Order expire(Instant at, String txid) {
    Order expired = openOrder(txid).ended(OrderStatus.EXPIRED, stamp(at), Optional.empty());
    orders.put(txid, expired);
    open.remove(txid);
    return expired;
  }

  /** Open orders, oldest first. */
  List<Order> openOrders() {
    List<Order> list = new ArrayList<>(open.size());
    for (String txid : open) {
      list.add(orders.get(txid));
    }
    return list;
  }

  /**
   * Fills, as maker at their limit price, the open limit orders that minute {@code minute}'s price
   * reached; {@code at} is when.
   */
  int sweep(long minute, Instant at) {
    int filled = 0;
    for (Order order : openOrders()) {
      if (order.orderType() != OrderType.LIMIT || order.opentm().isAfter(at)) {
        continue;
      }
      BigDecimal price = market.price(order.pair(), market.minuteStart(minute));
      BigDecimal limit = order.limitPrice().orElseThrow();
      boolean reached =
          order.side() == Side.BUY ? price.compareTo(limit) <= 0 : price.compareTo(limit) >= 0;
      if (reached) {
        fill(order.txid(), at, order.remaining(), limit, true);
        filled++;
      }
    }
    return filled;
  }

  /**
   * A time for a new event: {@code candidate} at microsecond precision, moved just past the newest
   * event if it is not after it.
   */
  Instant stamp(Instant candidate) {
    Instant time = candidate.truncatedTo(ChronoUnit.MICROS);
    if (!time.isAfter(lastTime)) {
      time = lastTime.plus(1, ChronoUnit.MICROS);
    }
    lastTime = time;
    return time;
  }

  private Order openOrder(String txid) {
    Order order = orders.get(txid);
    if (order == null || !order.status().isOpen()) {
      throw new OrderRejectedException("EOrder:Unknown order", "no open order " + txid);
    }
    return order;
  }

  private BigDecimal hold(Order order, ListedPair pair) {
    BigDecimal remaining = order.remaining();
    BigDecimal rate = pair.makerFeePercent();
    if (order.side() == Side.BUY) {
      BigDecimal price = order.limitPrice().orElse(market.price(pair.key(), lastTime));
      return withFee(remaining.multiply(price), rate, pair.bookingScale());
    }
    return order.oflags().contains("fcib")
        ? withFee(remaining, rate, pair.base().decimals())
        : remaining;
  }

  private static BigDecimal withFee(BigDecimal amount, BigDecimal ratePercent, int scale) {
    BigDecimal fee = amount.multiply(ratePercent).divide(HUNDRED, scale, RoundingMode.CEILING);
    return amount.setScale(scale, RoundingMode.CEILING).add(fee);
  }

  private void requireAvailable(String asset, BigDecimal needed) {
    if (available(asset).compareTo(needed) < 0) {
      throw new IllegalStateException(
          "Not enough " + asset + " available for " + needed.toPlainString());
    }
  }

  private static void requirePositive(BigDecimal amount) {
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("Amount must be positive: " + amount.toPlainString());
    }
  }

  private LedgerEntry post(
      Instant time,
      String refid,
      String type,
      String subtype,
      String assetId,
      BigDecimal amount,
      BigDecimal fee) {
    ListedAsset asset = listing.asset(assetId);
    BigDecimal booked = asset.scaled(amount);
    BigDecimal charged = asset.scaled(fee);
    BigDecimal balance = balance(assetId).add(booked).subtract(charged);
    if (balance.signum() < 0) {
      throw new IllegalStateException(
          "Ledger row would make "
              + assetId
              + " negative: "
              + balance.toPlainString()
              + " ("
              + type
              + " "
              + refid
              + ")");
    }
    LedgerEntry entry =
        new LedgerEntry(
            ids.ledger(),
            refid,
            time,
            type,
            subtype,
            "currency",
            assetId,
            booked,
            charged,
            balance);
    ledger.add(entry);
    balances.put(assetId, balance);
    return entry;
  }
}
