package io.tally.engine.prices;

import io.tally.kraken.api.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which OHLC candles can price a past moment. Kraken serves only the 720 most recent candles of
 * each interval, so the price at a past time {@code t} is the close of the candle that contains
 * {@code t}, from the finest interval whose window still reaches back to {@code t} (daily and
 * weekly candles reach furthest).
 *
 * <p>Example: 3 hours ago fits the 1-minute window (720 minutes); 30 days ago needs the 60-minute
 * one (720 hours). Stateless.
 */
public final class CandleWindow {

  /** Kraken's OHLC intervals, in minutes, finest first. */
  public static final List<Integer> INTERVALS = List.of(1, 5, 15, 30, 60, 240, 1440, 10080, 21600);

  /** Candles Kraken keeps per interval. */
  public static final int CANDLES_KEPT = 720;

  private CandleWindow() {}

  /**
   * The finest interval whose kept candles, counted back from {@code now}, still contain {@code t};
   * empty when even the coarsest does not reach that far. One candle of margin is left for the
   * current, uncommitted candle.
   */
  public static OptionalInt intervalFor(Instant t, Instant now) {
    for (int minutes : INTERVALS) {
      Instant oldest = now.minus(Duration.ofMinutes((long) minutes * (CANDLES_KEPT - 1)));
      if (!t.isBefore(oldest)) {
        return OptionalInt.of(minutes);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The candle of {@code intervalMinutes} that contains {@code t}: {@code time ≤ t < time +
   * interval}.
   */
  public static Optional<Candle> containing(List<Candle> candles, int intervalMinutes, Instant t) {
    Duration length = Duration.ofMinutes(intervalMinutes);
    for (Candle candle : candles) {
      if (!candle.time().isAfter(t) && t.isBefore(candle.time().plus(length))) {
        return Optional.of(candle);
      }
    }
    return Optional.empty();
  }
}
