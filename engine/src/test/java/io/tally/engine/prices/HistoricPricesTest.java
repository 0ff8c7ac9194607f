package io.tally.engine.prices;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.prices.PriceRequests.Missing;
import io.tally.kraken.api.Candle;
import io.tally.kraken.api.PairInfo;
import io.tally.money.Asset;
import io.tally.store.StoredPrice;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HistoricPricesTest {

  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final PairInfo XBTUSD =
      new PairInfo(
          "XXBTZUSD",
          "XBTUSD",
          "XBT/USD",
          "XXBT",
          "ZUSD",
          1,
          8,
          OptionalInt.of(5),
          new BigDecimal("0.0001"));
  private static final KrakenMarkets MARKETS = new KrakenMarkets(List.of(XBTUSD), Map.of());

  /**
   * Candles every {@code interval} minutes whose close is the candle's minute count since NOW-30d.
   */
  private static List<Candle> candles(int interval, Instant since) {
    List<Candle> list = new ArrayList<>();
    Instant start = Instant.parse("2024-05-01T00:00:00Z");
    for (Instant t = start; t.isBefore(NOW); t = t.plus(Duration.ofMinutes(interval))) {
      if (t.isAfter(since)) {
        BigDecimal close = BigDecimal.valueOf(Duration.between(start, t).toMinutes());
        list.add(new Candle(t, close, close, close, close, close, BigDecimal.ONE, 1));
      }
    }
    return list;
  }

  @Test
  void choosesTheFinestIntervalStillReachingBack() {
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofHours(3)), NOW)).hasValue(1);
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofHours(13)), NOW)).hasValue(5);
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofDays(20)), NOW)).hasValue(60);
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofDays(400)), NOW)).hasValue(1440);
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofDays(365 * 40)), NOW)).isEmpty();
  }

  @Test
  void thePriceOfAPastMomentIsTheCloseOfTheCandleContainingIt() {
    // 20 days back → 60-minute candles; 2024-05-12T10:37 lies in the candle of 10:00, whose
    // close is the minutes from May 1st to May 12th 10:00 = 11 × 1440 + 600 = 16,440
    Instant t = Instant.parse("2024-05-12T10:37:00Z");
    List<String> calls = new ArrayList<>();
    HistoricPrices prices =
        new HistoricPrices(
            MARKETS,
            Asset.USD,
            (pair, interval, since) -> {
              calls.add(pair + "@" + interval);
              return candles(interval, since);
            });

    HistoricPrices.Result result =
        prices.fetch(
            List.of(new Missing(Asset.XBT, t), new Missing(Asset.XBT, t.plus(Duration.ofHours(2)))),
            NOW);

    assertThat(result.prices())
        .extracting(StoredPrice::price)
        .containsExactly("16440", "16560"); // and 12:37 → candle 12:00 → 16,560
    assertThat(result.prices().get(0).source()).isEqualTo("kraken:ohlc:XXBTZUSD:60");
    assertThat(calls).as("one OHLC call per pair and interval").containsExactly("XXBTZUSD@60");
    assertThat(result.unpriced()).isEmpty();
  }

  @Test
  void anAssetWithoutAPairAgainstTheBaseStaysUnpriced() {
    HistoricPrices prices =
        new HistoricPrices(MARKETS, Asset.USD, (pair, interval, since) -> candles(interval, since));

    HistoricPrices.Result result =
        prices.fetch(List.of(new Missing(Asset.of("DOT"), NOW.minus(Duration.ofHours(1)))), NOW);

    assertThat(result.prices()).isEmpty();
    assertThat(result.unpriced()).extracting(Missing::asset).containsExactly(Asset.of("DOT"));
  }

  @Test
  void aConfiguredValuationPairWins() {
    PairInfo xbteur =
        new PairInfo(
            "XXBTZEUR",
            "XBTEUR",
            "XBT/EUR",
            "XXBT",
            "ZEUR",
            1,
            8,
            OptionalInt.empty(),
            BigDecimal.ONE);
    KrakenMarkets markets = new KrakenMarkets(List.of(XBTUSD, xbteur), Map.of(Asset.XBT, "XBTEUR"));

    assertThat(markets.pairFor(Asset.XBT, Asset.USD)).contains(xbteur);
    assertThat(
            new KrakenMarkets(List.of(XBTUSD, xbteur), Map.of())
                .pairFor(Asset.XBT, Asset.of("EUR")))
        .contains(xbteur);
  }

  @Test
  void onlyAnExactMomentAnswersARequest() {
    var table =
        io.tally.valuation.PriceTable.of(
            List.of(new io.tally.money.Price(Asset.XBT, BigDecimal.TEN, NOW, "stored")));
    PriceRequests requests = new PriceRequests(table);

    assertThat(requests.price(Asset.XBT, NOW)).isPresent();
    assertThat(requests.price(Asset.XBT, NOW.plusSeconds(1))).isEmpty();
    assertThat(requests.missing()).containsExactly(new Missing(Asset.XBT, NOW.plusSeconds(1)));
  }

  @Test
  void anAssetWithoutADirectPairIsPricedThroughXbt() {
    // EUR in USD = XBTUSD / XBTEUR: candles closing at 65,000 USD and 60,000 EUR
    // → 65,000 / 60,000 = 1.083333333333 (12 decimals)
    PairInfo xbteur =
        new PairInfo(
            "XXBTZEUR",
            "XBTEUR",
            "XBT/EUR",
            "XXBT",
            "ZEUR",
            1,
            8,
            OptionalInt.empty(),
            BigDecimal.ONE);
    KrakenMarkets markets = new KrakenMarkets(List.of(XBTUSD, xbteur), Map.of());
    Instant t = NOW.minus(Duration.ofHours(2));
    HistoricPrices prices =
        new HistoricPrices(
            markets,
            Asset.USD,
            (pair, interval, since) -> {
              BigDecimal close = new BigDecimal(pair.equals("XXBTZUSD") ? "65000" : "60000");
              return List.of(
                  new Candle(
                      t.minusSeconds(30), close, close, close, close, close, BigDecimal.ONE, 1));
            });

    HistoricPrices.Result result = prices.fetch(List.of(new Missing(Asset.of("EUR"), t)), NOW);

    assertThat(result.prices())
        .singleElement()
        .satisfies(
            price -> {
              assertThat(price.price()).isEqualTo("1.083333333333");
              assertThat(price.source()).isEqualTo("kraken:ohlc:XXBTZEUR^-1*XXBTZUSD:1");
            });
  }
}
