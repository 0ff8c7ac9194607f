package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Margin over the wire: AddOrder with leverage, OpenPositions, TradeBalance, TradesHistory and
 * Ledgers, by hand and against the recorded responses' field names and types (fixtures under {@code
 * tally.shared}/fixtures/kraken; those tests are skipped without them).
 */
class KrakenSimulatorMarginTest {

  private static final String XBTUSD = "XXBTZUSD";
  private static final Instant T0 = MarginDesk.START.plus(Duration.ofHours(1));

  private MarginDesk desk;
  private KrakenSimulator simulator;
  private KrakenTestClient client;
  private Fill open;

  /** A 100 000 USD account with one long: 0.1 XBT at 500 under the market, 2:1. */
  @BeforeEach
  void start() {
    desk = new MarginDesk(5, new BigDecimal("100000"));
    BigDecimal price = desk.price(XBTUSD, T0).subtract(new BigDecimal("500"));
    open = desk.trade(T0, XBTUSD, Side.BUY, "0.1", price.toPlainString(), 2).get(0);
    desk.simulation.runUntil(T0);
    simulator =
        KrakenSimulator.start(desk.account(T0), 0, SimulatorOptions.defaults().withoutRateLimit());
    client = new KrakenTestClient(simulator);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private static BigDecimal decimal(JsonNode node, String field) {
    return new BigDecimal(node.get(field).asString());
  }

  @Test
  void openPositionsListsThePositionAndDocalcsValuesIt() {
    JsonNode positions = client.call("OpenPositions").result();
    assertThat(positions.propertyNames()).containsExactly(open.txid());
    JsonNode position = positions.get(open.txid());
    BigDecimal p = desk.price(XBTUSD, T0);
    // cost = 0.1 × (P − 500); margin = cost / 2; fee = 0.4 % of cost.
    BigDecimal cost = new BigDecimal("0.1").multiply(p.subtract(new BigDecimal("500")));
    assertThat(position.get("ordertxid").asString()).isEqualTo(open.orderTxid());
    assertThat(position.get("posstatus").asString()).isEqualTo("open");
    assertThat(position.get("pair").asString()).isEqualTo(XBTUSD);
    assertThat(position.get("class").asString()).isEqualTo("forex");
    assertThat(position.get("type").asString()).isEqualTo("buy");
    assertThat(position.get("ordertype").asString()).isEqualTo("limit");
    assertThat(decimal(position, "cost")).isEqualByComparingTo(cost);
    assertThat(position.get("cost").asString()).matches("\\d+\\.\\d{5}");
    assertThat(decimal(position, "margin"))
        .isEqualByComparingTo(cost.divide(new BigDecimal("2"), 4, RoundingMode.HALF_EVEN));
    assertThat(decimal(position, "fee"))
        .isEqualByComparingTo(
            cost.multiply(new BigDecimal("0.004")).setScale(4, RoundingMode.HALF_EVEN));
    assertThat(position.get("vol").asString()).isEqualTo("0.10000000");
    assertThat(position.get("vol_closed").asString()).isEqualTo("0.00000000");
    assertThat(position.get("terms").asString()).isEqualTo("0.0200% per 4 hours");
    assertThat(position.get("rollovertm").asString())
        .isEqualTo(Long.toString(open.time().plus(Duration.ofHours(4)).getEpochSecond()));
    assertThat(position.has("value")).isFalse();

    JsonNode calculated = client.call("OpenPositions", "docalcs", "true").result().get(open.txid());
    // value = 0.1 × P; net = value − cost = 0.1 × 500 = +50.
    assertThat(decimal(calculated, "value"))
        .isEqualByComparingTo(new BigDecimal("0.1").multiply(p));
    assertThat(decimal(calculated, "net")).isEqualByComparingTo("50");
    assertThat(client.call("OpenPositions", "txid", "TNONE0-NONE0-NONE00").result().isEmpty())
        .isTrue();
  }

  @Test
  void tradeBalanceAddsThePositionsToTheSpotFigures() {
    JsonNode balance = client.call("TradeBalance").result();
    BigDecimal p = desk.price(XBTUSD, T0);
    BigDecimal cost = new BigDecimal("0.1").multiply(p.subtract(new BigDecimal("500")));
    BigDecimal fee = cost.multiply(new BigDecimal("0.004")).setScale(4, RoundingMode.HALF_EVEN);
    BigDecimal margin = cost.divide(new BigDecimal("2"), 4, RoundingMode.HALF_EVEN);
    // Only USD is held: eb = tb = 100 000 − fee.
    BigDecimal tb = new BigDecimal("100000").subtract(fee);
    assertThat(decimal(balance, "eb")).isEqualByComparingTo(tb);
    assertThat(decimal(balance, "tb")).isEqualByComparingTo(tb);
    assertThat(decimal(balance, "m")).isEqualByComparingTo(margin);
    assertThat(decimal(balance, "c")).isEqualByComparingTo(cost);
    assertThat(decimal(balance, "v")).isEqualByComparingTo(new BigDecimal("0.1").multiply(p));
    // n = 0.1 × P − 0.1 × (P − 500) = +50; e = tb + 50; mf = e − m; ml = e / m × 100.
    assertThat(decimal(balance, "n")).isEqualByComparingTo("50");
    BigDecimal e = tb.add(new BigDecimal("50"));
    assertThat(decimal(balance, "e")).isEqualByComparingTo(e);
    assertThat(decimal(balance, "mf")).isEqualByComparingTo(e.subtract(margin));
    assertThat(decimal(balance, "mfo")).isEqualByComparingTo(e.subtract(margin));
    assertThat(decimal(balance, "ml"))
        .isEqualByComparingTo(
            e.multiply(new BigDecimal("100")).divide(margin, 2, RoundingMode.HALF_EVEN));
    assertThat(decimal(balance, "uv")).isEqualByComparingTo("0");
  }

  @Test
  void tradeBalanceOmitsMlWithoutPositions() {
    client.call(
        "AddOrder",
        "pair",
        "XBTUSD",
        "type",
        "sell",
        "ordertype",
        "market",
        "volume",
        "0.1",
        "leverage",
        "2:1");
    JsonNode balance = client.call("TradeBalance").result();
    assertThat(balance.has("ml")).isFalse();
    assertThat(decimal(balance, "m").signum()).isZero();
    assertThat(balance.get("e").asString()).isEqualTo(balance.get("tb").asString());
  }

  @Test
  void addOrderWithLeverageClosesThePositionAndTheTradesTellTheStory() {
    KrakenTestClient.Answer answer =
        client.call(
            "AddOrder",
            "pair",
            "XBTUSD",
            "type",
            "sell",
            "ordertype",
            "market",
            "volume",
            "0.04",
            "leverage",
            "2");
    assertThat(answer.errors()).isEmpty();
    assertThat(answer.result().get("descr").get("order").asString())
        .isEqualTo("sell 0.04000000 XBTUSD @ market with 2:1 leverage");
    String orderTxid = answer.result().get("txid").get(0).asString();
    JsonNode order = client.call("QueryOrders", "txid", orderTxid, "trades", "true").result();
    assertThat(order.get(orderTxid).get("descr").get("leverage").asString()).isEqualTo("2:1");
    String closingTxid = order.get(orderTxid).get("trades").get(0).asString();

    JsonNode trades = client.call("QueryTrades", "txid", open.txid() + "," + closingTxid).result();
    JsonNode opening = trades.get(open.txid());
    JsonNode closing = trades.get(closingTxid);
    assertThat(opening.get("postxid").asString()).isEqualTo(WireFormat.NO_POSITION);
    assertThat(opening.get("leverage").asString()).isEqualTo("2");
    assertThat(opening.get("posstatus").asString()).isEqualTo("open");
    assertThat(opening.get("cvol").asString()).isEqualTo("0.04000000");
    assertThat(opening.get("trades").get(0).asString()).isEqualTo(closingTxid);
    assertThat(closing.get("postxid").asString()).isEqualTo(open.txid());
    assertThat(closing.get("misc").asString()).isEqualTo("closing");
    assertThat(closing.has("posstatus")).isFalse();
    // ccost = closing cost; cprice = ccost / cvol; net = profit − cfee, the closing row's effect.
    assertThat(decimal(opening, "ccost")).isEqualByComparingTo(decimal(closing, "cost"));
    assertThat(decimal(opening, "cfee")).isEqualByComparingTo(decimal(closing, "fee"));
    JsonNode row =
        client.call("Ledgers", "type", "margin").result().get("ledger").values().iterator().next();
    assertThat(row.get("refid").asString()).isEqualTo(closingTxid);
    assertThat(decimal(opening, "net"))
        .isEqualByComparingTo(decimal(row, "amount").subtract(decimal(row, "fee")));

    assertThat(
            client
                .call("TradesHistory", "type", "closing position")
                .result()
                .get("trades")
                .propertyNames())
        .containsExactly(closingTxid);
    assertThat(client.call("TradesHistory", "type", "no position").result().get("count").asInt())
        .isZero();
    assertThat(client.call("TradesHistory", "type", "any position").result().get("count").asInt())
        .isEqualTo(2);
  }

  @Test
  void leverageIsValidatedWithKrakensErrors() {
    // 5 XBT at ~P with 2:1 needs a margin of 2.5 P, more than the 100 000 USD.
    for (String leverage : List.of("7", "1", "1:1", "x", "6:1")) {
      assertThat(
              client
                  .call(
                      "AddOrder",
                      "pair",
                      "XBTUSD",
                      "type",
                      "buy",
                      "ordertype",
                      "market",
                      "volume",
                      "0.01",
                      "leverage",
                      leverage)
                  .firstError())
          .as(leverage)
          .isEqualTo("EGeneral:Invalid arguments:leverage");
    }
    assertThat(
            client
                .call(
                    "AddOrder",
                    "pair",
                    "XBTUSD",
                    "type",
                    "buy",
                    "ordertype",
                    "market",
                    "volume",
                    "5",
                    "leverage",
                    "2")
                .firstError())
        .isEqualTo("EOrder:Insufficient margin");
    assertThat(
            client
                .call(
                    "AddOrder",
                    "pair",
                    "XBTUSD",
                    "type",
                    "buy",
                    "ordertype",
                    "market",
                    "volume",
                    "0.01",
                    "leverage",
                    "5",
                    "validate",
                    "true")
                .result()
                .get("descr")
                .get("order")
                .asString())
        .isEqualTo("buy 0.01000000 XBTUSD @ market with 5:1 leverage");
  }

  @Test
  void rolloversAppearInTheLedgerWithThePositionAsRefid() {
    simulator.account().advance(Duration.ofHours(4).plusMinutes(1));
    JsonNode rollovers = client.call("Ledgers", "type", "rollover").result();
    assertThat(rollovers.get("count").asInt()).isEqualTo(1);
    JsonNode row = rollovers.get("ledger").values().iterator().next();
    assertThat(row.get("refid").asString()).isEqualTo(open.txid());
    assertThat(row.get("amount").asString()).isEqualTo("0.0000");
    assertThat(client.call("OpenPositions").result().has(row.get("refid").asString())).isTrue();
  }

  // ---- shapes of the recorded responses ----------------------------------------------------

  private static JsonNode fixture(String name) throws IOException {
    String shared = System.getProperty("tally.shared", "");
    Path file = Path.of(shared, "fixtures", "kraken", name);
    assumeTrue(!shared.isEmpty() && Files.isRegularFile(file), "no fixture " + file);
    return KrakenTestClient.JSON.readTree(Files.readString(file));
  }

  /** Each of {@code actual}'s records against each of {@code recorded}'s. */
  private static List<String> differences(
      JsonNode recorded, JsonNode actual, Set<String> allowedExtra) {
    assertThat(actual.size()).as("records to compare").isPositive();
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, JsonNode> mine : actual.properties()) {
      for (Map.Entry<String, JsonNode> theirs : recorded.properties()) {
        for (String difference :
            JsonShape.differences(
                theirs.getValue(), mine.getValue(), allowedExtra, mine.getKey())) {
          if (!differences.contains(difference)) {
            differences.add(difference);
          }
        }
      }
    }
    return differences;
  }

