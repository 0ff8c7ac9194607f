package io.tally.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** AddOrder and CancelOrder: minimal, but they book what a paper trade needs. */
class KrakenSimulatorTradingTest {

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private KrakenTestClient client;

  @BeforeEach
  void start() {
    account = AccountGenerator.generate(8, 5, Instant.parse("2026-11-23T12:00:00Z"));
    simulator = KrakenSimulator.start(account, 0, SimulatorOptions.defaults().withoutRateLimit());
    client = new KrakenTestClient(simulator);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void aMarketOrderFillsAtTheCurrentPriceAndBooksItsTrade() {
    BigDecimal usd = new BigDecimal(client.call("Balance").result().get("ZUSD").asString());
    KrakenTestClient.Answer answer =
        client.call(
            "AddOrder",
            "pair",
            "XBTUSD",
            "type",
            "buy",
            "ordertype",
            "market",
            "volume",
            "0.002",
            "userref",
            "1003");
    assertThat(answer.errors()).isEmpty();
    String txid = answer.result().get("txid").get(0).asString();
    assertThat(answer.result().get("descr").get("order").asString())
        .isEqualTo("buy 0.00200000 XBTUSD @ market");

    JsonNode order = client.call("QueryOrders", "txid", txid, "trades", "true").result().get(txid);
    assertThat(order.get("status").asString()).isEqualTo("closed");
    assertThat(order.get("userref").asInt()).isEqualTo(1003);
    String tradeId = order.get("trades").get(0).asString();
    JsonNode trade = client.call("QueryTrades", "txid", tradeId).result().get(tradeId);
    assertThat(trade.get("ordertxid").asString()).isEqualTo(txid);
    assertThat(new BigDecimal(trade.get("price").asString()))
        .isEqualByComparingTo(account.price("XXBTZUSD"));
    // The newest ledger rows are its two legs; USD went down by cost + fee.
    JsonNode newest =
        client.call("Ledgers", "asset", "ZUSD").result().get("ledger").values().iterator().next();
    assertThat(newest.get("refid").asString()).isEqualTo(tradeId);
    BigDecimal cost = new BigDecimal(trade.get("cost").asString());
    BigDecimal fee = new BigDecimal(trade.get("fee").asString());
    BigDecimal after = new BigDecimal(client.call("Balance").result().get("ZUSD").asString());
    assertThat(usd.subtract(after)).isEqualByComparingTo(cost.add(fee));
  }

  @Test
  void aRestingLimitOrderHoldsFundsUntilCanceled() {
    BigDecimal price =
        account
            .price("XETHZUSD")
            .multiply(new BigDecimal("0.5"))
            .setScale(2, java.math.RoundingMode.DOWN);
    KrakenTestClient.Answer placed =
        client.call(
            "AddOrder",
            "pair",
            "ETHUSD",
            "type",
            "buy",
            "ordertype",
            "limit",
            "price",
            price.toPlainString(),
            "volume",
            "0.1",
            "cl_ord_id",
            "paper-1");
    String txid = placed.result().get("txid").get(0).asString();
    JsonNode open = client.call("OpenOrders", "cl_ord_id", "paper-1").result().get("open");
    assertThat(open.propertyNames()).containsExactly(txid);
    assertThat(open.get(txid).get("descr").get("order").asString())
        .isEqualTo("buy 0.10000000 ETHUSD @ limit " + price.toPlainString());
    assertThat(account.holds().get("ZUSD"))
        .isGreaterThanOrEqualTo(price.multiply(new BigDecimal("0.1")));

    assertThat(client.call("CancelOrder", "txid", "paper-1").result().get("count").asInt())
        .isEqualTo(1);
    JsonNode canceled = client.call("QueryOrders", "txid", txid).result().get(txid);
    assertThat(canceled.get("status").asString()).isEqualTo("canceled");
    assertThat(canceled.get("reason").asString()).isEqualTo("User requested");
    assertThat(client.call("CancelOrder", "txid", txid).firstError())
        .isEqualTo("EOrder:Unknown order");
  }

  @Test
  void ordersAreValidated() {
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
                    "500")
                .firstError())
        .isEqualTo("EOrder:Insufficient funds");
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
                    "0.00001")
                .firstError())
        .isEqualTo("EOrder:Order minimum not met");
    assertThat(
            client
                .call(
                    "AddOrder",
                    "pair",
                    "XBTJPY",
                    "type",
                    "buy",
                    "ordertype",
                    "market",
                    "volume",
                    "1")
                .firstError())
        .isEqualTo("EQuery:Unknown asset pair");
    assertThat(
            client
                .call("AddOrder", "pair", "XBTUSD", "type", "buy", "ordertype", "market")
                .firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(
            client
                .call(
                    "AddOrder",
                    "pair",
                    "XBTUSD",
                    "type",
                    "hold",
                    "ordertype",
                    "market",
                    "volume",
                    "1")
                .firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(
            client
                .call(
                    "AddOrder",
                    "pair",
                    "XBTUSD",
                    "type",
                    "buy",
                    "ordertype",
                    "limit",
                    "volume",
                    "0.01")
                .firstError())
        .isEqualTo("EGeneral:Invalid arguments");
    assertThat(
            client
                .call(
                    "AddOrder",
                    "pair",
                    "XBTUSD",
                    "type",
                    "buy",
                    "ordertype",
                    "limit",
                    "price",
                    "1000.05",
                    "volume",
                    "0.01")
                .firstError())
        .isEqualTo("EOrder:Invalid price");
    int orders = account.orders().size();
    JsonNode validated =
        client
            .call(
                "AddOrder",
                "pair",
                "XBTUSD",
                "type",
                "sell",
                "ordertype",
                "market",
                "volume",
                "0.001",
                "validate",
                "true")
            .result();
    assertThat(validated.has("txid")).isFalse();
    assertThat(validated.get("descr").get("order").asString())
        .isEqualTo("sell 0.00100000 XBTUSD @ market");
    assertThat(account.orders()).hasSize(orders);
    AccountGeneratorTest.assertConsistent(account);
  }
}
