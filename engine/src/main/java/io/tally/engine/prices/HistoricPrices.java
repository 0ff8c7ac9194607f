package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.engine.prices.PriceRequests.Missing;
import io.tally.kraken.KrakenException;
import io.tally.kraken.api.Candle;
import io.tally.kraken.api.PublicTrade;
import io.tally.kraken.api.PublicTrades;
import io.tally.money.Asset;
import io.tally.store.StoredPrice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The one source of past prices, for {@code tally sync} and {@code tally prices fetch} alike: for
 * each moment the books ask about, the price of the last public trade at or before it on the pair
 * that prices the asset in the base currency (a cross through XBT or USDT takes each leg's last
 * trade, {@link KrakenMarkets#routeFor}), found by paging Kraken's {@code Trades} ({@link
 * LastTrades}). Only where no trade can be had (none in the week before the moment, a pair Kraken
 * will not page) is the close of the OHLC candle containing the moment used ({@link CandleWindow}),
 * and with neither the moment stays unpriced, with the reason. Each price is stored at the exact
 * moment asked, with its source: {@code kraken:trades:XXBTZUSD} or {@code
 * kraken:ohlc:XXBTZUSD:1440}.
 *
 * <p>Example: {@code new HistoricPrices(markets, base, trades, candles, progress)
 * .fetch(requests.missing(), now)}. Stateless apart from the sources it is given.
 */
public final class HistoricPrices {

  /** The start of the source of every price taken from public trades. */
  public static final String TRADES_SOURCE = "kraken:trades:";

  /** The start of the source of every price taken from an OHLC close. */
  public static final String OHLC_SOURCE = "kraken:ohlc:";

  /** One page of a pair's public trades after a time (Kraken's {@code Trades}). */
  @FunctionalInterface
  public interface TradeSource {
    PublicTrades trades(String pairKey, Instant since);
  }

  /** Candles of a pair at an interval, from a time on (Kraken's OHLC). */
  @FunctionalInterface
  public interface CandleSource {
    List<Candle> candles(String pairKey, int intervalMinutes, Instant since);
  }

  /** Why a moment has no price. */
  public enum Reason {
    /** No route: Kraken lists no pair for the asset against the base, XBT or USDT. */
    NO_PAIR(
        "Kraken lists no pair that prices it in the base currency, directly or through XBT"
            + " or USDT"),
    /**
     * A route, but no trade found within reach before the moment (7 days back, 20 pages) and no
     * candle containing it.
     */
    NO_MARKET_DATA(
        "no Kraken trade within reach before it (7 days back, 20 pages), and no OHLC candle"
            + " Kraken still serves contains it");

    private final String text;

    Reason(String text) {
      this.text = text;
    }

    /** The reason as a person reads it. */
    public String text() {
      return text;
    }
  }

  /** A moment left without a price, and why. */
  public record Unpriced(Missing moment, Reason reason) {
    public Unpriced {
      requireNonNull(moment, "moment");
      requireNonNull(reason, "reason");
    }
  }

  /**
   * What could be priced and what could not; {@code tradePages} counts the {@code Trades} pages
   * fetched.
   */
  public record Result(List<StoredPrice> prices, List<Unpriced> unpriced, int tradePages) {
    public Result {
      prices = List.copyOf(prices);
      unpriced = List.copyOf(unpriced);
    }

    /** Prices taken from public trades. */
    public int fromTrades() {
      return (int) prices.stream().filter(p -> p.source().startsWith(TRADES_SOURCE)).count();
    }

    /** Prices taken from OHLC closes. */
    public int fromOhlc() {
      return (int) prices.stream().filter(p -> p.source().startsWith(OHLC_SOURCE)).count();
    }
  }

  private final KrakenMarkets markets;
  private final Asset base;
  private final TradeSource trades;
  private final CandleSource candles;
  private final Consumer<String> progress;

  public HistoricPrices(
      KrakenMarkets markets,
      Asset base,
      TradeSource trades,
      CandleSource candles,
      Consumer<String> progress) {
    this.markets = requireNonNull(markets, "markets");
    this.base = requireNonNull(base, "base");
    this.trades = requireNonNull(trades, "trades");
    this.candles = requireNonNull(candles, "candles");
    this.progress = requireNonNull(progress, "progress");
  }

  private record Planned(Missing question, PriceRoute route) {}

