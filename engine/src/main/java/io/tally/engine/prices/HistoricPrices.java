package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.engine.prices.PriceRequests.Missing;
import io.tally.kraken.api.Candle;
import io.tally.kraken.api.PairInfo;
import io.tally.money.Asset;
import io.tally.store.StoredPrice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Fetches the past prices the books asked for from Kraken's OHLC candles: for each missing (asset,
 * time), the pair that prices the asset in the base currency, the finest interval that still
 * reaches that time ({@link CandleWindow}), and the close of the candle containing it. One OHLC
 * call serves every time of one pair and interval.
 *
 * <p>Example: {@code new HistoricPrices(markets, base, client::ohlc).fetch(requests.missing(),
 * now)}. Stateless apart from the candle source it is given.
 */
public final class HistoricPrices {

  /** Candles of a pair at an interval, from a time on (Kraken's OHLC). */
  @FunctionalInterface
  public interface CandleSource {
    List<Candle> candles(String pairKey, int intervalMinutes, Instant since);
  }

  /** What could be priced and what could not. */
  public record Result(List<StoredPrice> prices, List<Missing> unpriced) {}

  private final KrakenMarkets markets;
  private final Asset base;
  private final CandleSource candles;

  public HistoricPrices(KrakenMarkets markets, Asset base, CandleSource candles) {
    this.markets = requireNonNull(markets, "markets");
    this.base = requireNonNull(base, "base");
    this.candles = requireNonNull(candles, "candles");
  }

  /** Prices for as many of the missing moments as Kraken's candles still cover at {@code now}. */
  public Result fetch(List<Missing> missing, Instant now) {
    record Request(String pair, int interval) {}
    Map<Request, List<Missing>> requests = new LinkedHashMap<>();
    List<Missing> unpriced = new ArrayList<>();
    for (Missing question : missing) {
      Optional<PairInfo> pair = markets.pairFor(question.asset(), base);
      OptionalInt interval = CandleWindow.intervalFor(question.at(), now);
      if (pair.isEmpty() || interval.isEmpty()) {
        unpriced.add(question);
        continue;
      }
      requests
          .computeIfAbsent(
              new Request(pair.get().key(), interval.getAsInt()), r -> new ArrayList<>())
          .add(question);
    }
    List<StoredPrice> prices = new ArrayList<>();
    for (Map.Entry<Request, List<Missing>> entry : requests.entrySet()) {
      Request request = entry.getKey();
      Instant earliest =
          entry.getValue().stream().map(Missing::at).min(Instant::compareTo).orElseThrow();
      List<Candle> series =
          candles.candles(
              request.pair(),
              request.interval(),
              earliest.minus(Duration.ofMinutes(request.interval())));
      for (Missing question : entry.getValue()) {
        Optional<Candle> candle =
            CandleWindow.containing(series, request.interval(), question.at());
        if (candle.isPresent()) {
          prices.add(
              new StoredPrice(
                  question.asset().code(),
                  question.at(),
                  candle.get().close().toPlainString(),
                  "kraken:ohlc:" + request.pair() + ":" + request.interval()));
        } else {
          unpriced.add(question);
        }
      }
    }
    return new Result(prices, unpriced);
  }
}
