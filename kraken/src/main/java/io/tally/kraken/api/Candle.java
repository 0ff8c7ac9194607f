package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One OHLC candle of {@code /0/public/OHLC}.
 *
 * <p>Example: {@code Candle[time=2024-02-01T14:00:00Z, open=42500.1, high=42600, low=42480.3,
 * close=42590.9, vwap=42551.2, volume=12.5, count=311]}. Immutable.
 *
 * @param time the start of the candle's interval, UTC
 * @param open the first price
 * @param high the highest price
 * @param low the lowest price
 * @param close the last price
 * @param vwap the volume-weighted average price
 * @param volume the base volume traded
 * @param count the number of trades
 */
public record Candle(
    Instant time,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal vwap,
    BigDecimal volume,
    long count) {

  public Candle {
    requireNonNull(time, "time");
    open = Precision.canonical(requireNonNull(open, "open"));
    high = Precision.canonical(requireNonNull(high, "high"));
    low = Precision.canonical(requireNonNull(low, "low"));
    close = Precision.canonical(requireNonNull(close, "close"));
    vwap = Precision.canonical(requireNonNull(vwap, "vwap"));
    volume = Precision.canonical(requireNonNull(volume, "volume"));
  }
}