  @Test
  void openPositionsHaveTheRecordedShape() throws IOException {
    JsonNode recorded = fixture("xchange_recorded_0_private_openpositions.json").get("result");
    assertThat(differences(recorded, client.call("OpenPositions").result(), Set.of())).isEmpty();
    // docalcs adds value and net, as strings.
    JsonNode calculated = client.call("OpenPositions", "docalcs", "true").result();
    assertThat(differences(recorded, calculated, Set.of("value", "net"))).isEmpty();
    calculated
        .values()
        .forEach(
            position -> {
              assertThat(JsonShape.type(position.get("value"))).isEqualTo("string");
              assertThat(JsonShape.type(position.get("net"))).isEqualTo("string");
            });
    // Field order as recorded.
    JsonNode theirs = recorded.values().iterator().next();
    JsonNode mine = client.call("OpenPositions").result().values().iterator().next();
    assertThat(mine.propertyNames()).containsExactlyElementsOf(theirs.propertyNames());
  }

  @Test
  void tradeBalanceWithPositionsHasTheRecordedShapePlusMl() throws IOException {
    JsonNode recorded = fixture("xchange_recorded_0_private_tradebalance.json").get("result");
    JsonNode result = client.call("TradeBalance").result();
    assertThat(JsonShape.differences(recorded, result, Set.of("ml"), "result")).isEmpty();
    assertThat(JsonShape.type(result.get("ml"))).isEqualTo("string");
  }

