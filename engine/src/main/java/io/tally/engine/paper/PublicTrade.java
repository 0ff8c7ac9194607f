package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Side;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade printed on a pair's public tape: its price, its base volume, its time and the side of
 * the order that took liquidity (Kraken's {@code Trades} {@code b}/{@code s}).
 *
 * <p>Example: {@code new PublicTrade(Pair.parse("XBT/USDT"), at, new BigDecimal("58990"), new
 * BigDecimal("0.05"), Side.SELL)}: a seller hit bids down to 58,990 for 0.05 XBT. Immutable.
 *
 * @param price positive
 * @param volume base units, positive, at most 10 decimals
 */
public record PublicTrade(Pair pair, Instant at, BigDecimal price, BigDecimal volume, Side side) {

  public PublicTrade {
    requireNonNull(pair, "pair");
    requireNonNull(at, "at");
    price = Precision.canonical(Checks.positive("price", price));
    volume = Checks.quantity("volume", volume);
    requireNonNull(side, "side");
  }
}
