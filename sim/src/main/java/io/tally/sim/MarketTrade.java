package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade of the whole simulated market on a pair, as {@code /0/public/Trades} lists it (anyone's
 * trade, not the account's fills). Every trade of a minute is at that minute's close, and the first
 * one is at the minute's very start, so the last trade at or before any moment has the market's
 * price at that moment ({@link Market#price}).
 *
 * <p>Example: {@code MarketTrade[pair=XXBTZUSD, time=2026-11-23T12:00:00Z, price=61234.5,
 * volume=0.04210000, side=BUY, market=true, id=10204321]}. Immutable.
 *
 * @param pair the pair key, such as {@code XXBTZUSD}
 * @param time when it executed (whole microseconds)
 * @param price the price at the pair's price decimals
 * @param volume the base volume at the pair's lot decimals
 * @param side the taker's side
 * @param market whether the taker sent a market order (else a limit order)
 * @param id the per-pair trade id, increasing with time (not contiguous)
 */
public record MarketTrade(
    String pair,
    Instant time,
    BigDecimal price,
    BigDecimal volume,
    Side side,
    boolean market,
    long id) {

  public MarketTrade {
    requireNonNull(pair, "pair");
    requireNonNull(time, "time");
    requireNonNull(price, "price");
    requireNonNull(volume, "volume");
    requireNonNull(side, "side");
  }
}
