package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Generates a {@link SimulatedAccount} from a seed: the same seed, length and end give the same
 * account, row for row.
 *
 * <p>The history, from {@code end − days} to {@code end} (times below are fractions of it):
 *
 * <ul>
 *   <li>at the start, deposits of 50 000 USD and 20 000 EUR (fiat) and 0.5 XBT (crypto);
 *   <li>manual trades ({@code userref 0}): ETH and DOT bought for USD with the fee in quote (0.02,
 *       0.03), XBT sold with the fee in base ({@code fcib}, 0.06), ETH sold for XBT on ETHXBT
 *       (0.10), XBT bought for USD once 1 000 KFEE credits arrived (0.30, 0.31), so the fee is a
 *       third ledger row in KFEE, and DOT sold (0.80);
 *   <li>half the DOT staked (0.04: {@code spottostaking}/{@code stakingfromspot}), then {@code
 *       staking} rewards on {@code DOT.S} at 12 % a year, every sixth of the history (between one
 *       hour and 3.5 days);
 *   <li>orders that end unfilled: limit buys 25 % under the market, one canceled (0.15), one
 *       expired (0.20); and one limit buy on XBTEUR partly filled, then canceled (0.25);
 *   <li>another 5 000 EUR (0.45) and 10 000 USD (0.70) deposited, USD withdrawn (0.50), and a
 *       withdrawal that failed and was reversed with a negative fee (0.55);
 *   <li>throughout, from 0.01, the {@link TrendBot} ({@code userref 1001}, market orders) and from
 *       0.035 the {@link GridBot} ({@code userref 1002}, {@code cl_ord_id KRKKD:grid_v2-…}, limit
 *       orders that fill, get canceled or stay open).
 * </ul>
 *
 * <p>With {@link MarginOptions#on()} (off by default, which leaves the history above unchanged row
 * for row) the account may also trade on margin, and from 0.05 the {@link MarginBot} ({@code
 * userref 1003}) opens and closes 2:1 and 3:1 positions on XBT/USD and ETH/USD, so the history
 * shows {@code margin} and {@code rollover} ledger rows and margin trades.
 *
 * <p>Example: {@code AccountGenerator.generate(42, 90, Instant.parse("2026-11-23T12:00:00Z"))}, or
 * {@code AccountGenerator.generate(42, 90, end, MarginOptions.on())}. Stateless.
 */
public final class AccountGenerator {

  private static final String USD = "ZUSD";
  private static final String EUR = "ZEUR";
  private static final String XBT = "XXBT";
  private static final String ETH = "XETH";
  private static final String DOT = "DOT";
  private static final String DOT_STAKED = "DOT.S";

  private AccountGenerator() {}

  /**
   * The account whose history spans the {@code days} (at least 1) before {@code end}; its clock
   * stands at {@code end}.
   */
  public static SimulatedAccount generate(long seed, int days, Instant end) {
    return generate(seed, days, end, MarginOptions.off());
  }

  /**
   * The account whose history spans the {@code days} (at least 1) before {@code end}, trading on
   * margin as {@code margin} says; its clock stands at {@code end}.
   */
  public static SimulatedAccount generate(long seed, int days, Instant end, MarginOptions margin) {
    requireNonNull(end, "end");
    requireNonNull(margin, "margin");
    if (days < 1) {
      throw new IllegalArgumentException("A history needs at least one day: " + days);
    }
    Instant start = end.minus(Duration.ofDays(days));
    Listing listing = Listing.kraken();
    Market market = new Market(listing, seed, start);
    Exchange exchange = new Exchange(listing, market, seed);
    exchange.enableMargin(margin);
    Simulation simulation = new Simulation(exchange, seed);
    new Script(exchange, simulation, start, Duration.between(start, end)).schedule();
    simulation.startBots(
        at(start, Duration.between(start, end), "0.01"),
        at(start, Duration.between(start, end), "0.035"));
    if (margin.enabled() && margin.bot()) {
      simulation.startMarginBot(at(start, Duration.between(start, end), "0.05"));
    }
    simulation.runUntil(end);
    simulation.ensureOpenOrders(end);
    Instant now = exchange.lastTime().isAfter(end) ? exchange.lastTime() : end;
    return new SimulatedAccount(seed, start, exchange, simulation, now);
  }

