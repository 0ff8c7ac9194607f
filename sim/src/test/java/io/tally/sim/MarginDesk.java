package io.tally.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A bare margin account for worked examples: one USD deposit, margin on without the bot, no script
 * and no bots, so the only rows after the deposit are the test's. Trades can be filled at an exact
 * price (a resting limit order filled by hand, as taker). Not thread-safe.
 */
final class MarginDesk {

  static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
  static final String USD = "ZUSD";

  final Exchange exchange;
  final Simulation simulation;

  MarginDesk(long seed, BigDecimal deposit) {
    this(seed, deposit, MarginOptions.on().withoutBot());
  }

  MarginDesk(long seed, BigDecimal deposit, MarginOptions options) {
    Listing listing = Listing.kraken();
    exchange = new Exchange(listing, new Market(listing, seed, START), seed);
    exchange.enableMargin(options);
    simulation = new Simulation(exchange, seed);
    exchange.deposit(START.plusSeconds(60), USD, deposit, BigDecimal.ZERO);
  }

  /** The account around this desk, its clock at {@code now}, for the HTTP simulator. */
  SimulatedAccount account(Instant now) {
    return new SimulatedAccount(1, START, exchange, simulation, now);
  }

  /** The market price of {@code pair} at {@code at} (the market walks that far first). */
  BigDecimal price(String pair, Instant at) {
    exchange.market().extendTo(at);
    return exchange.market().price(pair, at);
  }

  /** Places a margin limit order far from the market (it rests) at {@code at}; returns its txid. */
  String rest(Instant at, String pair, Side side, String volume, int leverage) {
    BigDecimal market = price(pair, at);
    BigDecimal limit =
        market
            .multiply(new BigDecimal(side == Side.BUY ? "0.5" : "2"))
            .setScale(exchange.listing().pair(pair).pairDecimals(), RoundingMode.DOWN);
    OrderRequest request =
        OrderRequest.limit(pair, side, new BigDecimal(volume), limit).withLeverage(leverage);
    return exchange.submit(at, request, Optional.empty()).txid();
  }

  /** Fills a resting order entirely at exactly {@code price} (taker); the trades it made. */
  List<Fill> fillAt(Instant at, String orderTxid, BigDecimal price) {
    int before = exchange.fillCount();
    Order order = exchange.findOrder(orderTxid).orElseThrow();
    exchange.fill(orderTxid, at, order.remaining(), price, false);
    List<Fill> fills = exchange.fills();
    return fills.subList(before, fills.size());
  }

  /** A margin order of {@code volume} filled at exactly {@code price} at {@code at}. */
  List<Fill> trade(Instant at, String pair, Side side, String volume, String price, int leverage) {
    return fillAt(at, rest(at, pair, side, volume, leverage), new BigDecimal(price));
  }

  /** The newest ledger row. */
  LedgerEntry lastRow() {
    List<LedgerEntry> ledger = exchange.ledger();
    return ledger.get(ledger.size() - 1);
  }
}
