package io.tally.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A momentum bot tagged {@code userref=1001}: on each tick it looks at one of XBT/USD and ETH/USD,
 * buys with 1–3 % of the available dollars after a 12-hour rise and sells 20–50 % of the coin after
 * a fall, with market orders. Its sells pay the fee in the base asset ({@code fcib}).
 *
 * <p>Example: {@code new TrendBot(exchange, random).act(now)}. Not thread-safe.
 */
final class TrendBot {

  /** The {@code userref} of this bot's orders. */
  static final int USERREF = 1001;

  private static final List<String> PAIRS = List.of("XXBTZUSD", "XETHZUSD");
  private static final Duration LOOKBACK = Duration.ofHours(12);

  private final Exchange exchange;
  private final SplittableRandom random;

  TrendBot(Exchange exchange, SplittableRandom random) {
    this.exchange = exchange;
    this.random = random;
  }

  /** Trades once if it can; whether it did. */
  boolean act(Instant at) {
    int first = random.nextInt(PAIRS.size());
    for (int i = 0; i < PAIRS.size(); i++) {
      String pair = PAIRS.get((first + i) % PAIRS.size());
      Market market = exchange.market();
      boolean rising = market.price(pair, at).compareTo(market.price(pair, at.minus(LOOKBACK))) > 0;
      if (rising ? buy(pair, at) || sell(pair, at) : sell(pair, at) || buy(pair, at)) {
        return true;
      }
    }
    return false;
  }

  private boolean buy(String key, Instant at) {
    ListedPair pair = exchange.listing().pair(key);
    BigDecimal budget =
        exchange.available(pair.quote().id()).multiply(Simulation.percent(random, 1, 3));
    BigDecimal price = exchange.market().price(key, at);
    BigDecimal volume = budget.divide(price, pair.lotDecimals(), RoundingMode.DOWN);
    return place(pair, Side.BUY, volume, false, at);
  }

  private boolean sell(String key, Instant at) {
    ListedPair pair = exchange.listing().pair(key);
    BigDecimal share = Simulation.percent(random, 20, 50);
    BigDecimal volume =
        Simulation.floor(
            exchange.available(pair.base().id()).multiply(share).multiply(new BigDecimal("0.99")),
            pair.lotDecimals());
    return place(pair, Side.SELL, volume, true, at);
  }

  private boolean place(
      ListedPair pair, Side side, BigDecimal volume, boolean feeInBase, Instant at) {
    if (volume.compareTo(pair.ordermin()) < 0) {
      return false;
    }
    OrderRequest request =
        OrderRequest.market(pair.key(), side, volume).withFeeInBase(feeInBase).withUserref(USERREF);
    try {
      exchange.submit(at, request, Optional.empty());
      return true;
    } catch (OrderRejectedException rejected) {
      return false;
    }
  }
}