  private static Instant at(Instant start, Duration span, String fraction) {
    long seconds =
        new BigDecimal(fraction)
            .multiply(BigDecimal.valueOf(span.toSeconds()))
            .setScale(0, RoundingMode.DOWN)
            .longValueExact();
    return start.plusSeconds(seconds);
  }

  /** The scripted, non-bot part of the history. */
  private static final class Script {

    private final Exchange exchange;
    private final Simulation simulation;
    private final Instant start;
    private final Duration span;

    Script(Exchange exchange, Simulation simulation, Instant start, Duration span) {
      this.exchange = exchange;
      this.simulation = simulation;
      this.start = start;
      this.span = span;
    }

    void schedule() {
      Duration shortWhile = min(Duration.ofDays(1), span.dividedBy(33));
      at(start.plus(Duration.ofMinutes(5)), t -> deposit(t, USD, "50000"));
      at(start.plus(Duration.ofMinutes(15)), t -> deposit(t, EUR, "20000"));
      at(start.plus(Duration.ofMinutes(30)), t -> deposit(t, XBT, "0.5"));
      at("0.02", t -> buyFor(t, "XETHZUSD", new BigDecimal("8000"), new BigDecimal("0.2")));
      at("0.03", t -> buyFor(t, "DOTUSD", new BigDecimal("4000"), new BigDecimal("0.1")));
      at("0.04", this::stake);
      at("0.06", t -> sellShare(t, "XXBTZUSD", new BigDecimal("0.2"), true));
      at("0.10", t -> sellShare(t, "XETHXXBT", new BigDecimal("0.25"), false));
      at("0.15", t -> farLimit(t, "XXBTZUSD", shortWhile, false));
      at("0.20", t -> farLimit(t, "XETHZUSD", shortWhile, true));
      at("0.25", this::partlyFilled);
      at("0.30", t -> deposit(t, Exchange.KFEE, "1000"));
      at("0.31", t -> buyFor(t, "XXBTZUSD", new BigDecimal("400"), new BigDecimal("0.05")));
      at("0.45", t -> deposit(t, EUR, "5000"));
      at("0.50", this::withdraw);
      at("0.55", this::failedWithdrawal);
      at("0.70", t -> deposit(t, USD, "10000"));
      at("0.80", t -> sellShare(t, "DOTUSD", new BigDecimal("0.1"), false));
    }

    private void at(String fraction, Consumer<Instant> action) {
      simulation.schedule(AccountGenerator.at(start, span, fraction), action);
    }

    private void at(Instant time, Consumer<Instant> action) {
      simulation.schedule(time, action);
    }

    private void deposit(Instant at, String asset, String amount) {
      exchange.deposit(at, asset, new BigDecimal(amount), BigDecimal.ZERO);
    }

    /** A manual market buy for {@code budget} quote, or {@code share} of what is available. */
    private void buyFor(Instant at, String key, BigDecimal budget, BigDecimal share) {
      ListedPair pair = exchange.listing().pair(key);
      BigDecimal spend = budget.min(exchange.available(pair.quote().id()).multiply(share));
      BigDecimal volume =
          spend.divide(exchange.market().price(key, at), pair.lotDecimals(), RoundingMode.DOWN);
      if (tradable(pair, volume)) {
        submit(at, OrderRequest.market(key, Side.BUY, volume), Optional.empty());
      }
    }

    /** A manual market sell of {@code share} of the available base. */
    private void sellShare(Instant at, String key, BigDecimal share, boolean feeInBase) {
      ListedPair pair = exchange.listing().pair(key);
      BigDecimal volume =
          Simulation.floor(
              exchange.available(pair.base().id()).multiply(share), pair.lotDecimals());
      if (tradable(pair, volume)) {
        submit(
            at,
            OrderRequest.market(key, Side.SELL, volume).withFeeInBase(feeInBase),
            Optional.empty());
      }
    }

