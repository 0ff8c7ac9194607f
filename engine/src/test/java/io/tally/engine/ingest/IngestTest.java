package io.tally.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import io.tally.ledger.EventText;
import io.tally.ledger.Trade;
import io.tally.store.PortfolioStore;
import io.tally.store.SourceRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {

  @TempDir Path directory;

  private static final StrategyTags TAGS = new StrategyTags(Map.of(1001L, "trend_v1"));

  private static LedgerRow ledger(
      String txid, String refid, String asset, String amount, String fee, String balance) {
    return LedgerRow.fromFields(
        Map.of(
            "txid",
            txid,
            "refid",
            refid,
            "time",
            "2024-01-02T10:00:00Z",
            "type",
            "trade",
            "asset",
            asset,
            "amount",
            amount,
            "fee",
            fee,
            "balance",
            balance),
        "kraken-api",
        0);
  }

  private static TradeRow trade(String txid, String order) {
    return TradeRow.fromFields(
        Map.of(
            "txid",
            txid,
            "ordertxid",
            order,
            "pair",
            "XXBTZUSD",
            "time",
            "2024-01-02T10:00:00Z",
            "type",
            "buy",
            "price",
            "40000",
            "cost",
            "400",
            "fee",
            "1",
            "vol",
            "0.01"),
        "kraken-api",
        0);
  }

  private static SourceRow order(String txid, String userref, String clientId) {
    return new SourceRow(
        Ingest.ORDERS,
        txid,
        txid,
        Instant.parse("2024-01-02T10:00:00Z"),
        Map.of("txid", txid, "userref", userref, "cl_ord_id", clientId, "status", "closed"));
  }

  private static IngestBatch batch(
      List<LedgerRow> ledger, List<TradeRow> trades, List<SourceRow> orders) {
    return new IngestBatch(ledger, trades, orders, List.of(), Map.of(), "test");
  }

  private static Trade onlyTrade(PortfolioStore store) {
    return store.events().stream()
        .map(record -> EventText.parse(record.line()))
        .filter(Trade.class::isInstance)
        .map(Trade.class::cast)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void anOrderArrivingAfterItsTradeRetagsIt() {
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("t.db").toString(), Map.of())) {
      Ingest ingest = new Ingest(store, TAGS, phase -> {});
      IngestResult first =
          ingest.run(
              batch(
                  List.of(
                      ledger("L1", "T1", "ZUSD", "-400", "1", "0"),
                      ledger("L2", "T1", "XXBT", "0.01", "0", "0.01")),
                  List.of(trade("T1", "O1")),
                  List.of()));
      assertThat(first.newTrades()).isEqualTo(1);
      assertThat(first.updatedPairs()).containsExactly("XBTUSD");
      assertThat(onlyTrade(store).strategy()).isEqualTo("manual");

      IngestResult second =
          ingest.run(batch(List.of(), List.of(), List.of(order("O1", "1001", ""))));

      assertThat(second.stored().eventsRevised()).isEqualTo(1);
      assertThat(second.newTrades()).isZero();
      assertThat(onlyTrade(store).strategy()).isEqualTo("trend_v1");
    }
  }

  @Test
  void aClientOrderIdNamesTheStrategyWhenNoUserrefIsMapped() {
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("t.db").toString(), Map.of())) {
      new Ingest(store, TAGS, phase -> {})
          .run(
              batch(
                  List.of(
                      ledger("L1", "T1", "ZUSD", "-400", "1", "0"),
                      ledger("L2", "T1", "XXBT", "0.01", "0", "0.01")),
                  List.of(trade("T1", "O1")),
                  List.of(order("O1", "0", "KRKKD:grid_v2"))));

      assertThat(onlyTrade(store).strategy()).isEqualTo("grid_v2");
    }
  }

  @Test
  void strategyTagsFollowUserrefThenClientIdThenManual() {
    assertThat(TAGS.tagOf(1001, "KRKKD:other")).isEqualTo("trend_v1");
    assertThat(TAGS.tagOf(7, "KRKKD:grid_v2")).isEqualTo("grid_v2");
    assertThat(TAGS.tagOf(7, "KRKKD:grid_v2-0001")).isEqualTo("grid_v2");
    assertThat(TAGS.tagOf(7, "KRKKD:")).isEqualTo("manual");
    assertThat(TAGS.tagOf(0, "my-order-1")).isEqualTo("manual");
  }
}