  @Test
  void marginTradesHaveTheRecordedShapePlusThePositionFields() throws IOException {
    client.call(
        "AddOrder",
        "pair",
        "XBTUSD",
        "type",
        "sell",
        "ordertype",
        "market",
        "volume",
        "0.04",
        "leverage",
        "2");
    JsonNode recorded = fixture("xchange_recorded_0_private_tradeshistory.json").get("result");
    JsonNode result = client.call("TradesHistory", "type", "any position").result();
    assertThat(result.propertyNames())
        .containsExactlyInAnyOrderElementsOf(recorded.propertyNames());
    Set<String> positionFields =
        Set.of("posstatus", "cprice", "ccost", "cfee", "cvol", "cmargin", "net", "trades");
    assertThat(differences(recorded.get("trades"), result.get("trades"), positionFields)).isEmpty();
    JsonNode opening = result.get("trades").get(open.txid());
    for (String field : positionFields) {
      assertThat(JsonShape.type(opening.get(field)))
          .as(field)
          .isEqualTo(field.equals("trades") ? "array[string]" : "string");
    }
  }

  @Test
  void marginAndRolloverRowsHaveTheRecordedLedgerShape() throws IOException {
    simulator.account().advance(Duration.ofHours(4).plusMinutes(1));
    JsonNode recorded = fixture("xchange_recorded_0_private_ledgers.json").get("result");
    JsonNode result = client.call("Ledgers", "asset", "ZUSD").result();
    assertThat(differences(recorded.get("ledger"), result.get("ledger"), Set.of())).isEmpty();
    // The recorded rollover row: amount zero, a fee, subtype "", refid an open position's id.
    JsonNode theirs = recorded.get("ledger").get("LQG5AJ-KK5J5-NK7XCW");
    JsonNode mine =
        client
            .call("Ledgers", "type", "rollover")
            .result()
            .get("ledger")
            .values()
            .iterator()
            .next();
    for (String field : List.of("type", "subtype", "aclass")) {
      assertThat(mine.get(field).asString()).as(field).isEqualTo(theirs.get(field).asString());
    }
    assertThat(new BigDecimal(mine.get("amount").asString()).signum()).isZero();
    assertThat(new BigDecimal(mine.get("fee").asString()).signum()).isPositive();
  }
}
