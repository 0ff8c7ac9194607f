package io.tally.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A margin bot tagged {@code userref=1003}, on only when margin is ({@link MarginOptions#bot()}):
 * on each tick it either closes its open position, once that is 12 hours old (sometimes half of it
 * first), or, with no position, opens one now and then: a 2:1 or 3:1 long after a 12-hour rise or
 * short after a fall on XBT/USD or ETH/USD, with a margin of 3–6 % of the available dollars. Its
 * positions pay rollovers while they stay open. It closes with a market order of the other side and
 * the same leverage, which closes the oldest positions of the pair first (FIFO), whoever opened
 * them.
 *
 * <p>Example: {@code new MarginBot(exchange, random).act(now)}. Not thread-safe.
 */
final class MarginBot {

  /** The {@code userref} of this bot's orders. */
  static final int USERREF = 1003;

  private static final List<String> PAIRS = List.of("XXBTZUSD", "XETHZUSD");
  private static final Duration LOOKBACK = Duration.ofHours(12);
  private static final Duration HOLD = Duration.ofHours(12);

  private final Exchange exchange;
  private final SplittableRandom random;

  MarginBot(Exchange exchange, SplittableRandom random) {
    this.exchange = exchange;
    this.random = random;
  }

  /** Closes or opens a position if it is time to; whether it traded. */
  boolean act(Instant at) {
    Optional<Position> mine = ownPosition();
    if (mine.isPresent()) {
      Position position = mine.get();
      if (position.time().plus(HOLD).isAfter(at)) {
        return false;
      }
      ListedPair pair = exchange.listing().pair(position.pair());
      BigDecimal volume = position.openVol();
      if (position.volClosed().signum() == 0 && random.nextInt(4) == 0) {
        BigDecimal half =
            Simulation.floor(volume.divide(BigDecimal.valueOf(2)), pair.lotDecimals());
        volume = half.compareTo(pair.ordermin()) >= 0 ? half : volume;
      }
      return place(pair, position.side().opposite(), volume, position.leverage(), at);
    }
    if (random.nextInt(3) != 0) {
      return false;
    }
    String key = PAIRS.get(random.nextInt(PAIRS.size()));
    ListedPair pair = exchange.listing().pair(key);
    Market market = exchange.market();
    BigDecimal price = market.price(key, at);
    Side side = price.compareTo(market.price(key, at.minus(LOOKBACK))) > 0 ? Side.BUY : Side.SELL;
    int leverage = 2 + random.nextInt(2);
    BigDecimal margin =
        exchange.available(pair.quote().id()).multiply(Simulation.percent(random, 3, 6));
    BigDecimal volume =
        margin
            .multiply(BigDecimal.valueOf(leverage))
            .divide(price, pair.lotDecimals(), RoundingMode.DOWN);
    return place(pair, side, volume, leverage, at);
  }

  /** The oldest open position this bot opened. */
  private Optional<Position> ownPosition() {
    for (Position position : exchange.openPositions()) {
      boolean mine =
          exchange
              .findOrder(position.orderTxid())
              .map(order -> order.userref() == USERREF)
              .orElse(false);
      if (mine) {
        return Optional.of(position);
      }
    }
    return Optional.empty();
  }

  private boolean place(ListedPair pair, Side side, BigDecimal volume, int leverage, Instant at) {
    if (volume.compareTo(pair.ordermin()) < 0) {
      return false;
    }
    OrderRequest request =
        OrderRequest.market(pair.key(), side, volume).withLeverage(leverage).withUserref(USERREF);
    try {
      exchange.submit(at, request, Optional.empty());
      return true;
    } catch (OrderRejectedException rejected) {
      return false;
    }
  }
}
