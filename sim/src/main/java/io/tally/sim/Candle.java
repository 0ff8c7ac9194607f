package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One OHLC candle of a pair's simulated market, as {@code /0/public/OHLC} returns it: prices at the
 * pair's price decimals, volume in base at its lot decimals.
 *
 * <p>Example: {@code Candle[time=2026-11-23T17:00:00Z, open=60012.3, high=60100.0, low=59950.1,
 * close=60050.0, vwap=60030.2, volume=118.23000000, count=2210]}. Immutable.
 *
 * @param time the start of the candle
 * @param open the first price
 * @param high the highest price
 * @param low the lowest price
 * @param close the last price
 * @param vwap the volume-weighted average price
 * @param volume the volume traded in base
 * @param count the number of market trades
 */
public record Candle(
    Instant time,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal vwap,
    BigDecimal volume,
    int count) {

  public Candle {
    requireNonNull(time, "time");
    requireNonNull(open, "open");
    requireNonNull(high, "high");
    requireNonNull(low, "low");
    requireNonNull(close, "close");
    requireNonNull(vwap, "vwap");
    requireNonNull(volume, "volume");
  }
}