    /**
     * A limit buy for 200 quote 25 % under the market, which never fills: canceled after {@code
     * life}, or given that long to expire (dollars are always there, coins not).
     */
    private void farLimit(Instant at, String key, Duration life, boolean expires) {
      ListedPair pair = exchange.listing().pair(key);
      BigDecimal limit =
          exchange
              .market()
              .price(key, at)
              .multiply(new BigDecimal("0.75"))
              .setScale(pair.pairDecimals(), RoundingMode.DOWN);
      BigDecimal volume =
          new BigDecimal("200").divide(limit, pair.lotDecimals(), RoundingMode.DOWN);
      if (!tradable(pair, volume)) {
        return;
      }
      Instant end = at.plus(life);
      Optional<Order> order =
          submit(
              at,
              OrderRequest.limit(key, Side.BUY, volume, limit),
              expires ? Optional.of(end) : Optional.empty());
      order.ifPresent(
          placed ->
              simulation.schedule(
                  end,
                  t -> {
                    if (exchange.findOrder(placed.txid()).orElseThrow().status().isOpen()) {
                      if (expires) {
                        exchange.expire(t, placed.txid());
                      } else {
                        exchange.cancel(t, placed.txid());
                      }
                    }
                  }));
    }

    /** A limit buy on XBTEUR of which 40 % fills as maker before it is canceled. */
    private void partlyFilled(Instant at) {
      ListedPair pair = exchange.listing().pair("XXBTZEUR");
      BigDecimal limit =
          exchange
              .market()
              .price(pair.key(), at)
              .multiply(new BigDecimal("0.999"))
              .setScale(pair.pairDecimals(), RoundingMode.DOWN);
      BigDecimal volume =
          new BigDecimal("0.02")
              .min(
                  exchange
                      .available(pair.quote().id())
                      .multiply(new BigDecimal("0.2"))
                      .divide(limit, pair.lotDecimals(), RoundingMode.DOWN));
      if (!tradable(pair, volume)) {
        return;
      }
      Optional<Order> order =
          submit(at, OrderRequest.limit(pair.key(), Side.BUY, volume, limit), Optional.empty());
      order.ifPresent(
          placed -> {
            BigDecimal part =
                Simulation.floor(volume.multiply(new BigDecimal("0.4")), pair.lotDecimals());
            if (part.compareTo(pair.ordermin()) >= 0) {
              exchange.fill(placed.txid(), at.plusSeconds(2), part, limit, true);
            }
            exchange.cancel(at.plusSeconds(20), placed.txid());
          });
    }

    private void stake(Instant at) {
      BigDecimal amount =
          Simulation.floor(exchange.available(DOT).multiply(new BigDecimal("0.5")), 4);
      if (amount.signum() > 0) {
        exchange.stake(at, DOT, DOT_STAKED, amount);
        Duration interval = span.dividedBy(6);
        interval = interval.compareTo(Duration.ofHours(1)) < 0 ? Duration.ofHours(1) : interval;
        interval = min(interval, Duration.ofHours(84));
        simulation.startStakingRewards(DOT_STAKED, at.plus(interval), interval);
      }
    }

    private void withdraw(Instant at) {
      BigDecimal fee = new BigDecimal("5");
      BigDecimal amount =
          new BigDecimal("2500")
              .min(
                  exchange
                      .available(USD)
                      .multiply(new BigDecimal("0.2"))
                      .setScale(0, RoundingMode.DOWN));
      if (amount.signum() > 0) {
        exchange.withdraw(at, USD, amount, fee);
      }
    }

    /** A withdrawal that fails and is reversed 25 minutes later: ETH, else XBT, else USD. */
    private void failedWithdrawal(Instant at) {
      for (List<String> choice :
          List.of(List.of(ETH, "0.0035"), List.of(XBT, "0.00015"), List.of(USD, "5"))) {
        String asset = choice.get(0);
        BigDecimal fee = new BigDecimal(choice.get(1));
        BigDecimal amount =
            Simulation.floor(exchange.available(asset).multiply(new BigDecimal("0.2")), 4);
        if (amount.compareTo(fee.multiply(BigDecimal.TEN)) > 0) {
          String refid = exchange.failingWithdrawal(at, asset, amount, fee);
          simulation.schedule(
              at.plus(Duration.ofMinutes(25)),
              later -> exchange.reverseWithdrawal(later, refid, asset, amount, fee));
          return;
        }
      }
    }

    private static boolean tradable(ListedPair pair, BigDecimal volume) {
      return volume.compareTo(pair.ordermin()) >= 0;
    }

    private Optional<Order> submit(Instant at, OrderRequest request, Optional<Instant> expiretm) {
      try {
        return Optional.of(exchange.submit(at, request, expiretm));
      } catch (OrderRejectedException rejected) {
        return Optional.empty();
      }
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }
}
