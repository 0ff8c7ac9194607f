package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The public market-data methods (kraken-api.md §2.4). */
class KrakenSimulatorPublicTest {

  private static final Instant END = Instant.parse("2026-11-23T12:34:56.789Z");

  private static SimulatedAccount account;
  private static KrakenSimulator simulator;
  private static KrakenTestClient client;

  @BeforeAll
  static void start() {
    account = AccountGenerator.generate(21, 3, END);
    simulator = KrakenSimulator.start(account, 0, SimulatorOptions.defaults());
    client = new KrakenTestClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @Test
  void timeIsTheAccountsClock() {
    JsonNode time = client.get("Time").result();
    assertThat(time.get("unixtime").isIntegralNumber()).isTrue();
    assertThat(time.get("unixtime").asLong()).isEqualTo(account.now().getEpochSecond());
    assertThat(time.get("rfc1123").asString()).isEqualTo("Mon, 23 Nov 26 12:34:56 +0000");
    assertThat(client.get("SystemStatus").result().get("status").asString()).isEqualTo("online");
  }

  @Test
  void assetsAreKeyedByIdAndFoundByAltname() {
    JsonNode assets = client.get("Assets", "asset", "XBT,ETH,KFEE").result();
    assertThat(assets.propertyNames()).containsExactly("XXBT", "XETH", "KFEE");
    assertThat(assets.get("KFEE").get("altname").asString()).isEqualTo("FEE");
    assertThat(client.get("Assets", "asset", "NOPE").firstError())
        .isEqualTo("EQuery:Unknown asset");
    // Older clients POST public calls.
    assertThat(client.postPublic("Assets", "asset=ZUSD").result().propertyNames())
        .containsExactly("ZUSD");
  }

  @Test
  void pairsAreFoundByKeyAltnameOrWsname() {
    JsonNode pairs = client.get("AssetPairs", "pair", "XBTUSD,ETH/XBT,USDTZUSD").result();
    assertThat(pairs.propertyNames()).containsExactly("XXBTZUSD", "XETHXXBT", "USDTZUSD");
    assertThat(pairs.get("USDTZUSD").get("altname").asString()).isEqualTo("USDTUSD");
    JsonNode fees =
        client.get("AssetPairs", "pair", "DOTUSD", "info", "fees").result().get("DOTUSD");
    assertThat(fees.propertyNames()).containsExactly("fees", "fees_maker", "fee_volume_currency");
    assertThat(fees.get("fees").get(0).get(1).decimalValue()).isEqualByComparingTo("0.4");
    assertThat(client.get("AssetPairs", "pair", "XBTJPY").firstError())
        .isEqualTo("EQuery:Unknown asset pair");
    assertThat(client.get("AssetPairs", "info", "everything").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
  }

  @Test
  void tickerAnswersWithThePairKeyAndTheCurrentPrice() {
    JsonNode ticker = client.get("Ticker", "pair", "XBTUSD").result();
    assertThat(ticker.propertyNames()).containsExactly("XXBTZUSD");
    JsonNode xbt = ticker.get("XXBTZUSD");
    assertThat(new BigDecimal(xbt.get("c").get(0).asString()))
        .isEqualByComparingTo(account.price("XXBTZUSD"));
    assertThat(new BigDecimal(xbt.get("a").get(0).asString()))
        .isGreaterThan(new BigDecimal(xbt.get("b").get(0).asString()));
    assertThat(xbt.get("t").get(0).isIntegralNumber()).isTrue();
    assertThat(xbt.get("o").isString()).isTrue();
    assertThat(client.get("Ticker").result().size()).isEqualTo(6);
  }

  @Test
  void ohlcHasAtMost720CandlesAlignedToTheInterval() {
    JsonNode minutes = client.get("OHLC", "pair", "XBTUSD").result();
    JsonNode rows = minutes.get("XXBTZUSD");
    assertThat(rows.size()).isEqualTo(720);
    JsonNode newest = rows.get(rows.size() - 1);
    assertThat(newest.get(0).isIntegralNumber()).isTrue();
    assertThat(newest.get(7).isIntegralNumber()).isTrue();
    assertThat(new BigDecimal(newest.get(4).asString()))
        .isEqualByComparingTo(account.price("XXBTZUSD"));
    assertThat(minutes.get("last").asLong()).isEqualTo(rows.get(rows.size() - 2).get(0).asLong());

    JsonNode hours =
        client.get("OHLC", "pair", "ETHUSD", "interval", "60").result().get("XETHZUSD");
    assertThat(hours.size()).isBetween(72, 74);
    for (JsonNode row : hours) {
      assertThat(row.get(0).asLong() % 3600).isZero();
      BigDecimal high = new BigDecimal(row.get(2).asString());
      BigDecimal low = new BigDecimal(row.get(3).asString());
      for (int column : List.of(1, 4)) {
        assertThat(new BigDecimal(row.get(column).asString())).isBetween(low, high);
      }
    }
    long since = hours.get(hours.size() - 3).get(0).asLong();
    assertThat(
            client
                .get("OHLC", "pair", "ETHUSD", "interval", "60", "since", Long.toString(since))
                .result()
                .get("XETHZUSD")
                .size())
        .isEqualTo(3);
    assertThat(client.get("OHLC", "pair", "ETHUSD", "interval", "2").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.get("OHLC").firstError()).isEqualTo("EGeneral:Invalid arguments");
  }

  private static long nanos(Instant time) {
    return time.getEpochSecond() * 1_000_000_000L + time.getNano();
  }

  private static Instant instant(JsonNode seconds) {
    BigDecimal value = seconds.decimalValue();
    return Instant.ofEpochSecond(
        value.longValue(), value.remainder(BigDecimal.ONE).movePointRight(9).longValue());
  }

  @Test
  void tradesArePagedOldestFirstByTheirNanosecondCursor() {
    Instant since = END.minus(java.time.Duration.ofHours(5));
    JsonNode first =
        client.get("Trades", "pair", "XBT/USD", "since", Long.toString(nanos(since))).result();

    assertThat(first.propertyNames()).containsExactly("XXBTZUSD", "last");
    JsonNode rows = first.get("XXBTZUSD");
    assertThat(rows.size()).isEqualTo(1000);
    JsonNode row = rows.get(0);
    assertThat(row.size()).isEqualTo(7);
    assertThat(row.get(0).asString()).matches("\\d+\\.\\d{5}");
    assertThat(row.get(1).asString()).matches("\\d+\\.\\d{8}");
    assertThat(row.get(2).isNumber()).isTrue();
    assertThat(row.get(3).asString()).isIn("b", "s");
    assertThat(row.get(4).asString()).isIn("m", "l");
    assertThat(row.get(6).isIntegralNumber()).isTrue();
    assertThat(instant(row.get(2))).isAfter(since);
    Instant newest = instant(rows.get(999).get(2));
    assertThat(first.get("last").isString()).isTrue();
    assertThat(first.get("last").asString()).isEqualTo(Long.toString(nanos(newest)));

    JsonNode next =
        client
            .get("Trades", "pair", "XXBTZUSD", "since", first.get("last").asString(), "count", "10")
            .result()
            .get("XXBTZUSD");
    assertThat(next.size()).isEqualTo(10);
    assertThat(instant(next.get(0).get(2))).isAfter(newest);
    assertThat(next.get(0).get(6).asLong()).isGreaterThan(rows.get(999).get(6).asLong());
  }

  @Test
  void theLastTradeAtOrBeforeAMomentHasThePriceOfTheOhlcAndTickerMarket() {
    Instant t = END.minus(java.time.Duration.ofHours(2)).plusMillis(31_415);
    JsonNode rows =
        client
            .get("Trades", "pair", "ETHUSD", "since", Long.toString(nanos(t.minusSeconds(120))))
            .result()
            .get("XETHZUSD");
    JsonNode last = null;
    for (JsonNode row : rows) {
      if (!instant(row.get(2)).isAfter(t)) {
        last = row;
      }
    }

    assertThat(last).isNotNull();
    assertThat(new BigDecimal(last.get(0).asString()))
        .isEqualByComparingTo(account.market().price("XETHZUSD", t));
    JsonNode newest = client.get("Trades", "pair", "ETHUSD").result().get("XETHZUSD");
    assertThat(new BigDecimal(newest.get(newest.size() - 1).get(0).asString()))
        .as("the newest trade is the Ticker's last")
        .isEqualByComparingTo(account.price("XETHZUSD"));
    assertThat(instant(newest.get(newest.size() - 1).get(2))).isBeforeOrEqualTo(account.now());
  }

  @Test
  void tradesAfterTheNewestAreNoneAndTheCursorStays() {
    String future = Long.toString(nanos(END.plusSeconds(60)));
    JsonNode none = client.get("Trades", "pair", "DOTUSD", "since", future).result();

    assertThat(none.get("DOTUSD").size()).isZero();
    assertThat(none.get("last").asString()).isEqualTo(future);
    assertThat(client.get("Trades", "pair", "DOTUSD", "count", "0").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.get("Trades", "pair", "DOTUSD", "count", "1001").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.get("Trades", "pair", "DOTUSD", "since", "yesterday").firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(client.get("Trades", "pair", "XBTJPY").firstError())
        .isEqualTo("EQuery:Unknown asset pair");
    assertThat(client.get("Trades").firstError()).isEqualTo("EGeneral:Invalid arguments");
  }
}
