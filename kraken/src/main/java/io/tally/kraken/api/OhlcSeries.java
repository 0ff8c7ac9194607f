package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The candles of one pair at one interval, oldest first, from {@code /0/public/OHLC}. Kraken keeps
 * at most the 720 most recent candles; the last one is still open.
 *
 * <p>Example: {@code OhlcSeries[pair=XXBTZUSD, intervalMinutes=60, candles=[...], last=1706796000]}
 * ({@code last} is the cursor to pass as {@code since} next time). Immutable.
 *
 * @param pair the pair key, such as {@code XXBTZUSD}
 * @param intervalMinutes the candle length in minutes
 * @param candles the candles, oldest first
 * @param last the cursor for the next call's {@code since}, in unix seconds
 */
public record OhlcSeries(String pair, int intervalMinutes, List<Candle> candles, long last) {

  public OhlcSeries {
    requireNonNull(pair, "pair");
    candles = List.copyOf(candles);
    if (intervalMinutes <= 0) {
      throw new IllegalArgumentException("Interval must be positive: " + intervalMinutes);
    }
  }
}
