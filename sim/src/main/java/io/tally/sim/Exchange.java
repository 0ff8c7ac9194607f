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
import java.util.function.ToIntFunction;

/**
 * The simulated exchange's books for one account: balances, the ledger, orders and fills. Every
 * balance change is a ledger row with {@code balance = previous + amount − fee}, and a row that
 * would make a balance negative is a broken invariant ({@link IllegalStateException}); orders are
 * checked against what is available (balance minus what open orders hold) before they are accepted.
 * Times are strictly increasing microseconds, except that the legs of one fill share their time.
 *
 * <p>Margin (off unless {@link #enableMargin}): an order with leverage exchanges no balances. It
 * first closes open positions of the other side on its pair, oldest first (FIFO), one closing trade
 * per position; whatever volume is left opens a new position, whose id is its opening trade's txid.
 * An order larger than the open volume thus closes everything and opens the remainder the other way
 * round, as Kraken does when {@code reduce_only} is absent. Only ledger rows in the quote currency
 * book margin: the opening trade a {@code margin} row with amount 0 and its fee, a closing trade a
 * {@code margin} row with the realised profit as amount and its fee, and every four hours an open
 * position a {@code rollover} row (amount 0, fee {@code open cost × rate}, refid the position id).
 * Fees of margin trades are always in quote (no {@code fcib}, no KFEE). A margin row may leave the
 * quote balance negative (a loss larger than the balance), as it can on Kraken; no other row may.
 * Margin orders hold nothing while open: the margin is checked when they are placed ({@code
 * EOrder:Insufficient margin} when the free margin {@code equity − margin used} does not cover the
 * new margin and fee).
 *
 * <p>Example: {@code exchange.deposit(t, "ZUSD", new BigDecimal("50000"), BigDecimal.ZERO)}. Not
 * thread-safe; {@link SimulatedAccount} serialises access.
 */
final class Exchange {

  static final String KFEE = "KFEE";
  private static final String USD = "ZUSD";
  private static final String CANCELED_BY_USER = "User requested";
  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private static final String MARGIN = "margin";
  private static final String ROLLOVER = "rollover";

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
  private final Map<String, Position> positions = new LinkedHashMap<>();
  private final Set<String> openPositions = new LinkedHashSet<>();
  private MarginOptions marginOptions = MarginOptions.off();
  private boolean marginCall;
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

