package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pages of 50, newest first, {@code ofs}, {@code start}/{@code end} by time and id, {@code count}.
 */
class KrakenSimulatorPagingTest {

  private static SimulatedAccount account;
  private static KrakenSimulator simulator;
  private static KrakenTestClient client;

  @BeforeAll
  static void start() {
    account = AccountGenerator.generate(99, 20, Instant.parse("2026-11-23T12:00:00Z"));
    simulator = KrakenSimulator.start(account, 0, SimulatorOptions.defaults().withoutRateLimit());
    client = new KrakenTestClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static List<String> keys(JsonNode map) {
    return new ArrayList<>(map.propertyNames());
  }

  private static List<String> newestLedgerIds() {
    List<String> ids = account.ledger().stream().map(LedgerEntry::id).collect(Collectors.toList());
    Collections.reverse(ids);
    return ids;
  }

  @Test
  void ledgersComeFiftyAPageNewestFirstWithTheTotalCount() {
    List<String> all = newestLedgerIds();
    assertThat(all.size()).isGreaterThan(120);
    JsonNode first = client.call("Ledgers").result();
    assertThat(first.get("count").asInt()).isEqualTo(all.size());
    assertThat(keys(first.get("ledger"))).isEqualTo(all.subList(0, 50));
    JsonNode second = client.call("Ledgers", "ofs", "50").result();
    assertThat(keys(second.get("ledger"))).isEqualTo(all.subList(50, 100));
    int lastOffset = (all.size() - 1) / 50 * 50;
    JsonNode last = client.call("Ledgers", "ofs", Integer.toString(lastOffset)).result();
    assertThat(keys(last.get("ledger"))).isEqualTo(all.subList(lastOffset, all.size()));
    JsonNode beyond = client.call("Ledgers", "ofs", Integer.toString(all.size())).result();
    assertThat(beyond.get("ledger").isEmpty()).isTrue();
    assertThat(beyond.get("count").asInt()).isEqualTo(all.size());
    assertThat(client.call("Ledgers", "without_count", "true").result().has("count")).isFalse();
  }

  @Test
  void startIsExclusiveAndEndInclusiveByTime() {
    List<LedgerEntry> ledger = account.ledger();
    LedgerEntry from = ledger.get(40);
    LedgerEntry to = ledger.get(70);
    String start = WireFormat.seconds(from.time()).toPlainString();
    String end = WireFormat.seconds(to.time()).toPlainString();
    JsonNode result = client.call("Ledgers", "start", start, "end", end).result();
    List<String> expected =
        ledger.stream()
            .filter(e -> e.time().isAfter(from.time()) && !e.time().isAfter(to.time()))
            .map(LedgerEntry::id)
            .collect(Collectors.toList());
    Collections.reverse(expected);
    assertThat(keys(result.get("ledger"))).isEqualTo(expected);
    assertThat(keys(result.get("ledger"))).doesNotContain(from.id()).contains(to.id());
    // Whole seconds work too.
    Instant second = Instant.ofEpochSecond(to.time().getEpochSecond());
    assertThat(
            client
                .call("Ledgers", "end", Long.toString(second.getEpochSecond()))
                .result()
                .get("count")
                .asLong())
        .isEqualTo(ledger.stream().filter(e -> !e.time().isAfter(second)).count());
  }

  @Test
  void startIsExclusiveAndEndInclusiveByLedgerId() {
    List<LedgerEntry> ledger = account.ledger();
    JsonNode result =
        client.call("Ledgers", "start", ledger.get(10).id(), "end", ledger.get(30).id()).result();
    List<String> expected =
        IntStream.rangeClosed(11, 30)
            .mapToObj(i -> ledger.get(i).id())
            .collect(Collectors.toList());
    Collections.reverse(expected);
    assertThat(keys(result.get("ledger"))).isEqualTo(expected);
    assertThat(result.get("count").asInt()).isEqualTo(20);
  }

  @Test
  void filtersCountOnlyWhatMatches() {
    long xbtTrades =
        account.ledger().stream()
            .filter(e -> e.asset().equals("XXBT") && e.type().equals("trade"))
            .count();
    JsonNode result = client.call("Ledgers", "asset", "XBT", "type", "trade").result();
    assertThat(result.get("count").asLong()).isEqualTo(xbtTrades);
    result
        .get("ledger")
        .values()
        .forEach(
            row -> {
              assertThat(row.get("asset").asString()).isEqualTo("XXBT");
              assertThat(row.get("type").asString()).isEqualTo("trade");
            });
    assertThat(client.call("Ledgers", "asset", "DOT.S,KFEE").result().get("count").asLong())
        .isEqualTo(
            account.ledger().stream()
                .filter(e -> e.asset().equals("DOT.S") || e.asset().equals("KFEE"))
                .count());
  }

  @Test
  void tradesPageTheSameWayByTradeId() {
    List<Fill> trades = account.trades();
    List<String> newest = trades.stream().map(Fill::txid).collect(Collectors.toList());
    Collections.reverse(newest);
    JsonNode first = client.call("TradesHistory").result();
    assertThat(first.get("count").asInt()).isEqualTo(trades.size());
    assertThat(keys(first.get("trades"))).isEqualTo(newest.subList(0, 50));
    assertThat(keys(client.call("TradesHistory", "ofs", "50").result().get("trades")))
        .isEqualTo(newest.subList(50, 100));
    JsonNode window =
        client
            .call("TradesHistory", "start", trades.get(5).txid(), "end", trades.get(9).txid())
            .result();
    assertThat(keys(window.get("trades")))
        .containsExactly(
            trades.get(9).txid(), trades.get(8).txid(), trades.get(7).txid(), trades.get(6).txid());
    assertThat(
            client.call("TradesHistory", "type", "closed position").result().get("count").asInt())
        .isZero();
  }

  @Test
  void tradesCanCarryTheirLedgerIds() {
    JsonNode trades = client.call("TradesHistory", "ledgers", "true").result().get("trades");
    Map<String, Fill> byTxid = new HashMap<>();
    account.trades().forEach(fill -> byTxid.put(fill.txid(), fill));
    trades
        .properties()
        .forEach(
            trade -> {
              List<String> ledgers = new ArrayList<>();
              trade.getValue().get("ledgers").values().forEach(id -> ledgers.add(id.asString()));
              assertThat(ledgers).isEqualTo(byTxid.get(trade.getKey()).ledgerIds());
            });
    assertThat(client.call("TradesHistory").result().get("trades").values())
        .allMatch(trade -> !trade.has("ledgers"));
  }

  @Test
  void closedOrdersPageNewestClosedFirst() {
    List<Order> closed =
        account.orders().stream().filter(o -> !o.status().isOpen()).collect(Collectors.toList());
    JsonNode first = client.call("ClosedOrders").result();
    assertThat(first.get("count").asInt()).isEqualTo(closed.size());
    List<BigDecimal> closeTimes = new ArrayList<>();
    first
        .get("closed")
        .values()
        .forEach(order -> closeTimes.add(order.get("closetm").decimalValue()));
    assertThat(closeTimes).hasSize(50).isSortedAccordingTo(Collections.reverseOrder());
    JsonNode tagged = client.call("ClosedOrders", "userref", "1001").result();
    assertThat(tagged.get("count").asLong())
        .isEqualTo(closed.stream().filter(o -> o.userref() == 1001).count());
    Order pivot = closed.get(closed.size() / 2);
    JsonNode after =
        client.call("ClosedOrders", "start", pivot.txid(), "closetime", "open").result();
    assertThat(after.get("count").asLong())
        .isEqualTo(closed.stream().filter(o -> o.opentm().isAfter(pivot.opentm())).count());
  }

  @Test
  void queriesTakeALimitedNumberOfIds() {
    List<LedgerEntry> ledger = account.ledger();
    String twenty =
        ledger.subList(0, 20).stream().map(LedgerEntry::id).collect(Collectors.joining(","));
    assertThat(client.call("QueryLedgers", "id", twenty).result().size()).isEqualTo(20);
    String twentyOne = twenty + "," + ledger.get(20).id();
    assertThat(client.call("QueryLedgers", "id", twentyOne).firstError())
        .isEqualTo("EGeneral:Invalid arguments");

    List<Fill> trades = account.trades();
    String trades20 =
        trades.subList(0, 20).stream().map(Fill::txid).collect(Collectors.joining(","));
    assertThat(client.call("QueryTrades", "txid", trades20).result().size()).isEqualTo(20);
    assertThat(
            client.call("QueryTrades", "txid", trades20 + "," + trades.get(20).txid()).firstError())
        .isEqualTo("EGeneral:Invalid arguments");

    List<Order> orders = account.orders();
    String orders50 =
        orders.subList(0, 50).stream().map(Order::txid).collect(Collectors.joining(","));
    JsonNode queried = client.call("QueryOrders", "txid", orders50, "trades", "true").result();
    assertThat(queried.size()).isEqualTo(50);
    assertThat(queried.get(orders.get(0).txid()).has("trades")).isTrue();
    assertThat(
            client.call("QueryOrders", "txid", orders50 + "," + orders.get(50).txid()).firstError())
        .isEqualTo("EGeneral:Invalid arguments");
  }

  @Test
  void everyAssetsNewestLedgerBalanceIsItsBalance() {
    // Page through all of Ledgers with a frozen end, as a client should.
    String end = WireFormat.seconds(account.now()).toPlainString();
    Map<String, String> newest = new HashMap<>();
    int count = Integer.MAX_VALUE;
    for (int offset = 0; offset < count; offset += 50) {
      JsonNode page = client.call("Ledgers", "end", end, "ofs", Integer.toString(offset)).result();
      count = page.get("count").asInt();
      page.get("ledger")
          .values()
          .forEach(
              row ->
                  newest.putIfAbsent(row.get("asset").asString(), row.get("balance").asString()));
    }
    JsonNode balance = client.call("Balance").result();
    assertThat(newest.keySet()).containsExactlyInAnyOrderElementsOf(balance.propertyNames());
    newest.forEach(
        (asset, amount) -> assertThat(balance.get(asset).asString()).as(asset).isEqualTo(amount));
    JsonNode extended = client.call("BalanceEx").result();
    newest.forEach(
        (asset, amount) ->
            assertThat(extended.get(asset).get("balance").asString()).isEqualTo(amount));
  }
}