  /** Prices for as many of the missing moments as Kraken's trades, else candles, can give. */
  public Result fetch(List<Missing> missing, Instant now) {
    List<Planned> planned = new ArrayList<>();
    List<Unpriced> unpriced = new ArrayList<>();
    Map<String, SortedSet<Instant>> moments = new TreeMap<>();
    for (Missing question : missing) {
      Optional<PriceRoute> route = markets.routeFor(question.asset(), base);
      if (route.isEmpty()) {
        unpriced.add(new Unpriced(question, Reason.NO_PAIR));
        continue;
      }
      planned.add(new Planned(question, route.get()));
      for (PriceRoute.Leg leg : route.get().legs()) {
        moments.computeIfAbsent(leg.pair().key(), k -> new TreeSet<>()).add(question.at());
      }
    }

    Map<String, Map<Instant, PublicTrade>> lastTrades = new HashMap<>();
    int pages = 0;
    for (Map.Entry<String, SortedSet<Instant>> pair : moments.entrySet()) {
      LastTrades search = new LastTrades(pair.getKey(), trades, now);
      try {
        lastTrades.put(pair.getKey(), search.find(pair.getValue()));
      } catch (KrakenException e) {
        if (e.isRetryable()) {
          throw e;
        }
        // Kraken will not page this pair's trades: its moments fall back to OHLC closes.
        progress.accept("  trades " + pair.getKey() + ": " + e.getMessage());
        lastTrades.put(pair.getKey(), Map.of());
      }
      pages += search.pages();
      progress.accept(
          String.format(
              "  trades %-9s %,d moments, %,d pages, %,d found",
              pair.getKey(),
              pair.getValue().size(),
              search.pages(),
              lastTrades.get(pair.getKey()).size()));
    }

    List<StoredPrice> prices = new ArrayList<>();
    List<Planned> fallback = new ArrayList<>();
    for (Planned plan : planned) {
      List<BigDecimal> legPrices = new ArrayList<>();
      for (PriceRoute.Leg leg : plan.route().legs()) {
        Optional.ofNullable(lastTrades.get(leg.pair().key()).get(plan.question().at()))
            .ifPresent(trade -> legPrices.add(trade.price()));
      }
      if (legPrices.size() == plan.route().legs().size()) {
        prices.add(
            new StoredPrice(
                plan.question().asset().code(),
                plan.question().at(),
                plan.route().price(legPrices).toPlainString(),
                TRADES_SOURCE + plan.route().name()));
      } else {
        fallback.add(plan);
      }
    }
    closes(fallback, now, prices, unpriced);
    return new Result(prices, unpriced, pages);
  }

  /**
   * Prices the moments trades could not from the close of the candle containing each, at the finest
   * interval that still reaches back to it; one OHLC call per pair and interval.
   */
  private void closes(
      List<Planned> planned, Instant now, List<StoredPrice> prices, List<Unpriced> unpriced) {
    record Request(String pair, int interval) {}
    Map<Request, Instant> earliest = new LinkedHashMap<>();
    Map<Planned, Integer> intervals = new HashMap<>();
    for (Planned plan : planned) {
      OptionalInt interval = CandleWindow.intervalFor(plan.question().at(), now);
      if (interval.isEmpty()) {
        unpriced.add(new Unpriced(plan.question(), Reason.NO_MARKET_DATA));
        continue;
      }
      intervals.put(plan, interval.getAsInt());
      for (PriceRoute.Leg leg : plan.route().legs()) {
        earliest.merge(
            new Request(leg.pair().key(), interval.getAsInt()),
            plan.question().at(),
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
    for (Planned plan : planned) {
      if (!intervals.containsKey(plan)) {
        continue;
      }
      int interval = intervals.get(plan);
      List<BigDecimal> closes = new ArrayList<>();
      for (PriceRoute.Leg leg : plan.route().legs()) {
        CandleWindow.containing(
                series.get(new Request(leg.pair().key(), interval)), interval, plan.question().at())
            .ifPresent(candle -> closes.add(candle.close()));
      }
      if (closes.size() == plan.route().legs().size()) {
        prices.add(
            new StoredPrice(
                plan.question().asset().code(),
                plan.question().at(),
                plan.route().price(closes).toPlainString(),
                OHLC_SOURCE + plan.route().name() + ":" + interval));
      } else {
        unpriced.add(new Unpriced(plan.question(), Reason.NO_MARKET_DATA));
      }
    }
  }
}
