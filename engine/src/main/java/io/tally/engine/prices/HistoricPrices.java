package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.engine.prices.PriceRequests.Missing;
import io.tally.kraken.api.Candle;
import io.tally.money.Asset;
import io.tally.store.StoredPrice;
import java.math.BigDecimal;
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
    record Planned(Missing question, PriceRoute route, int interval) {}
    Map<Request, Instant> earliest = new LinkedHashMap<>();
    List<Planned> planned = new ArrayList<>();
    List<Missing> unpriced = new ArrayList<>();
    for (Missing question : missing) {
      Optional<PriceRoute> route = markets.routeFor(question.asset(), base);
      OptionalInt interval = CandleWindow.intervalFor(question.at(), now);
      if (route.isEmpty() || interval.isEmpty()) {
        unpriced.add(question);
        continue;
      }
      planned.add(new Planned(question, route.get(), interval.getAsInt()));
      for (PriceRoute.Leg leg : route.get().legs()) {
        earliest.merge(
            new Request(leg.pair().key(), interval.getAsInt()),
            question.at(),
            (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    Map<Request, List<Candle>> series = new LinkedHashMap<>();
    earliest.forEach(
        (request, from) ->
            series.put(
                request,
                candles.candles(
                    request.pair(),
                    request.interval(),
                    from.minus(Duration.ofMinutes(request.interval())))));
    List<StoredPrice> prices = new ArrayList<>();
    for (Planned plan : planned) {
      List<BigDecimal> closes = new ArrayList<>();
      for (PriceRoute.Leg leg : plan.route().legs()) {
        CandleWindow.containing(
                series.get(new Request(leg.pair().key(), plan.interval())),
                plan.interval(),
                plan.question().at())
            .ifPresent(candle -> closes.add(candle.close()));
      }
      if (closes.size() == plan.route().legs().size()) {
        prices.add(
            new StoredPrice(
                plan.question().asset().code(),
                plan.question().at(),
                plan.route().price(closes).toPlainString(),
                "kraken:ohlc:" + plan.route().name() + ":" + plan.interval()));
      } else {
        unpriced.add(plan.question());
      }
    }
    return new Result(prices, unpriced);
  }
}
