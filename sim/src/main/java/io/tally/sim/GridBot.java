package io.tally.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A grid bot tagged {@code userref=1002} whose orders also carry a client order id {@code
 * KRKKD:grid_v2-NNNN}: on each tick it keeps one limit buy 0.8–1.8 % under and one limit sell as
 * far over the market of DOT/USD and XBT/EUR, canceling quotes that went stale (older than 8 hours
 * or more than 3 % away). Its orders fill as maker when the market reaches them.
 *
 * <p>Example: {@code new GridBot(exchange, random).act(now)}. Not thread-safe.
 */
final class GridBot {

  /** The {@code userref} of this bot's orders. */
  static final int USERREF = 1002;

  /** The prefix of this bot's client order ids. */
  static final String CL_ORD_ID_PREFIX = "KRKKD:grid_v2-";

  private static final List<String> PAIRS = List.of("DOTUSD", "XXBTZEUR");
  private static final Duration STALE_AFTER = Duration.ofHours(8);
  private static final BigDecimal STALE_DISTANCE = new BigDecimal("0.03");

  private final Exchange exchange;
  private final SplittableRandom random;
  private int quotes;

  GridBot(Exchange exchange, SplittableRandom random) {
    this.exchange = exchange;
    this.random = random;
  }

  /** Cancels stale quotes and places the missing ones. */
  void act(Instant at) {
    for (String key : PAIRS) {
      ListedPair pair = exchange.listing().pair(key);
      BigDecimal price = exchange.market().price(key, at);
      boolean buying = false;
      boolean selling = false;
      for (Order order : exchange.openOrders()) {
        if (order.userref() != USERREF || !order.pair().equals(key)) {
          continue;
        }
        BigDecimal limit = order.limitPrice().orElseThrow();
        BigDecimal distance = limit.subtract(price).abs().divide(price, 6, RoundingMode.HALF_EVEN);
        if (!order.opentm().plus(STALE_AFTER).isAfter(at)
            || distance.compareTo(STALE_DISTANCE) > 0) {
          exchange.cancel(at, order.txid());
        } else if (order.side() == Side.BUY) {
          buying = true;
        } else {
          selling = true;
        }
      }
      BigDecimal gap = Simulation.percent(random, 0, 1).add(new BigDecimal("0.008"));
      if (!buying) {
        BigDecimal limit =
            price
                .multiply(BigDecimal.ONE.subtract(gap))
                .setScale(pair.pairDecimals(), RoundingMode.DOWN);
        BigDecimal budget = exchange.available(pair.quote().id()).multiply(new BigDecimal("0.04"));
        quote(
            pair, Side.BUY, budget.divide(limit, pair.lotDecimals(), RoundingMode.DOWN), limit, at);
      }
      if (!selling) {
        BigDecimal limit =
            price.multiply(BigDecimal.ONE.add(gap)).setScale(pair.pairDecimals(), RoundingMode.UP);
        BigDecimal volume =
            Simulation.floor(
                exchange.available(pair.base().id()).multiply(new BigDecimal("0.25")),
                pair.lotDecimals());
        quote(pair, Side.SELL, volume, limit, at);
      }
    }
  }

  private void quote(ListedPair pair, Side side, BigDecimal volume, BigDecimal limit, Instant at) {
    if (volume.compareTo(pair.ordermin()) < 0
        || volume.multiply(limit).compareTo(pair.costmin()) < 0) {
      return;
    }
    String clOrdId = CL_ORD_ID_PREFIX + String.format(Locale.ROOT, "%04d", ++quotes % 10_000);
    OrderRequest request =
        OrderRequest.limit(pair.key(), side, volume, limit)
            .withUserref(USERREF)
            .withClOrdId(clOrdId);
    try {
      exchange.submit(at, request, Optional.empty());
    } catch (OrderRejectedException rejected) {
      // Not enough left to quote this side now; the next tick tries again.
    }
  }
}
