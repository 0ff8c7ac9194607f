package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Kraken account with a consistent, seeded history: deposits, withdrawals, bot and manual trades,
 * staking, orders, and the market they traded in. Its ledger is the truth the simulator serves:
 * every row's {@code balance} is the previous balance plus {@code amount} minus {@code fee}, per
 * asset, never negative, and the newest per asset equals {@link #balances()}. The account lives on
 * with {@link #advance(Duration)}, which moves its clock and lets the bots trade.
 *
 * <p>Example: {@code SimulatedAccount account = AccountGenerator.generate(42, 30, Instant.now());
 * account.balances().get("XXBT")}. Thread-safe: every method that reads or changes state is
 * synchronized, and lists and maps returned are immutable copies.
 */
public final class SimulatedAccount {

  private final long seed;
  private final Instant start;
  private final Exchange exchange;
  private final Simulation simulation;
  private Instant now;

  SimulatedAccount(
      long seed, Instant start, Exchange exchange, Simulation simulation, Instant now) {
    this.seed = seed;
    this.start = requireNonNull(start, "start");
    this.exchange = requireNonNull(exchange, "exchange");
    this.simulation = requireNonNull(simulation, "simulation");
    this.now = requireNonNull(now, "now");
  }

  /** The seed this account was generated from. */
  public long seed() {
    return seed;
  }

  /** When the history starts. */
  public Instant start() {
    return start;
  }

  /** The simulated clock: the end of the history, moved on by {@link #advance(Duration)}. */
  public synchronized Instant now() {
    return now;
  }

  /** The assets and pairs of the exchange. */
  public Listing listing() {
    return exchange.listing();
  }

  /** The simulated market (price paths of every pair). */
  public Market market() {
    return exchange.market();
  }

  /** The current price of {@code pair} (a key such as {@code XXBTZUSD}). */
  public synchronized BigDecimal price(String pair) {
    return exchange.market().price(pair, now);
  }

  /**
   * Balances by Kraken asset id, at each asset's scale, for every asset ever held (zero ones
   * included, never-held ones absent, as {@code /0/private/Balance} reports them).
   */
  public synchronized Map<String, BigDecimal> balances() {
    return Collections.unmodifiableMap(exchange.balances());
  }

  /** What open orders hold, by asset id ({@code hold_trade} of {@code BalanceEx}). */
  public synchronized Map<String, BigDecimal> holds() {
    return Collections.unmodifiableMap(exchange.holds());
  }

  /** Every ledger row, oldest first. */
  public synchronized List<LedgerEntry> ledger() {
    return exchange.ledger();
  }

  /** Every fill (Kraken's trades), oldest first. */
  public synchronized List<Fill> trades() {
    return exchange.fills();
  }

  /** Every order, open or not, in the order they were placed. */
  public synchronized List<Order> orders() {
    return exchange.orders();
  }

  /** The open margin positions, oldest first ({@code OpenPositions}). */
  public synchronized List<Position> positions() {
    return exchange.openPositions();
  }

  /** Every margin position ever opened, open or closed, oldest first. */
  public synchronized List<Position> allPositions() {
    return exchange.positions();
  }

  /** The position with this id (its opening trade's txid), open or closed, if there is one. */
  public synchronized Optional<Position> findPosition(String txid) {
    return exchange.findPosition(txid);
  }

  /** How this account trades on margin; {@link MarginOptions#off()} unless generated with it. */
  public synchronized MarginOptions marginOptions() {
    return exchange.marginOptions();
  }

  /**
   * Whether the account is in a margin call: its margin level ({@code TradeBalance ml}) was below
   * the pairs' {@code margin_call} level (80 %) when last looked at (every simulated minute while
   * positions are open, and after each margin trade). Below {@code margin_stop} (40 %) positions
   * are liquidated, the most losing first.
   */
  public synchronized boolean marginCall() {
    return exchange.marginCall();
  }

  /** The margin figures now, in USD (what {@code TradeBalance} converts). */
  synchronized Exchange.Exposure exposure() {
    return exchange.exposure(now);
  }

  /** The order with this txid, if there is one. */
  public synchronized Optional<Order> findOrder(String txid) {
    return exchange.findOrder(txid);
  }

  /**
   * Moves the clock on by {@code duration}: prices walk on, open orders fill when the market
   * reaches them, staking pays, and the bots tick. If no fill happened meanwhile, the trend bot
   * trades once at the new time, so every call adds at least one trade when the account has
   * anything to trade with.
   */
  public synchronized void advance(Duration duration) {
    if (requireNonNull(duration, "duration").isNegative()) {
      throw new IllegalArgumentException("Cannot go back in time: " + duration);
    }
    Instant target = now.plus(duration);
    int fillsBefore = exchange.fillCount();
    simulation.runUntil(target);
    if (exchange.fillCount() == fillsBefore) {
      simulation.forceTrade(target);
    }
    simulation.ensureOpenOrders(target);
    catchUp(target);
  }

  /**
   * Places an order now, as {@code AddOrder} does: a market order (or a limit order at or through
   * the current price) fills at once at the current price and books its trade and ledger rows; any
   * other limit order rests. An order with leverage trades on margin: it opens, reduces or closes
   * positions (see {@link Exchange}).
   *
   * @throws OrderRejectedException with Kraken's error, such as {@code EOrder:Insufficient funds}
   *     or {@code EOrder:Insufficient margin}
   */
  public synchronized Order submit(OrderRequest request) {
    Order order = exchange.submit(now, requireNonNull(request, "request"), Optional.empty());
    catchUp(now);
    return order;
  }

  /**
   * Checks an order as {@link #submit(OrderRequest)} would, without placing it ({@code AddOrder}
   * with {@code validate=true}).
   *
   * @throws OrderRejectedException with Kraken's error when the order would be refused
   */
  public synchronized void validate(OrderRequest request) {
    exchange.check(now, requireNonNull(request, "request"));
  }

  /**
   * Cancels an open order now.
   *
   * @throws OrderRejectedException {@code EOrder:Unknown order} when there is no such open order
   */
  public synchronized Order cancel(String txid) {
    Order order = exchange.cancel(now, requireNonNull(txid, "txid"));
    catchUp(now);
    return order;
  }

  /**
   * Books a deposit of {@code amount} (positive, at most the asset's decimals) of {@code asset} (a
   * Kraken id such as {@code ZUSD}) now, with a fresh {@code FT…} refid.
   */
  public synchronized LedgerEntry deposit(String asset, BigDecimal amount) {
    LedgerEntry entry = exchange.deposit(now, asset, amount, BigDecimal.ZERO);
    catchUp(now);
    return entry;
  }

  private void catchUp(Instant target) {
    Instant last = exchange.lastTime();
    now = last.isAfter(target) ? last : target;
  }
}
