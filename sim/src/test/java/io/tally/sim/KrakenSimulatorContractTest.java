package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The simulator answers in the same JSON shape as Kraken's recorded responses (fixtures under
 * {@code tally.shared}/fixtures/kraken): same field names, same JSON type per field. Fields the
 * recordings predate (documented newer ones) are allowed by name.
 */
class KrakenSimulatorContractTest {

  private static KrakenSimulator simulator;
  private static KrakenTestClient client;

  @BeforeAll
  static void start() {
    simulator =
        KrakenSimulator.start(
            AccountGenerator.generate(42, 30, Instant.parse("2026-11-23T12:00:00Z")),
            0,
            SimulatorOptions.defaults().withoutRateLimit());
    client = new KrakenTestClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static JsonNode fixture(String name) throws IOException {
    String shared = System.getProperty("tally.shared", "");
    Path file = Path.of(shared, "fixtures", "kraken", name);
    assumeTrue(!shared.isEmpty() && Files.isRegularFile(file), "no fixture " + file);
    return KrakenTestClient.JSON.readTree(Files.readString(file));
  }

  /** Every record of {@code actual} against every record of {@code recorded} (maps keyed by id). */
  private static List<String> recordDifferences(
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
  void ledgersHaveTheRecordedShape() throws IOException {
    JsonNode recorded = fixture("xchange_recorded_0_private_ledgers.json");
    KrakenTestClient.Answer answer = client.call("Ledgers");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(JsonShape.type(answer.errors())).isEqualTo(JsonShape.type(recorded.get("error")));
    JsonNode result = answer.result();
    assertThat(result.propertyNames())
        .containsExactlyInAnyOrderElementsOf(recorded.get("result").propertyNames());
    assertThat(JsonShape.type(result.get("count"))).isEqualTo("int");
    assertThat(
            recordDifferences(recorded.get("result").get("ledger"), result.get("ledger"), Set.of()))
        .isEmpty();
  }

  @Test
  void tradesHistoryHasTheRecordedShape() throws IOException {
    JsonNode recorded = fixture("xchange_recorded_0_private_tradeshistory.json");
    JsonNode result = client.call("TradesHistory").result();
    assertThat(result.propertyNames())
        .containsExactlyInAnyOrderElementsOf(recorded.get("result").propertyNames());
    assertThat(JsonShape.type(result.get("count"))).isEqualTo("int");
    assertThat(
            recordDifferences(recorded.get("result").get("trades"), result.get("trades"), Set.of()))
        .isEmpty();
    // ledgers=true adds an array of ledger ids, and nothing else.
    JsonNode withLedgers = client.call("TradesHistory", "ledgers", "true").result().get("trades");
    assertThat(
            recordDifferences(recorded.get("result").get("trades"), withLedgers, Set.of("ledgers")))
        .isEmpty();
    withLedgers
        .values()
        .forEach(
            trade -> assertThat(JsonShape.type(trade.get("ledgers"))).isEqualTo("array[string]"));
  }

  @Test
  void balanceExHasTheRecordedShape() throws IOException {
    JsonNode recorded = fixture("xchange_recorded_0_private_balanceex.json");
    JsonNode result = client.call("BalanceEx").result();
    assertThat(recordDifferences(recorded.get("result"), result, Set.of())).isEmpty();
  }

  @Test
  void tradeBalanceHasTheRecordedShape() throws IOException {
    JsonNode recorded = fixture("xchange_recorded_0_private_tradebalance.json");
    JsonNode result = client.call("TradeBalance").result();
    assertThat(JsonShape.differences(recorded.get("result"), result, Set.of(), "result")).isEmpty();
  }

  @Test
  void openOrdersHaveTheRecordedShape() throws IOException {
    JsonNode recorded = fixture("xchange_recorded_0_private_openorders.json");
    JsonNode result = client.call("OpenOrders").result();
    assertThat(result.propertyNames()).containsExactly("open");
    // cl_ord_id is documented and only present on orders that have one (the grid bot's).
    assertThat(
            recordDifferences(
                recorded.get("result").get("open"), result.get("open"), Set.of("cl_ord_id")))
        .isEmpty();
  }

  @Test
  void assetsHaveTheRecordedShape() throws IOException {
    JsonNode recorded = fixture("rotki_public_Assets_snapshot.json").get("result");
    JsonNode result = client.get("Assets").result();
    assertThat(result.propertyNames())
        .containsExactly("XXBT", "XETH", "ZUSD", "ZEUR", "DOT", "USDT", "KFEE", "DOT.S");
    for (Map.Entry<String, JsonNode> asset : result.properties()) {
      // Same asset in the snapshot; status is newer than the snapshot.
      assertThat(
              JsonShape.differences(
                  recorded.get(asset.getKey()), asset.getValue(), Set.of("status"), asset.getKey()))
          .isEmpty();
      assertThat(asset.getValue().get("altname").asString())
          .isEqualTo(recorded.get(asset.getKey()).get("altname").asString());
      assertThat(asset.getValue().get("decimals").asInt())
          .isEqualTo(recorded.get(asset.getKey()).get("decimals").asInt());
    }
  }

  @Test
  void assetPairsGiveOrderminAndCostminAsDecimalStringsAsKrakenDocumentsThem() {
    // kraken-api.md, AssetPairs: "ordermin":"0.00005","costmin":"0.5" (strings; costmin in quote)
    JsonNode result = client.get("AssetPairs").result();
    Map<String, String> costmins = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> pair : result.properties()) {
      JsonNode costmin = pair.getValue().get("costmin");
      assertThat(JsonShape.type(costmin)).as(pair.getKey() + ".costmin").isEqualTo("string");
      assertThat(JsonShape.type(pair.getValue().get("ordermin")))
          .as(pair.getKey() + ".ordermin")
          .isEqualTo("string");
      assertThat(new BigDecimal(costmin.asString())).isPositive();
      costmins.put(pair.getKey(), costmin.asString());
    }
    // In each pair's quote: 0.5 USD, 0.45 EUR, and 0.00002 XBT for ETH/XBT
    assertThat(costmins)
        .containsExactly(
            Map.entry("XXBTZUSD", "0.5"),
            Map.entry("XETHZUSD", "0.5"),
            Map.entry("XETHXXBT", "0.00002"),
            Map.entry("DOTUSD", "0.5"),
            Map.entry("XXBTZEUR", "0.45"),
            Map.entry("USDTZUSD", "0.5"));
  }

  @Test
  void assetPairsHaveTheRecordedShape() throws IOException {
    JsonNode recorded = fixture("rotki_public_AssetPairs_snapshot.json").get("result");
    JsonNode result = client.get("AssetPairs").result();
    assertThat(result.propertyNames())
        .containsExactly("XXBTZUSD", "XETHZUSD", "XETHXXBT", "DOTUSD", "XXBTZEUR", "USDTZUSD");
    Set<String> newer =
        Set.of(
            "cost_decimals",
            "costmin",
            "tick_size",
            "status",
            "long_position_limit",
            "short_position_limit");
    for (Map.Entry<String, JsonNode> pair : result.properties()) {
      JsonNode theirs = recorded.get(pair.getKey());
      assertThat(JsonShape.differences(theirs, pair.getValue(), newer, pair.getKey())).isEmpty();
      for (String field :
          List.of("altname", "wsname", "base", "quote", "pair_decimals", "lot_decimals")) {
        assertThat(pair.getValue().get(field).asString())
            .as(pair.getKey() + "." + field)
            .isEqualTo(theirs.get(field).asString());
      }
    }
  }
}
