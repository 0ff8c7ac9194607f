package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tally.kraken.KrakenException;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import io.tally.kraken.api.KrakenStub.Reply;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KrakenClientTest {

  private static final Instant NOW = Instant.parse("2025-09-10T00:00:00Z");

  private final KrakenStub stub = new KrakenStub();
  private final FakeClock clock = new FakeClock(NOW);

  @AfterEach
  void stopStub() {
    stub.close();
  }

  private KrakenClient client() {
    return stub.client().clock(clock).sleeper(clock.sleeper()).build();
  }

  private static BigDecimal decimal(String text) {
    return new BigDecimal(text);
  }

  @Nested
  class PublicCalls {

    @Test
    void areUnsignedGetsWithAUserAgent() {
      client().serverTime();

      var request = stub.requests().get(0);
      assertThat(request.httpMethod()).isEqualTo("GET");
      assertThat(request.path()).isEqualTo("/0/public/Time");
      assertThat(request.headers()).containsEntry("User-Agent", "tally/0.1");
      assertThat(request.headers()).doesNotContainKeys("API-Key", "API-Sign");
    }

    @Test
    void serverTimeAndSystemStatus() {
      var kraken = client();

      assertThat(kraken.serverTime()).isEqualTo(Instant.parse("2025-09-10T00:00:00Z"));
      assertThat(kraken.systemStatus())
          .isEqualTo(new SystemStatus("online", Instant.parse("2025-09-10T00:00:01Z")));
      assertThat(kraken.systemStatus().isOnline()).isTrue();
    }

    @Test
    void assetsKeepInternalIdsAndToleratesMissingStatus() {
      List<AssetInfo> assets = client().assets();

      assertThat(assets)
          .containsExactly(
              new AssetInfo("XXBT", "XBT", 10, 5, "currency", "enabled"),
              new AssetInfo("ZEUR", "EUR", 4, 2, "currency", "enabled"),
              new AssetInfo("DOT28.S", "DOT28.S", 10, 8, "currency", ""),
              new AssetInfo("AMBRx", "AMBRx", 5, 2, "tokenized_asset", "enabled"));
      assertThat(assets.get(0).symbol().toString()).isEqualTo("XBT");
      assertThat(assets.get(2).symbol().toString()).isEqualTo("DOT.S");
    }

    @Test
    void assetPairsWithAndWithoutCostDecimalsAndCostmin() {
      List<PairInfo> pairs = client().assetPairs();

      assertThat(pairs).hasSize(2);
      PairInfo xbt = pairs.get(0);
      assertThat(xbt.key()).isEqualTo("XXBTZUSD");
      assertThat(xbt.altname()).isEqualTo("XBTUSD");
      assertThat(xbt.wsname()).isEqualTo("XBT/USD");
      assertThat(xbt.base()).isEqualTo("XXBT");
      assertThat(xbt.quote()).isEqualTo("ZUSD");
      assertThat(xbt.pairDecimals()).isEqualTo(1);
      assertThat(xbt.lotDecimals()).isEqualTo(8);
      assertThat(xbt.costDecimals()).hasValue(5);
      assertThat(xbt.ordermin()).isEqualByComparingTo("0.00005");
      assertThat(xbt.costmin()).as("\"costmin\": \"0.5\"").contains(new BigDecimal("0.5"));
      assertThat(pairs.get(1).costDecimals()).isEmpty();
      assertThat(pairs.get(1).costmin()).as("ETHUSDT gives no costmin").isEmpty();
      assertThat(pairs.get(1).ordermin()).isEqualByComparingTo("0.002");
      assertThat(pairs.get(1).base()).isEqualTo("XETH");
    }

    @Test
    void tickerTakesStringsOrNumbersAndIsStampedOnReceipt() {
      List<TickerQuote> quotes = client().ticker(List.of("XBTUSD", "ETHUSD"));

      assertThat(stub.requests("Ticker").get(0).parameters())
          .containsEntry("pair", "XBTUSD,ETHUSD");
      assertThat(quotes)
          .containsExactly(
              new TickerQuote(
                  "XXBTZUSD", decimal("73380.6"), decimal("73380.7"), decimal("73380.6"), NOW),
              new TickerQuote(
                  "XETHZUSD", decimal("4467.87"), decimal("4467.88"), decimal("4467.87"), NOW));
    }

    @Test
    void ohlcCandlesWithIntegerLast() {
      OhlcSeries series =
          client().ohlc("XBTUSD", 60, Optional.of(Instant.parse("2024-02-01T12:00:00.9Z")));

      assertThat(stub.requests("OHLC").get(0).parameters())
          .containsEntry("pair", "XBTUSD")
          .containsEntry("interval", "60")
          .containsEntry("since", "1706788800");
      assertThat(series.pair()).isEqualTo("XXBTZUSD");
      assertThat(series.intervalMinutes()).isEqualTo(60);
      assertThat(series.last()).isEqualTo(1706792400L);
      assertThat(series.candles())
          .first()
          .isEqualTo(
              new Candle(
                  Instant.parse("2024-02-01T13:00:00Z"),
                  decimal("42500.1"),
                  decimal("42600"),
                  decimal("42480.3"),
                  decimal("42590.9"),
                  decimal("42551.2"),
                  decimal("12.5"),
                  311));
    }

    @Test
    void ohlcAcceptsLastAsAString() {
      stub.serve("OHLC", "OHLC-string-last.json");

      OhlcSeries series = client().ohlc("XBTUSD", 60, Optional.empty());

      assertThat(series.last()).isEqualTo(1706796000L);
      assertThat(series.candles()).hasSize(1);
      assertThat(stub.requests("OHLC").get(0).parameters()).doesNotContainKey("since");
    }

    @Test
    void needNoCredentials() {
      var kraken =
          KrakenClient.builder().baseUrl(stub.uri()).clock(clock).sleeper(clock.sleeper()).build();

      assertThat(kraken.serverTime()).isEqualTo(Instant.parse("2025-09-10T00:00:00Z"));
      assertThatThrownBy(kraken::balance)
          .isInstanceOf(KrakenException.class)
          .hasMessageContaining("Balance is a private call")
          .hasMessageContaining("KRAKEN_API_KEY");
      assertThat(stub.requests("Balance")).isEmpty();
    }

    @Test
    void keepToKrakensPublicPaceAfterABurstWithoutTouchingThePrivateCounter() {
      var kraken =
          KrakenClient.builder().baseUrl(stub.uri()).clock(clock).sleeper(clock.sleeper()).build();
      for (int i = 0; i < 40; i++) {
        kraken.serverTime();
      }

      // a burst of 5 free calls, then one a second: 35 calls wait 35 s in all on the fake clock
      assertThat(clock.slept().toNanos() / 1e9).isCloseTo(35.0, within(1e-6));
      assertThat(clock.sleeps()).hasSize(35);
      assertThat(stub.requests("Time")).hasSize(40);
    }

    @Test
    void needNotBePacedAgainstAKrakenWithoutAPerAddressLimit() {
      var kraken =
          KrakenClient.builder()
              .baseUrl(stub.uri())
              .clock(clock)
              .sleeper(clock.sleeper())
              .pacePublicCalls(false)
              .build();
      for (int i = 0; i < 40; i++) {
        kraken.serverTime();
      }

      assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void tooManyRequestsSlowsThePaceAndIsRetried() {
      stub.script("Time", Reply.error("EGeneral:Too many requests"));

      assertThat(client().serverTime()).isEqualTo(NOW);

      // the refusal fills the pace to 5 + 2: the retry waits (7 + 1 − 5) / 1 = 3 s
      assertThat(stub.requests("Time")).hasSize(2);
      assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void publicTradesArePagedByANanosecondCursor() {
      PublicTrades page =
          client().trades("XBTUSD", Optional.of(Instant.parse("2023-07-06T18:53:17.5Z")), 1000);

      assertThat(stub.requests("Trades").get(0).parameters())
          .containsEntry("pair", "XBTUSD")
          .containsEntry("since", "1688669597500000000")
          .containsEntry("count", "1000");
      assertThat(page.pair()).isEqualTo("XXBTZUSD");
      assertThat(page.last()).isEqualTo(Instant.parse("2023-07-06T18:53:22.698379Z"));
      assertThat(page.trades())
          .containsExactly(
              new PublicTrade(
                  decimal("30243.4"),
                  decimal("0.34507674"),
                  Instant.parse("2023-07-06T18:53:17.827736900Z"),
                  PublicTrade.Side.BUY,
                  PublicTrade.OrderType.MARKET,
                  "",
                  61044952),
              new PublicTrade(
                  decimal("30243.3"),
                  decimal("0.0037696"),
                  Instant.parse("2023-07-06T18:53:18.280411200Z"),
                  PublicTrade.Side.SELL,
                  PublicTrade.OrderType.LIMIT,
                  "",
                  61044953),
              new PublicTrade(
                  decimal("30243.3"),
                  decimal("0.01235716"),
                  Instant.parse("2023-07-06T18:53:22.698379Z"),
                  PublicTrade.Side.SELL,
                  PublicTrade.OrderType.MARKET,
                  "",
                  61044956));
    }

    @Test
    void publicTradesWithoutSinceAskForTheMostRecent() {
      client().trades("XXBTZUSD", Optional.empty(), 10);

      assertThat(stub.requests("Trades").get(0).parameters())
          .doesNotContainKey("since")
          .containsEntry("count", "10");
      assertThatThrownBy(() -> client().trades("XXBTZUSD", Optional.empty(), 1001))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1..1000");
    }

    @Test
    void aBadPublicTradeNamesItsRowAndField() {
      stub.script(
          "Trades",
          Reply.json(
              "{\"error\":[],\"result\":{\"XXBTZUSD\":[[\"1\",\"2\",1688669597.1,\"b\",\"m\",\"\",1],"
                  + "[\"x\",\"2\",1688669597.2,\"b\",\"m\",\"\",2]],\"last\":\"1\"}}"));

      assertThatThrownBy(() -> client().trades("XXBTZUSD", Optional.empty(), 1000))
          .isInstanceOf(KrakenException.class)
          .hasMessageContaining("Kraken Trades: bad response: trade 1 of XXBTZUSD, price")
          .hasMessageContaining("'x'");
    }
  }

  @Nested
  class PrivateCalls {

    @Test
    void areSignedPostsThatTheStubVerifies() {
      client().ledgers(HistoryQuery.all().withStart("L2344R-JVEUJ-SBYX5H").withOffset(50));

      var request = stub.requests("Ledgers").get(0);
      assertThat(request.httpMethod()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/0/private/Ledgers");
      assertThat(request.signatureValid()).isTrue();
      assertThat(request.headers())
          .containsEntry("API-Key", KrakenStub.API_KEY)
          .containsEntry("User-Agent", "tally/0.1")
          .containsKey("API-Sign");
      assertThat(request.headers().get("Content-Type"))
          .startsWith("application/x-www-form-urlencoded");
      assertThat(request.body())
          .isEqualTo("nonce=" + request.nonce() + "&start=L2344R-JVEUJ-SBYX5H&ofs=50");
    }

    @Test
    void signTheExactBytesSentIncludingEncodedCommas() {
      client().queryLedgers(List.of("L2344R-JVEUJ-SBYX5H", "LBQ6VG-2C5VQ-7OQF7G"));

      var request = stub.requests("QueryLedgers").get(0);
      assertThat(request.body()).endsWith("&id=L2344R-JVEUJ-SBYX5H%2CLBQ6VG-2C5VQ-7OQF7G");
      assertThat(request.signatureValid()).isTrue();
    }

    @Test
    void noncesStrictlyIncreaseAcrossCalls() {
      var kraken = client();

      kraken.balance();
      kraken.balance();
      kraken.tradeBalance();
      kraken.ledgers(HistoryQuery.all());

      long[] nonces = stub.requests().stream().mapToLong(KrakenStub.Request::nonce).toArray();
      assertThat(nonces).hasSize(4).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void noncesStrictlyIncreaseAcrossThreadsSharingTheKey() throws Exception {
      var kraken = client();
      List<Thread> threads =
          IntStream.range(0, 4)
              .mapToObj(
                  i ->
                      new Thread(
                          () -> {
                            for (int j = 0; j < 5; j++) {
                              kraken.balance();
                            }
                          }))
              .toList();
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }

      // The stub answers EAPI:Invalid nonce to any nonce not above the last: none may arrive.
      assertThat(stub.requests()).hasSize(20);
      long[] nonces = stub.requests().stream().mapToLong(KrakenStub.Request::nonce).toArray();
      assertThat(nonces).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void balanceKeepsRawAssetIds() {
      Map<String, BigDecimal> balances = client().balance();

      assertThat(balances.keySet())
          .containsExactly("ZUSD", "XXBT", "XETH", "USDT", "DOT", "ETH2.S", "ETH2", "USD.M");
      assertThat(balances.get("XXBT")).isEqualByComparingTo("1011.19088779");
      assertThat(balances.get("XXBT").toPlainString()).isEqualTo("1011.1908877900");
    }

    @Test
    void balanceWithoutResultIsEmpty() {
      stub.serve("Balance", "Balance-empty.json");

      assertThat(client().balance()).isEmpty();
    }

    @Test
    void balanceExTakesNumbersAndOptionalCredit() {
      Map<String, ExtendedBalance> balances = client().balanceEx();

      assertThat(balances.get("ZUSD"))
          .isEqualTo(
              new ExtendedBalance(
                  decimal("25435.21"), decimal("8249.76"), BigDecimal.ZERO, BigDecimal.ZERO));
      // 1.2435 + 0.05 - 0.01 - 0 = 1.2835
      assertThat(balances.get("XXBT").available()).isEqualByComparingTo("1.2835");
      assertThat(balances).containsKey("USDT.M");
    }

    @Test
    void tradeBalanceIgnoresUnknownFields() {
      TradeBalance balance = client().tradeBalance();

      assertThat(balance.equivalentBalance()).isEqualByComparingTo("1101.3425");
      assertThat(balance.unrealizedNet()).isEqualByComparingTo("-10.0232");
      assertThat(balance.marginLevel())
          .hasValueSatisfying(ml -> assertThat(ml).isEqualByComparingTo("5432.57"));
      assertThat(balance.unexecutedValue()).isEqualByComparingTo("0");
    }

    @Test
    void openOrdersWithDefaultsForAbsentFields() {
      List<KrakenOrder> orders = client().openOrders();

      assertThat(stub.requests("OpenOrders").get(0).parameters()).containsEntry("trades", "true");
      assertThat(orders).hasSize(2);
      KrakenOrder first = orders.get(0);
      assertThat(first.txid()).isEqualTo("OQCLML-BW3P3-BUCMWZ");
      assertThat(first.clOrdId()).isEqualTo("tally-7f3a");
      assertThat(first.userref()).isZero();
      assertThat(first.pair()).isEqualTo("XBTUSD");
      assertThat(first.descrPrice()).as("the limit, as written").isEqualTo("30010.0");
      assertThat(first.descrPrice2()).isEqualTo("0");
      assertThat(first.oflags()).isEqualTo("fciq");
      assertThat(first.volExec()).isEqualByComparingTo("0.375");
      assertThat(first.openTime()).isEqualTo(Instant.parse("2025-09-03T21:18:20.624681Z"));
      assertThat(first.closeTime()).isEmpty();
      assertThat(first.tradeIds()).containsExactly("TCCCTY-WE2O6-P3NB37");
      KrakenOrder second = orders.get(1);
      assertThat(second.userref()).isEqualTo(45326L);
      assertThat(second.clOrdId()).isEmpty();
      assertThat(second.tradeIds()).isEmpty();
    }

    @Test
    void closedOrdersPageWithCount() {
      Page<KrakenOrder> page =
          client()
              .closedOrders(
                  ClosedOrdersQuery.all()
                      .withCloseTime(ClosedOrdersQuery.CloseTime.CLOSE)
                      .withWindow(HistoryQuery.all().withEnd("1757462400").withOffset(50)));

      assertThat(stub.requests("ClosedOrders").get(0).body())
          .endsWith("&trades=true&closetime=close&end=1757462400&ofs=50");
      assertThat(page.count()).hasValue(2);
      KrakenOrder filled = page.rows().get(1);
      assertThat(filled.status()).isEqualTo("closed");
      assertThat(filled.closeTime()).hasValue(Instant.parse("2025-09-03T21:32:01.565366Z"));
      assertThat(filled.cost()).isEqualByComparingTo("8.93574");
      assertThat(filled.price()).isEqualByComparingTo("4467.87");
      assertThat(filled.tradeIds()).containsExactly("TSVZ66-RESHM-IDZGCE");
    }

    @Test
    void tradesHistoryBuildsTradeRowsThroughTheCsvParser() {
      Page<TradeRow> page = client().tradesHistory(HistoryQuery.all());

      assertThat(stub.requests("TradesHistory").get(0).parameters())
          .containsEntry("ledgers", "true");
      assertThat(page.count()).hasValue(2);
      TradeRow trade = page.rows().get(0);
      assertThat(trade)
          .isEqualTo(
              TradeRow.fromFields(
                  Map.ofEntries(
                      Map.entry("txid", "TSVZ66-RESHM-IDZGCE"),
                      Map.entry("ordertxid", "OWOK44-SHXXH-YKVNFP"),
                      Map.entry("pair", "ETHUSDT"),
                      Map.entry("time", "2025-09-03T21:32:01.565366Z"),
                      Map.entry("type", "buy"),
                      Map.entry("ordertype", "limit"),
                      Map.entry("price", "4467.87"),
                      Map.entry("cost", "8.93574"),
                      Map.entry("fee", "0.03574"),
                      Map.entry("vol", "0.002"),
                      Map.entry("ledgers", "L2344R-JVEUJ-SBYX5H,LBQ6VG-2C5VQ-7OQF7G")),
                  "kraken-api",
                  0));
      TradeRow numeric = page.rows().get(1);
      assertThat(numeric.price()).isEqualByComparingTo("110153.6");
      assertThat(numeric.vol()).isEqualByComparingTo("0.00005");
      assertThat(numeric.type()).isEqualTo("sell");
      assertThat(numeric.time()).isEqualTo(Instant.parse("2025-09-04T14:04:32.591762Z"));
    }

    @Test
    void ledgersBuildLedgerRowsThroughTheCsvParser() {
      Page<LedgerRow> page = client().ledgers(HistoryQuery.all());

      assertThat(page.count()).hasValue(4);
      assertThat(page.rows())
          .extracting(LedgerRow::txid)
          .containsExactly(
              "L2344R-JVEUJ-SBYX5H",
              "LBQ6VG-2C5VQ-7OQF7G",
              "LQG5AJ-KK5J5-NK7XCW",
              "LPA5MH-ACZSQ-3MVKL7");
      LedgerRow leg = page.rows().get(1);
      assertThat(leg.toString())
          .isEqualTo(
              "kraken-api line 0 txid=LBQ6VG-2C5VQ-7OQF7G refid=TSVZ66-RESHM-IDZGCE"
                  + " time=2025-09-03T21:32:01.565366Z type=trade subtype=tradespot"
                  + " aclass=currency subclass= asset=USDT wallet= amount=-8.93574 fee=0.03574"
                  + " balance=91.02852");
      assertThat(page.rows().get(3).refid()).isEqualTo("FTJ4ZXN-YRWqyo1No6Wqt3vzBVgNMf");
    }

    @Test
    void ledgersAcceptNumbersStringTimesNullsAndUnknownFields() {
      stub.serve("Ledgers", "Ledgers-lenient.json");

      Page<LedgerRow> page = client().ledgers(HistoryQuery.all());

      assertThat(page.count()).hasValue(2);
      LedgerRow numbers = page.rows().get(0);
      assertThat(numbers.amount()).isEqualByComparingTo("0.002");
      assertThat(numbers.balance())
          .hasValueSatisfying(b -> assertThat(b).isEqualByComparingTo("1.5"));
      assertThat(numbers.time()).isEqualTo(Instant.parse("2025-09-03T21:32:01.000001Z"));
      assertThat(numbers.type()).isEqualTo("earn");
      assertThat(numbers.wallet()).isEmpty();
      LedgerRow sparse = page.rows().get(1);
      assertThat(sparse.time()).isEqualTo(Instant.parse("2025-09-03T21:31:40.250Z"));
      assertThat(sparse.fee()).isEqualByComparingTo("0");
      assertThat(sparse.balance()).isEmpty();
      assertThat(sparse.aclass()).isEmpty();
    }

    @Test
    void aBadEntryNamesMethodEntryAndField() {
      stub.script(
          "Ledgers",
          Reply.json(
              "{\"error\":[],\"result\":{\"count\":1,\"ledger\":{\"LBAD00-AAAAA-000001\":{"
                  + "\"refid\":\"T1\",\"time\":1756935121.5,\"type\":\"trade\",\"asset\":\"XXBT\","
                  + "\"amount\":\"12,5\"}}}}"));

      assertThatThrownBy(() -> client().ledgers(HistoryQuery.all()))
          .isInstanceOfSatisfying(KrakenException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("Kraken Ledgers: bad response")
          .hasMessageContaining("LBAD00-AAAAA-000001")
          .hasMessageContaining("'amount'")
          .hasMessageContaining("12,5");
      assertThat(stub.requests("Ledgers")).hasSize(1);
    }

    @Test
    void openPositions() {
      List<OpenPosition> positions = client().openPositions();

      assertThat(positions)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.positionId()).isEqualTo("TPEMMT-EQABG-FTLK4T");
                assertThat(p.margin()).isEqualByComparingTo("0.84854");
                assertThat(p.terms()).isEqualTo("0.0200% per 4 hours");
              });
    }
  }

  @Nested
  class Batching {

    private List<String> ids(String prefix, int count) {
      return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    private List<List<String>> sentIds(String method, String parameter) {
      return stub.requests(method).stream()
          .map(r -> Arrays.asList(r.parameters().get(parameter).split(",")))
          .toList();
    }

    @Test
    void queryLedgersAsksForAtMostTwentyIdsPerCall() {
      List<String> ids = ids("L", 45);

      client().queryLedgers(ids);

      assertThat(sentIds("QueryLedgers", "id"))
          .containsExactly(ids.subList(0, 20), ids.subList(20, 40), ids.subList(40, 45));
    }

    @Test
    void queryTradesAsksForAtMostTwentyIdsPerCall() {
      client().queryTrades(ids("T", 21));

      assertThat(sentIds("QueryTrades", "txid")).extracting(List::size).containsExactly(20, 1);
    }

    @Test
    void queryOrdersAsksForAtMostFiftyIdsPerCallAndEachIdOnce() {
      List<String> ids = ids("O", 101);
      List<String> withRepeats = new ArrayList<>(ids);
      withRepeats.addAll(ids.subList(0, 10));

      List<KrakenOrder> orders = client().queryOrders(withRepeats);

      assertThat(sentIds("QueryOrders", "txid")).extracting(List::size).containsExactly(50, 50, 1);
      assertThat(stub.requests("QueryOrders").get(0).parameters()).containsEntry("trades", "true");
      assertThat(orders).hasSize(3);
    }

    @Test
    void noIdsNoCalls() {
      assertThat(client().queryLedgers(List.of())).isEmpty();
      assertThat(stub.requests()).isEmpty();
    }
  }

  @Nested
  class Retries {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "EService:Unavailable",
          "EService:Busy",
          "EService: Throttled: 1699999999",
          "EGeneral:Too many requests",
          "EGeneral:Internal error",
          "EDatabase:Internal error"
        })
    void transientKrakenErrorsAreRetriedUntilSuccess(String error) {
      stub.script("Balance", Reply.error(error), Reply.error(error));

      assertThat(client().balance()).containsKey("XXBT");
      assertThat(stub.requests("Balance")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 520, 525, 429})
    void edgeFailuresAreRetriedUntilSuccess(int status) {
      stub.script(
          "Balance",
          Reply.http(status, "text/html", "<html><body>cloudflare " + status + "</body></html>"),
          Reply.http(status, "text/html", ""));

      assertThat(client().balance()).containsKey("XXBT");
      assertThat(stub.requests("Balance")).hasSize(3);
    }

    @Test
    void malformedJsonIsRetried() {
      stub.script(
          "Time",
          Reply.json("{\"error\":[],\"result\":{\"unixtime\":17"),
          Reply.http(200, "text/html", "<html>maintenance</html>"));

      assertThat(client().serverTime()).isEqualTo(NOW);
      assertThat(stub.requests("Time")).hasSize(3);
    }

    @Test
    void timeoutsAreRetried() {
      stub.script("Time", Reply.file("Time.json").delayedBy(Duration.ofMillis(1500)));
      var kraken =
          stub.client()
              .clock(clock)
              .sleeper(clock.sleeper())
              .requestTimeout(Duration.ofMillis(300))
              .build();

      assertThat(kraken.serverTime()).isEqualTo(NOW);
      assertThat(stub.requests("Time")).hasSize(2);
    }

    @Test
    void connectionFailuresAreRetriedThenReported() throws Exception {
      int closedPort;
      try (ServerSocket socket = new ServerSocket(0)) {
        closedPort = socket.getLocalPort();
      }
      var kraken =
          KrakenClient.builder()
              .baseUrl("http://127.0.0.1:" + closedPort)
              .retry(new RetrySettings(3, Duration.ofMillis(1), 2, Duration.ofMillis(2), 0))
              .build();

      assertThatThrownBy(kraken::serverTime)
          .isInstanceOfSatisfying(KrakenException.class, e -> assertThat(e.isRetryable()).isTrue())
          .hasMessageContaining("Kraken Time: gave up after 3 attempts")
          .hasMessageContaining("connection failed");
    }

    @Test
    void persistentFailuresGiveUpAfterMaxAttempts() {
      for (int i = 0; i < 5; i++) {
        stub.script("Balance", Reply.error("EService:Unavailable"));
      }

      assertThatThrownBy(() -> client().balance())
          .isInstanceOfSatisfying(
              KrakenException.class,
              e -> {
                assertThat(e.errors()).containsExactly("EService:Unavailable");
                assertThat(e.isRetryable()).isTrue();
              })
          .hasMessageContaining("gave up after 5 attempts")
          .hasMessageContaining("EService:Unavailable");
      assertThat(stub.requests("Balance")).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "EAPI:Invalid key",
          "EAPI:Invalid signature",
          "EGeneral:Invalid arguments",
          "EGeneral:Permission denied",
          "EQuery:Unknown asset pair"
        })
    void requestAndCredentialErrorsFailAtOnceWithKrakensText(String error) {
      stub.script("Balance", Reply.error(error));

      assertThatThrownBy(() -> client().balance())
          .isInstanceOfSatisfying(
              KrakenException.class,
              e -> {
                assertThat(e.errors()).containsExactly(error);
                assertThat(e.isRetryable()).isFalse();
              })
          .hasMessageStartingWith("Kraken Balance failed: " + error);
      assertThat(stub.requests("Balance")).hasSize(1);
    }

    @Test
    void credentialErrorsSayWhatToCheck() {
      stub.script("Ledgers", Reply.error("EGeneral:Permission denied"));

      assertThatThrownBy(() -> client().ledgers(HistoryQuery.all()))
          .hasMessageContaining("Query Ledger Entries");
    }

    @Test
    void aTemporaryLockoutIsRetriedWithBackoff() {
      stub.script("Balance", Reply.error("EGeneral:Temporary lockout"));

      assertThat(client().balance()).isNotNull();
      assertThat(stub.requests("Balance")).hasSize(2);
    }

    @Test
    void anInvalidNonceIsRetriedOnceWithAFreshNonce() {
      stub.script("Balance", Reply.error("EAPI:Invalid nonce"));

      assertThat(client().balance()).containsKey("XXBT");
      var calls = stub.requests("Balance");
      assertThat(calls).hasSize(2);
      assertThat(calls.get(1).nonce()).isGreaterThan(calls.get(0).nonce());
    }

    @Test
    void aSecondInvalidNonceFails() {
      stub.script("Balance", Reply.error("EAPI:Invalid nonce"), Reply.error("EAPI:Invalid nonce"));

      assertThatThrownBy(() -> client().balance())
          .isInstanceOfSatisfying(KrakenException.class, e -> assertThat(e.isRetryable()).isFalse())
          .hasMessageContaining("EAPI:Invalid nonce")
          .hasMessageContaining("rejected again with a fresh nonce");
      assertThat(stub.requests("Balance")).hasSize(2);
    }

    @Test
    void aRateLimitAnswerWaitsForTheCounterToDecayThenRetries() {
      stub.script("Ledgers", Reply.error("EAPI:Rate limit exceeded"));
      var kraken =
          stub.client()
              .tier(CallCounter.Tier.INTERMEDIATE)
              .clock(clock)
              .sleeper(clock.sleeper())
              .build();

      Page<LedgerRow> page = kraken.ledgers(HistoryQuery.all());

      assertThat(page.rows()).hasSize(4);
      assertThat(stub.requests("Ledgers")).hasSize(2);
      // at least 2 / 0.5 = 4 s of (fake) waiting before the second attempt
      assertThat(clock.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void warningsDoNotFail() {
      stub.serve("Ledgers", "Ledgers-lenient.json");

      assertThat(client().ledgers(HistoryQuery.all()).rows()).hasSize(2);
      assertThat(stub.requests("Ledgers")).hasSize(1);
    }
  }

  @Nested
  class CallCounting {

    @Test
    void theClientWaitsInsteadOfExceedingTheCounter() {
      var kraken =
          stub.client()
              .tier(CallCounter.Tier.STARTER)
              .clock(clock)
              .sleeper(clock.sleeper())
              .build();

      for (int i = 0; i < 7; i++) {
        kraken.ledgers(HistoryQuery.all());
      }
      assertThat(clock.sleeps()).isEmpty();
      kraken.ledgers(HistoryQuery.all());
      kraken.balance();

      // 8th page: (14 + 2 − 15) / 0.33 s; Balance: (15 + 1 − 15) / 0.33 s more.
      assertThat(clock.slept().toNanos() / 1e9).isCloseTo(2 / 0.33, within(1e-6));
      assertThat(stub.requests()).hasSize(9);
    }

    @Test
    void publicCallsDoNotCount() {
      var kraken =
          stub.client()
              .tier(CallCounter.Tier.STARTER)
              .clock(clock)
              .sleeper(clock.sleeper())
              .build();
      for (int i = 0; i < 20; i++) {
        kraken.assets();
      }
      // only the public pace waited: 20 calls after its burst of 5, one second each
      assertThat(clock.sleeps()).hasSize(15).containsOnly(Duration.ofSeconds(1));
      for (int i = 0; i < 15; i++) {
        kraken.balance();
      }

      assertThat(clock.sleeps()).as("the private counter is still empty").hasSize(15);
    }
  }
}
