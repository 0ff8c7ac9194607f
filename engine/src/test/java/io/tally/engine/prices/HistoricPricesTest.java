package io.tally.engine.prices;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.prices.HistoricPrices.Reason;
import io.tally.engine.prices.HistoricPrices.Unpriced;
import io.tally.engine.prices.PriceRequests.Missing;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.PairInfo;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.StoredPrice;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The price search through the real client against Kraken's public Trades and OHLC on loopback: a
 * tape of recorded-shape JSON for the edge cases, the simulator for agreement with its market.
 */
class HistoricPricesTest {

  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final Instant T = Instant.parse("2024-05-10T10:37:12.345678Z");
  private static final PairInfo XBTUSD = pair("XXBTZUSD", "XBTUSD", "XXBT", "ZUSD");
  private static final PairInfo XBTEUR = pair("XXBTZEUR", "XBTEUR", "XXBT", "ZEUR");
  private static final KrakenMarkets MARKETS = new KrakenMarkets(List.of(XBTUSD, XBTEUR), Map.of());

  private final KrakenTape tape = new KrakenTape();

  @AfterEach
  void stopTape() {
    tape.close();
  }

  private static PairInfo pair(String key, String altname, String base, String quote) {
    return new PairInfo(
        key,
        altname,
        altname.substring(0, 3) + "/" + altname.substring(3),
        base,
        quote,
        1,
        8,
        OptionalInt.of(5),
        new BigDecimal("0.0001"),
        Optional.of(new BigDecimal("0.5")));
  }

  private static HistoricPrices prices(KrakenClient client, KrakenMarkets markets) {
    return new HistoricPrices(
        markets,
        Asset.USD,
        (pair, since) -> client.trades(pair, Optional.of(since), KrakenClient.MAX_PUBLIC_TRADES),
        (pair, interval, since) -> client.ohlc(pair, interval, Optional.of(since)).candles(),
        line -> {});
  }

  private HistoricPrices.Result fetch(Missing... moments) {
    return prices(tape.client(), MARKETS).fetch(List.of(moments), NOW);
  }

  private static Missing xbt(Instant at) {
    return new Missing(Asset.XBT, at);
  }