  /** What open orders hold, per asset id (only assets with a hold); margin orders hold nothing. */
  Map<String, BigDecimal> holds() {
    Map<String, BigDecimal> holds = new TreeMap<>();
    for (Order order : openOrders()) {
      if (order.isMargin()) {
        continue;
      }
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
    if (request.isMargin()) {
      List<Integer> allowed = pair.leverage(request.side());
      if (allowed.isEmpty()) {
        throw new OrderRejectedException(
            "EOrder:Cannot open position", pair.altname() + " has no margin " + request.side());
      }
      if (!allowed.contains(request.leverage())) {
        throw new OrderRejectedException(
            ApiException.INVALID_ARGUMENTS + ":leverage",
            request.leverage() + ":1 is not one of " + allowed);
      }
      if (!marginOptions.enabled()) {
        throw new OrderRejectedException(
            "EOrder:Margin allowance exceeded", "margin trading is off for this account");
      }
    }
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
    if (request.isMargin()) {
      checkMargin(at, pair, request, volume, worstPrice, rate);
    } else if (request.side() == Side.BUY) {
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
            List.of(),
            request.leverage(),
            "");
    orders.put(order.txid(), order);
    open.add(order.txid());
    if (crosses) {
      fill(order.txid(), time, volume, current, false);
    }
    return orders.get(order.txid());
  }

  /**
   * Fills {@code volume} of an open order at {@code price}; the order closes when nothing remains.
   * A margin order's fill may be several trades (see the class comment); the last one is returned.
   */
  Fill fill(String txid, Instant at, BigDecimal volume, BigDecimal price, boolean maker) {
    Order order = openOrder(txid);
    ListedPair pair = listing.pair(order.pair());
    if (volume.compareTo(order.remaining()) > 0 || volume.signum() <= 0) {
      throw new IllegalArgumentException(
          "Cannot fill " + volume + " of " + txid + " (remaining " + order.remaining() + ")");
    }
    if (order.isMargin()) {
      List<Fill> trades = marginFill(order, at, volume, price, maker);
      return trades.get(trades.size() - 1);
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
            source,
            Optional.empty());
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

  // ---- margin ----------------------------------------------------------------------------------

  /** Switches margin trading on (or off again) with {@code options}. */
  void enableMargin(MarginOptions options) {
    this.marginOptions = requireNonNull(options, "options");
  }

  MarginOptions marginOptions() {
    return marginOptions;
  }

  /** Every position ever opened, open or closed, oldest first. */
  List<Position> positions() {
    return List.copyOf(positions.values());
  }

  /** The open positions, oldest first. */
  List<Position> openPositions() {
    List<Position> list = new ArrayList<>(openPositions.size());
    for (String txid : openPositions) {
      list.add(positions.get(txid));
    }
    return list;
  }

  boolean hasOpenPositions() {
    return !openPositions.isEmpty();
  }

  Optional<Position> findPosition(String txid) {
    return Optional.ofNullable(positions.get(txid));
  }

  /** Whether the margin level was below the margin call level when last looked at. */
  boolean marginCall() {
    return marginCall;
  }

  /**
   * The account's margin figures at {@code at}, in USD and unrounded: the trade balance (equity
   * currencies at full value, as {@code TradeBalance tb}) and the open positions at the market.
   */
  Exposure exposure(Instant at) {
    UsdRates rates = UsdRates.at(market, at);
    BigDecimal tradeBalance = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> entry : balances.entrySet()) {
      if (listing.asset(entry.getKey()).collateralValue().isPresent()) {
        tradeBalance = tradeBalance.add(rates.usd(entry.getKey(), entry.getValue()));
      }
    }
    BigDecimal margin = BigDecimal.ZERO;
    BigDecimal unrealised = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal valuation = BigDecimal.ZERO;
    for (Position position : openPositions()) {
      ListedPair pair = listing.pair(position.pair());
      String quote = pair.quote().id();
      BigDecimal price = market.price(pair.key(), at);
      int scale = pair.bookingScale();
      margin = margin.add(rates.usd(quote, position.openMargin()));
      unrealised = unrealised.add(rates.usd(quote, position.unrealised(price, scale)));
      cost = cost.add(rates.usd(quote, position.openCost()));
      valuation = valuation.add(rates.usd(quote, position.value(price, scale)));
    }
    return new Exposure(tradeBalance, margin, unrealised, cost, valuation);
  }

  /**
   * Margin figures in USD (kraken-api.md §2.1 TradeBalance): {@code tb}, {@code m}, {@code n},
   * {@code c}, {@code v}.
   */
  record Exposure(
      BigDecimal tradeBalance,
      BigDecimal margin,
      BigDecimal unrealised,
      BigDecimal cost,
      BigDecimal valuation) {

    /** {@code e = tb + n}. */
    BigDecimal equity() {
      return tradeBalance.add(unrealised);
    }

    /** {@code mf = e − m}. */
    BigDecimal freeMargin() {
      return equity().subtract(margin);
    }

    /** {@code ml = e / m × 100}, none without margin in use. */
    Optional<BigDecimal> level() {
      if (margin.signum() == 0) {
        return Optional.empty();
      }
      return Optional.of(equity().multiply(HUNDRED).divide(margin, 8, RoundingMode.HALF_EVEN));
    }
  }

  /**
   * Books every rollover fee due at or before {@code upTo}, each at its due time, earliest first.
   */
  void rollOver(Instant upTo) {
    while (true) {
      Position due = null;
      for (String txid : openPositions) {
        Position position = positions.get(txid);
        if (!position.rolloverTime().isAfter(upTo)
            && (due == null || position.rolloverTime().isBefore(due.rolloverTime()))) {
          due = position;
        }
      }
      if (due == null) {
        return;
      }
      ListedPair pair = listing.pair(due.pair());
      post(
          stamp(due.rolloverTime()),
          due.txid(),
          ROLLOVER,
          "",
          pair.quote().id(),
          BigDecimal.ZERO,
          due.rolloverFee(pair.bookingScale()));
      positions.put(due.txid(), due.rolledOver());
    }
  }

  /**
   * Looks at the margin level at {@code at}: below the margin stop level of the positions' pairs
   * the most losing position is liquidated at the market, then the next, until the level is back
   * above it; below the margin call level the account stays flagged ({@link #marginCall()}).
   */
  void watchMargin(Instant at) {
    if (openPositions.isEmpty()) {
      marginCall = false;
      return;
    }
    Optional<BigDecimal> level = exposure(at).level();
    while (level.isPresent() && level.get().compareTo(levelOf(ListedPair::marginStop)) < 0) {
      Position worst = null;
      BigDecimal worstLoss = BigDecimal.ZERO;
      UsdRates rates = UsdRates.at(market, at);
      for (Position position : openPositions()) {
        ListedPair pair = listing.pair(position.pair());
        BigDecimal loss =
            rates.usd(
                pair.quote().id(),
                position.unrealised(market.price(pair.key(), at), pair.bookingScale()));
        if (worst == null || loss.compareTo(worstLoss) < 0) {
          worst = position;
          worstLoss = loss;
        }
      }
      liquidate(requireNonNull(worst, "worst"), at);
      level = exposure(at).level();
    }
    updateMarginCall(at);
  }

  private void updateMarginCall(Instant at) {
    marginCall =
        !openPositions.isEmpty()
            && exposure(at)
                .level()
                .map(level -> level.compareTo(levelOf(ListedPair::marginCall)) < 0)
                .orElse(false);
  }

  /** The highest margin call or stop level among the pairs of the open positions. */
  private BigDecimal levelOf(ToIntFunction<ListedPair> which) {
    int level = 0;
    for (Position position : openPositions()) {
      level = Math.max(level, which.applyAsInt(listing.pair(position.pair())));
    }
    return BigDecimal.valueOf(level);
  }

  /** Closes all of {@code position} at the market with a liquidation order. */
  private void liquidate(Position position, Instant at) {
    ListedPair pair = listing.pair(position.pair());
    Instant time = stamp(at);
    Order order =
        new Order(
            ids.order(),
            pair.key(),
            position.side().opposite(),
            OrderType.MARKET,
            Optional.empty(),
            position.openVol(),
            BigDecimal.ZERO.setScale(pair.lotDecimals()),
            BigDecimal.ZERO.setScale(pair.bookingScale()),
            BigDecimal.ZERO.setScale(pair.bookingScale()),
            0,
            Optional.empty(),
            "",
            OrderStatus.OPEN,
            time,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            position.leverage(),
            "liquidated");
    orders.put(order.txid(), order);
    open.add(order.txid());
    closeTrade(
        order,
        position,
        position.openVol(),
        market.price(pair.key(), at),
        pair.takerFeePercent(),
        false,
        time);
  }

  /** Kraken's checks of a margin order that passed the spot checks of volume, price and cost. */
  private void checkMargin(
      Instant at,
      ListedPair pair,
      OrderRequest request,
      BigDecimal volume,
      BigDecimal price,
      BigDecimal ratePercent) {
    BigDecimal against = BigDecimal.ZERO;
    BigDecimal openCostUsd = BigDecimal.ZERO;
    UsdRates rates = UsdRates.at(market, at);
    for (Position position : openPositions()) {
      ListedPair its = listing.pair(position.pair());
      openCostUsd = openCostUsd.add(rates.usd(its.quote().id(), position.openCost()));
      if (position.pair().equals(pair.key()) && position.side() != request.side()) {
        against = against.add(position.openVol());
      }
    }
    BigDecimal opening = volume.subtract(against);
    if (opening.signum() <= 0) {
      return; // only reduces or closes positions: always allowed
    }
    if (marginCall) {
      throw new OrderRejectedException(
          "EOrder:Margin level too low", "the account is in a margin call");
    }
    String quote = pair.quote().id();
    BigDecimal openingCost = opening.multiply(price);
    if (openCostUsd.add(rates.usd(quote, openingCost)).compareTo(marginOptions.allowance()) > 0) {
      throw new OrderRejectedException(
          "EOrder:Margin allowance exceeded",
          "positions would cost more than " + marginOptions.allowance().toPlainString() + " USD");
    }
    BigDecimal needed =
        openingCost
            .divide(
                BigDecimal.valueOf(request.leverage()), pair.bookingScale(), RoundingMode.CEILING)
            .add(
                volume
                    .multiply(price)
                    .multiply(ratePercent)
                    .divide(HUNDRED, pair.bookingScale(), RoundingMode.CEILING));
    if (exposure(at).freeMargin().compareTo(rates.usd(quote, needed)) < 0) {
      throw new OrderRejectedException(
          "EOrder:Insufficient margin", "needs " + needed.toPlainString() + " " + quote);
    }
  }

  /**
   * A margin order's fill: closing trades against open positions of the other side, oldest first,
   * then an opening trade for what is left.
   */
  private List<Fill> marginFill(
      Order order, Instant at, BigDecimal volume, BigDecimal price, boolean maker) {
    ListedPair pair = listing.pair(order.pair());
    BigDecimal rate = maker ? pair.makerFeePercent() : pair.takerFeePercent();
    List<Fill> trades = new ArrayList<>();
    BigDecimal remaining = volume;
    for (Position position : openPositions()) {
      if (remaining.signum() == 0) {
        break;
      }
      if (position.pair().equals(order.pair()) && position.side() != order.side()) {
        BigDecimal closing = remaining.min(position.openVol());
        trades.add(closeTrade(order, position, closing, price, rate, maker, at));
        remaining = remaining.subtract(closing);
      }
    }
    if (remaining.signum() > 0) {
      trades.add(openTrade(order, remaining, price, rate, maker, at));
    }
    updateMarginCall(at);
    return trades;
  }

  private Fill openTrade(
      Order order,
      BigDecimal volume,
      BigDecimal price,
      BigDecimal ratePercent,
      boolean maker,
      Instant at) {
    ListedPair pair = listing.pair(order.pair());
    int scale = pair.bookingScale();
    Instant time = stamp(at);
    BigDecimal cost = volume.multiply(price).setScale(scale, RoundingMode.HALF_EVEN);
    BigDecimal fee = cost.multiply(ratePercent).divide(HUNDRED, scale, RoundingMode.HALF_EVEN);
    BigDecimal margin =
        cost.divide(BigDecimal.valueOf(order.leverage()), scale, RoundingMode.HALF_EVEN);
    String tradeTxid = ids.trade();
    LedgerEntry row =
        post(time, tradeTxid, MARGIN, "", pair.quote().id(), BigDecimal.ZERO.setScale(scale), fee);
    MarginTrade effect =
        new MarginTrade(
            MarginTrade.Effect.OPENS,
            tradeTxid,
            order.leverage(),
            margin,
            BigDecimal.ZERO.setScale(scale));
    Fill fill = book(order, tradeTxid, time, price, cost, fee, volume, maker, row, effect);
    Position position =
        Position.opened(fill, order.leverage(), margin, marginOptions.rolloverPercent(), scale);
    positions.put(position.txid(), position);
    openPositions.add(position.txid());
    return fill;
  }

  private Fill closeTrade(
      Order order,
      Position position,
      BigDecimal volume,
      BigDecimal price,
      BigDecimal ratePercent,
      boolean maker,
      Instant at) {
    ListedPair pair = listing.pair(order.pair());
    int scale = pair.bookingScale();
    Instant time = stamp(at);
    BigDecimal cost = volume.multiply(price).setScale(scale, RoundingMode.HALF_EVEN);
    BigDecimal fee = cost.multiply(ratePercent).divide(HUNDRED, scale, RoundingMode.HALF_EVEN);
    BigDecimal released = position.released(volume, scale);
    BigDecimal profit =
        position.side() == Side.BUY ? cost.subtract(released) : released.subtract(cost);
    BigDecimal margin =
        cost.divide(BigDecimal.valueOf(position.leverage()), scale, RoundingMode.HALF_EVEN);
    String tradeTxid = ids.trade();
    LedgerEntry row = post(time, tradeTxid, MARGIN, "", pair.quote().id(), profit, fee);
    MarginTrade effect =
        new MarginTrade(
            MarginTrade.Effect.CLOSES, position.txid(), position.leverage(), margin, profit);
    Fill fill = book(order, tradeTxid, time, price, cost, fee, volume, maker, row, effect);
    Position closed = position.withClose(fill, profit, scale);
    positions.put(position.txid(), closed);
    if (!closed.isOpen()) {
      openPositions.remove(position.txid());
    }
    return fill;
  }

  /** Records one margin trade of {@code order}, which closes when nothing remains. */
  private Fill book(
      Order order,
      String tradeTxid,
      Instant time,
      BigDecimal price,
      BigDecimal cost,
      BigDecimal fee,
      BigDecimal volume,
      boolean maker,
      LedgerEntry row,
      MarginTrade effect) {
    ListedPair pair = listing.pair(order.pair());
    long tradeId = lastTradeId.merge(pair.key(), 1L + tradeIds.nextLong(400), Long::sum);
    Fill fill =
        new Fill(
            tradeTxid,
            order.txid(),
            pair.key(),
            time,
            order.side(),
            order.orderType(),
            price,
            cost,
            fee,
            volume,
            maker,
            tradeId,
            List.of(row.id()),
            FeeSource.QUOTE,
            Optional.of(effect));
    fills.add(fill);
    Order updated = orders.get(order.txid()).withFill(fill);
    if (updated.remaining().signum() == 0) {
      updated = updated.ended(OrderStatus.CLOSED, time, Optional.empty());
      open.remove(order.txid());
    }
    orders.put(order.txid(), updated);
    return fill;
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
    if (balance.signum() < 0 && !type.equals(MARGIN)) {
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
