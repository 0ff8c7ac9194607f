package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The clock of the simulated account: a queue of timed actions (scripted deposits and trades, bot
 * ticks, staking rewards) run in time order, with the open limit orders checked against every
 * minute's price in between. While margin positions are open, every minute also books the rollover
 * fees that fell due (each at its own time, also before any timed action) and looks at the margin
 * level (margin call, liquidation). Virtual time only: nothing sleeps.
 *
 * <p>Example: {@code simulation.schedule(t, at -> exchange.deposit(at, "ZUSD", amount, fee));
 * simulation.runUntil(end)}. Not thread-safe; {@link SimulatedAccount} serialises access.
 */
final class Simulation {

  private static final Duration YEAR = Duration.ofDays(365);
  private static final BigDecimal STAKING_APR = new BigDecimal("0.12");

  private final Exchange exchange;
  private final Market market;
  private final SplittableRandom random;
  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>(Comparator.comparing(Task::at).thenComparingLong(Task::sequence));
  private final TrendBot trend;
  private final GridBot grid;
  private final long seed;
  private long sequence;
  private long sweptMinute = -1;

  /** One timed action; {@code action} receives its own time. */
  private record Task(Instant at, long sequence, Consumer<Instant> action) {}

  Simulation(Exchange exchange, long seed) {
    this.exchange = requireNonNull(exchange, "exchange");
    this.market = exchange.market();
    this.random = new SplittableRandom(seed ^ 0x73696d756c617465L);
    this.trend = new TrendBot(exchange, random.split());
    this.grid = new GridBot(exchange, random.split());
    this.seed = seed;
  }

  /** Runs {@code action} at {@code at} plus a random fraction of a second (microseconds). */
  void schedule(Instant at, Consumer<Instant> action) {
    tasks.add(new Task(at.plus(random.nextLong(1_000_000), ChronoUnit.MICROS), sequence++, action));
  }

  /**
   * Starts both bots: the trend bot's first tick at {@code trendAt}, the grid bot's at {@code
   * gridAt}.
   */
  void startBots(Instant trendAt, Instant gridAt) {
    schedule(trendAt, this::trendTick);
    schedule(gridAt, this::gridTick);
  }

  /**
   * Starts the {@link MarginBot} with its first tick at {@code first}; it draws from a stream of
   * its own, so the other bots trade as they would without it.
   */
  void startMarginBot(Instant first) {
    MarginBot bot = new MarginBot(exchange, new SplittableRandom(seed ^ 0x6d617267696eL));
    schedule(first, at -> marginTick(bot, at));
  }

  /**
   * Pays staking rewards on {@code staked} every {@code interval} from {@code first} on, at a 12 %
   * yearly rate on the staked balance.
   */
  void startStakingRewards(String staked, Instant first, Duration interval) {
    schedule(first, at -> stakingReward(staked, interval, at));
  }

  /** Runs every action due up to {@code target}, checking open orders minute by minute. */
  void runUntil(Instant target) {
    market.extendTo(target);
    while (!tasks.isEmpty() && !tasks.peek().at().isAfter(target)) {
      Task task = tasks.poll();
      sweepThrough(market.minuteIndex(task.at()) - 1, target);
      exchange.rollOver(task.at());
      task.action().accept(task.at());
    }
    sweepThrough(market.minuteIndex(target), target);
    exchange.rollOver(target);
  }

  /** Makes the trend bot trade now if it can; whether it did. */
  boolean forceTrade(Instant at) {
    return trend.act(at);
  }

  /** Lets the grid bot quote again if the account has no open order. */
  void ensureOpenOrders(Instant at) {
    if (exchange.openOrders().isEmpty()) {
      grid.act(at);
    }
  }

  private void trendTick(Instant at) {
    trend.act(at);
    schedule(at.plus(between(Duration.ofHours(3), Duration.ofHours(8))), this::trendTick);
  }

  private void marginTick(MarginBot bot, Instant at) {
    bot.act(at);
    schedule(
        at.plus(between(Duration.ofHours(2), Duration.ofHours(7))), next -> marginTick(bot, next));
  }

  private void gridTick(Instant at) {
    grid.act(at);
    schedule(at.plus(between(Duration.ofHours(1), Duration.ofHours(4))), this::gridTick);
  }

  private void stakingReward(String staked, Duration interval, Instant at) {
    BigDecimal reward =
        exchange
            .balance(staked)
            .multiply(STAKING_APR)
            .multiply(BigDecimal.valueOf(interval.toSeconds()))
            .divide(
                BigDecimal.valueOf(YEAR.toSeconds()),
                exchange.listing().asset(staked).decimals(),
                RoundingMode.HALF_EVEN);
    if (reward.signum() > 0) {
      exchange.stakingReward(at, staked, reward);
    }
    schedule(at.plus(interval), next -> stakingReward(staked, interval, next));
  }

  private void sweepThrough(long minute, Instant limit) {
    if (minute <= sweptMinute) {
      return;
    }
    if (idle()) {
      sweptMinute = minute;
      return;
    }
    for (long m = sweptMinute + 1; m <= minute; m++) {
      Instant at = market.minuteStart(m).plus(random.nextLong(60_000_000), ChronoUnit.MICROS);
      if (at.isAfter(limit)) {
        at = limit;
      }
      if (exchange.hasOpenPositions()) {
        exchange.rollOver(at);
        exchange.watchMargin(at);
      }
      exchange.sweep(m, at);
      sweptMinute = m;
      if (idle()) {
        sweptMinute = minute;
        return;
      }
    }
  }

  /** Whether no minute needs looking at: no open order, no open position. */
  private boolean idle() {
    return exchange.openOrders().isEmpty() && !exchange.hasOpenPositions();
  }

  /** A random duration in {@code [low, high)}, whole seconds. */
  private Duration between(Duration low, Duration high) {
    return Duration.ofSeconds(random.nextLong(low.toSeconds(), high.toSeconds()));
  }

  /**
   * A random fraction between {@code lowPercent} and {@code highPercent} percent, in basis points.
   */
  static BigDecimal percent(SplittableRandom random, int lowPercent, int highPercent) {
    return BigDecimal.valueOf(random.nextInt(lowPercent * 100, highPercent * 100 + 1), 4);
  }

  /** {@code value} cut down to {@code scale} decimals (a quantity one can afford). */
  static BigDecimal floor(BigDecimal value, int scale) {
    return value.setScale(scale, RoundingMode.DOWN);
  }
}