  @Test
  void thePriceOfAPastMomentIsTheLastTradeAtOrBeforeIt() {
    tape.trade("XXBTZUSD", T.minusSeconds(40), "67000.1")
        .trade("XXBTZUSD", T.minusNanos(1), "67010.2")
        .trade("XXBTZUSD", T, "67020.3")
        .trade("XXBTZUSD", T.plusNanos(1), "67030.4")
        .trade("XXBTZUSD", T.plusSeconds(50), "67040.5");

    HistoricPrices.Result result =
        fetch(xbt(T.minusSeconds(1)), xbt(T), xbt(T.plusSeconds(49)), xbt(T.plusSeconds(50)));

    // T−1 s: the trade at T−40 s; T: the trade at T itself (at or before); T+49 s: the trade a
    // nanosecond after T; T+50 s: the trade at T+50 s
    assertThat(result.prices())
        .extracting(StoredPrice::at, StoredPrice::price, StoredPrice::source)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                T.minusSeconds(1), "67000.1", "kraken:trades:XXBTZUSD"),
            org.assertj.core.groups.Tuple.tuple(T, "67020.3", "kraken:trades:XXBTZUSD"),
            org.assertj.core.groups.Tuple.tuple(
                T.plusSeconds(49), "67030.4", "kraken:trades:XXBTZUSD"),
            org.assertj.core.groups.Tuple.tuple(
                T.plusSeconds(50), "67040.5", "kraken:trades:XXBTZUSD"));
    assertThat(result.unpriced()).isEmpty();
    assertThat(result.fromTrades()).isEqualTo(4);
    assertThat(tape.requests("Trades"))
        .as("nearby moments share one page, asked for from 15 minutes before the first")
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.parameters())
                    .containsEntry("pair", "XXBTZUSD")
                    .containsEntry("since", nanos(T.minusSeconds(1).minus(Duration.ofMinutes(15))))
                    .containsEntry("count", "1000"));
    assertThat(tape.requests("OHLC")).isEmpty();
  }

  @Test
  void pagesOnUntilPastTheMoment() {
    // 2,500 trades a second apart from T−30 min: the moment T is 1,800 s in, on the second page
    Instant first = T.minus(Duration.ofMinutes(30));
    for (int i = 0; i < 2500; i++) {
      tape.trade("XXBTZUSD", first.plusSeconds(i), Integer.toString(60_000 + i));
    }

    HistoricPrices.Result result = fetch(xbt(T));

    // search from T−15 min = trade 900 on: page 1 holds trades 901..1900 (T is trade 1,800.345 s)
    // → the last at or before T is trade 1,800 at 60,000 + 1,800 = 61,800
    assertThat(result.prices()).extracting(StoredPrice::price).containsExactly("61800");
    assertThat(tape.requests("Trades")).hasSize(1);

    HistoricPrices.Result later = fetch(xbt(first.plusSeconds(2400).plusMillis(1)));
    // from 2,400 − 900 = 1,500: trades 1,501..2,499 on one short page; the answer is 62,400
    assertThat(later.prices()).extracting(StoredPrice::price).containsExactly("62400");
  }

  @Test
  void aMomentShortlyAfterTheTradesFetchedPagesOnFromTheirCursor() {
    // one trade a second from T−900 s, priced 1,000 + its second: 3,000 trades
    Instant first = T.minusSeconds(900);
    for (int i = 0; i < 3000; i++) {
      tape.trade("XXBTZUSD", first.plusSeconds(i), Integer.toString(1000 + i));
    }

    HistoricPrices.Result result = fetch(xbt(T), xbt(T.plusSeconds(600)));

    // page 1 from T−900 s (exclusive): seconds 1..1,000 = T−899 s..T+100 s, so T is second 900
    // → 1,900; T+600 s lies 500 s after the page, within 15 minutes: page 2 goes on from the
    // cursor (T+100 s) and holds second 1,500 → 2,500
    assertThat(result.prices()).extracting(StoredPrice::price).containsExactly("1900", "2500");
    assertThat(tape.requests("Trades"))
        .extracting(request -> request.parameters().get("since"))
        .containsExactly(nanos(T.minusSeconds(900)), nanos(T.plusSeconds(100)));
  }

  @Test
  void aMomentThatWouldTakeMoreThanTwentyPagesFallsBackToOhlc() {
    // 25 trades a second through the 15 minutes before T: 22,500 trades, 23 pages to reach T
    Instant first = T.minusSeconds(900);
    for (int i = 0; i < 22_600; i++) {
      tape.trade("XXBTZUSD", first.plusMillis(40L * i + 1), "70000");
    }
    tape.candle("XXBTZUSD", Instant.parse("2024-05-10T10:00:00Z"), "66200");

    HistoricPrices.Result result = fetch(xbt(T));

    assertThat(result.prices())
        .extracting(StoredPrice::source)
        .containsExactly("kraken:ohlc:XXBTZUSD:60");
    assertThat(tape.requests("Trades")).hasSize(20);
  }

  @Test
  void aMomentWithNoTradeInTheFirstWindowIsSearchedFurtherBack() {
    tape.trade("XXBTZUSD", T.minus(Duration.ofHours(3)), "66000")
        .trade("XXBTZUSD", T.plus(Duration.ofHours(1)), "68000");

    HistoricPrices.Result result = fetch(xbt(T));

    // 15 min: nothing before T; 1 h: nothing; 4 h: the trade 3 h before T
    assertThat(result.prices()).extracting(StoredPrice::price).containsExactly("66000");
    assertThat(tape.requests("Trades"))
        .extracting(request -> request.parameters().get("since"))
        .containsExactly(
            nanos(T.minus(Duration.ofMinutes(15))),
            nanos(T.minus(Duration.ofHours(1))),
            nanos(T.minus(Duration.ofHours(4))));
  }

  @Test
  void aMomentWithNoTradeInAWeekFallsBackToTheOhlcClose() {
    // 22 days before NOW: hourly candles (720 h = 30 days reach it, 720 × 30 min = 15 days do
    // not); T lies in the 10:00 candle
    tape.trade("XXBTZUSD", T.minus(Duration.ofDays(8)), "50000")
        .candle("XXBTZUSD", Instant.parse("2024-05-10T09:00:00Z"), "66100")
        .candle("XXBTZUSD", Instant.parse("2024-05-10T10:00:00Z"), "66200")
        .candle("XXBTZUSD", Instant.parse("2024-05-10T11:00:00Z"), "66300");

    HistoricPrices.Result result = fetch(xbt(T));

    assertThat(result.prices())
        .singleElement()
        .satisfies(
            price -> {
              assertThat(price.price()).isEqualTo("66200");
              assertThat(price.source()).isEqualTo("kraken:ohlc:XXBTZUSD:60");
              assertThat(price.at()).isEqualTo(T);
            });
    assertThat(result.fromOhlc()).isEqualTo(1);
    assertThat(tape.requests("Trades"))
        .as("15 min, 1 h, 4 h, 16 h, 64 h, then the widest window: 7 days")
        .extracting(request -> request.parameters().get("since"))
        .endsWith(nanos(T.minus(Duration.ofDays(7))))
        .hasSize(6);
  }

  @Test
  void withNeitherTradesNorCandlesAMomentStaysUnpricedAndSaysWhy() {
    tape.trade("XXBTZUSD", T.plus(Duration.ofDays(1)), "70000");
    Missing dot = new Missing(Asset.of("DOT"), T);

    HistoricPrices.Result result = fetch(xbt(T), dot);

    assertThat(result.prices()).isEmpty();
    assertThat(result.unpriced())
        .containsExactlyInAnyOrder(
            new Unpriced(xbt(T), Reason.NO_MARKET_DATA), new Unpriced(dot, Reason.NO_PAIR));
    assertThat(Reason.NO_PAIR.text()).contains("no pair");
  }

  @Test
  void aPairKrakenWillNotPageFallsBackToOhlc() {
    // The tape has no XBTUSD trades at all: Kraken answers EQuery:Unknown asset pair
    tape.candle("XXBTZUSD", Instant.parse("2024-05-10T10:00:00Z"), "66200");

    HistoricPrices.Result result = fetch(xbt(T));

    assertThat(result.unpriced()).isEmpty();
    assertThat(result.prices())
        .extracting(StoredPrice::source)
        .containsExactly("kraken:ohlc:XXBTZUSD:60");
  }

  @Test
  void aCrossIsPricedFromTheLastTradeOfEachLeg() {
    // EUR in USD = XBTUSD ÷ XBTEUR = 65,000 / 60,000 = 1.083333333333 (12 decimals)
    tape.trade("XXBTZUSD", T.minusSeconds(5), "65000")
        .trade("XXBTZEUR", T.minusSeconds(90), "60000")
        .trade("XXBTZEUR", T.plusSeconds(1), "61000");

    HistoricPrices.Result result = fetch(new Missing(Asset.of("EUR"), T));

    assertThat(result.prices())
        .singleElement()
        .satisfies(
            price -> {
              assertThat(price.price()).isEqualTo("1.083333333333");
              assertThat(price.source()).isEqualTo("kraken:trades:XXBTZEUR^-1*XXBTZUSD");
            });
  }

  @Test
  void aCrossWithALegWithoutTradesTakesBothLegsFromOhlc() {
    // XBTEUR has no trade in the week: both legs from the hourly candles, 65,100 / 60,100
    tape.trade("XXBTZUSD", T.minusSeconds(5), "65000")
        .trade("XXBTZEUR", T.minus(Duration.ofDays(9)), "50000")
        .candle("XXBTZUSD", Instant.parse("2024-05-10T10:00:00Z"), "65100")
        .candle("XXBTZEUR", Instant.parse("2024-05-10T10:00:00Z"), "60100");

    HistoricPrices.Result result = fetch(new Missing(Asset.of("EUR"), T));

    // 65,100 / 60,100 = 1.083194675540766… → 1.083194675541
    assertThat(result.prices())
        .singleElement()
        .satisfies(
            price -> {
              assertThat(price.price()).isEqualTo("1.083194675541");
              assertThat(price.source()).isEqualTo("kraken:ohlc:XXBTZEUR^-1*XXBTZUSD:60");
            });
  }

  @Test
  void choosesTheFinestCandleIntervalStillReachingBack() {
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofHours(3)), NOW)).hasValue(1);
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofHours(13)), NOW)).hasValue(5);
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofDays(20)), NOW)).hasValue(60);
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofDays(400)), NOW)).hasValue(1440);
    assertThat(CandleWindow.intervalFor(NOW.minus(Duration.ofDays(365 * 40)), NOW)).isEmpty();
  }

  @Test
  void aConfiguredValuationPairWins() {
    KrakenMarkets markets = new KrakenMarkets(List.of(XBTUSD, XBTEUR), Map.of(Asset.XBT, "XBTEUR"));

    assertThat(markets.pairFor(Asset.XBT, Asset.USD)).contains(XBTEUR);
    assertThat(MARKETS.pairFor(Asset.XBT, Asset.of("EUR"))).contains(XBTEUR);
  }

  @Test
  void aRequestIsAnsweredAsThePricesDoAndListedUnlessExact() {
    Price tenAtNow = new Price(Asset.XBT, BigDecimal.TEN, NOW, "s");
    PriceRequests requests = new PriceRequests(PriceTable.of(List.of(tenAtNow)));

    assertThat(requests.price(Asset.XBT, NOW)).contains(tenAtNow);
    // The earlier price answers (the books value the event with it meanwhile) ...
    assertThat(requests.price(Asset.XBT, NOW.plusSeconds(1))).contains(tenAtNow);
    assertThat(requests.price(Asset.of("ETH"), NOW)).isEmpty();
    assertThat(requests.price(Asset.XBT, NOW.plusSeconds(1))).contains(tenAtNow);
    // ... and the moments without an exact price are listed once each, in the order first asked.
    assertThat(requests.missing())
        .containsExactly(
            new Missing(Asset.XBT, NOW.plusSeconds(1)), new Missing(Asset.of("ETH"), NOW));
  }

  /**
   * Property over seeded random moments (the seed is in every message): against the simulator, each
   * moment's price is its market's price then, directly (XBT, ETH, DOT) or crossed (EUR via XBT).
   */
  @ParameterizedTest
  @ValueSource(longs = {3, 17, 101})
  void againstTheSimulatorEveryMomentHasTheMarketsPriceThen(long seed) {
    Instant end = Instant.parse("2026-03-01T12:00:00Z");
    SimulatedAccount account = AccountGenerator.generate(seed, 3, end);
    try (KrakenSimulator simulator =
        KrakenSimulator.start(account, 0, SimulatorOptions.defaults())) {
      KrakenClient client =
          KrakenClient.builder().baseUrl(simulator.baseUrl()).pacePublicCalls(false).build();
      KrakenMarkets markets = new KrakenMarkets(client.assetPairs(), Map.of());
      SplittableRandom random = new SplittableRandom(seed);
      List<Missing> moments = new ArrayList<>();
      List<Asset> assets = List.of(Asset.XBT, Asset.of("ETH"), Asset.of("DOT"), Asset.of("EUR"));
      for (int i = 0; i < 40; i++) {
        long micros = random.nextLong(Duration.ofDays(2).toNanos() / 1000);
        moments.add(
            new Missing(
                assets.get(i % assets.size()),
                end.minus(Duration.ofDays(2)).plusNanos(micros * 1000)));
      }

      HistoricPrices.Result result = prices(client, markets).fetch(moments, end);

      assertThat(result.unpriced()).as("seed %d", seed).isEmpty();
      assertThat(result.fromTrades()).as("seed %d", seed).isEqualTo(40);
      for (StoredPrice price : result.prices()) {
        BigDecimal expected =
            switch (price.asset()) {
              case "XBT" -> account.market().price("XXBTZUSD", price.at());
              case "ETH" -> account.market().price("XETHZUSD", price.at());
              case "DOT" -> account.market().price("DOTUSD", price.at());
              default ->
                  markets
                      .routeFor(Asset.of("EUR"), Asset.USD)
                      .orElseThrow()
                      .price(
                          List.of(
                              account.market().price("XXBTZEUR", price.at()),
                              account.market().price("XXBTZUSD", price.at())));
            };
        assertThat(new BigDecimal(price.price()))
            .as("seed %d: %s at %s", seed, price.asset(), price.at())
            .isEqualByComparingTo(expected);
      }
    }
  }

  private static String nanos(Instant time) {
    return BigDecimal.valueOf(time.getEpochSecond())
        .movePointRight(9)
        .add(BigDecimal.valueOf(time.getNano()))
        .toPlainString();
  }
}
