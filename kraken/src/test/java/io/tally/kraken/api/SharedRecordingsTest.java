package io.tally.kraken.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import io.tally.kraken.api.KrakenStub.Reply;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real recorded Kraken answers ({@code <tally.shared>/fixtures/kraken/xchange_recorded_0_private_*
 * .json}, kraken-api.md §8) served through the stub and parsed by the client's own code. Skipped
 * when the shared folder is absent.
 */
class SharedRecordingsTest {

  private final KrakenStub stub = new KrakenStub();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  /** Serves a shared fixture as the next answer to {@code method}; skips when it is absent. */
  private KrakenClient serving(String method, String fixture) {
    String shared = System.getProperty("tally.shared", "");
    assumeTrue(!shared.isEmpty(), "tally.shared is not set");
    Path file = Path.of(shared, "fixtures", "kraken", fixture);
    assumeTrue(Files.isRegularFile(file), () -> "no shared fixture " + file);
    stub.script(method, Reply.json(KrakenStub.read(file)));
    return stub.client().build();
  }

  @Test
  void ledgers() {
    Page<LedgerRow> page =
        serving("Ledgers", "xchange_recorded_0_private_ledgers.json").ledgers(HistoryQuery.all());

    assertThat(page.count()).hasValue(153);
    assertThat(page.rows())
        .extracting(LedgerRow::txid)
        .containsExactly("L2344R-JVEUJ-SBYX5H", "LQG5AJ-KK5J5-NK7XCW", "LPA5MH-ACZSQ-3MVKL7");
    LedgerRow trade = page.rows().get(0);
    assertThat(trade.time()).isEqualTo(Instant.parse("2025-09-03T21:32:01.565366Z"));
    assertThat(trade.subtype()).isEqualTo("tradespot");
    assertThat(trade.refid()).isEqualTo("TSVZ66-RESHM-IDZGCE");
    assertThat(trade.source()).isEqualTo("kraken-api");
    LedgerRow rollover = page.rows().get(1);
    assertThat(rollover.time()).isEqualTo(Instant.parse("2025-09-06T20:24:17.607050Z"));
    assertThat(rollover.fee()).isEqualByComparingTo("0.00171");
    assertThat(page.rows().get(2).refid()).isEqualTo("FTJ4ZXN-YRWqyo1No6Wqt3vzBVgNMf");
  }

  @Test
  void legacyLedgersWithCountAsString() {
    Page<LedgerRow> page =
        serving("Ledgers", "xchange_legacy_example_ledgerinfo_2014_2019.json")
            .ledgers(HistoryQuery.all());

    assertThat(page.rows()).isNotEmpty();
    assertThat(page.count()).isPresent();
    assertThat(page.rows()).extracting(LedgerRow::type).contains("adjustment", "deposit");
  }

  @Test
  void tradesHistory() {
    Page<TradeRow> page =
        serving("TradesHistory", "xchange_recorded_0_private_tradeshistory.json")
            .tradesHistory(HistoryQuery.all());

    assertThat(page.count()).hasValue(4);
    assertThat(page.rows()).hasSize(4);
    TradeRow first = page.rows().get(0);
    assertThat(first.txid()).isEqualTo("T7FJQW-EBPSX-R5RK3J");
    assertThat(first.pair()).isEqualTo("XBTUSDT");
    assertThat(first.price()).isEqualByComparingTo("110153.6");
    assertThat(first.time()).isEqualTo(Instant.parse("2025-09-04T14:04:32.591762Z"));
    assertThat(page.rows()).extracting(TradeRow::txid).contains("TSVZ66-RESHM-IDZGCE");
  }

  @Test
  void balanceEx() {
    Map<String, ExtendedBalance> balances =
        serving("BalanceEx", "xchange_recorded_0_private_balanceex.json").balanceEx();

    assertThat(balances.keySet()).containsExactly("USDT", "USDT.M", "XETH", "XXBT", "AMBRx.T");
    // 60.90852 - 13.63876 = 47.26976
    assertThat(balances.get("USDT").available()).isEqualByComparingTo("47.26976");
  }

  @Test
  void tradeBalance() {
    TradeBalance balance =
        serving("TradeBalance", "xchange_recorded_0_private_tradebalance.json").tradeBalance();

    assertThat(balance.equivalentBalance()).isEqualByComparingTo("99.994");
    assertThat(balance.freeMargin()).isEqualByComparingTo("99.494");
    assertThat(balance.marginLevel()).isEmpty();
  }

  @Test
  void openOrders() {
    List<KrakenOrder> orders =
        serving("OpenOrders", "xchange_recorded_0_private_openorders.json").openOrders();

    assertThat(orders)
        .extracting(KrakenOrder::txid)
        .containsExactly("OKXYTQ-BJLS2-HYJD7R", "OP2S3K-2SEPL-XTZNO4");
    assertThat(orders.get(0).openTime()).isEqualTo(Instant.parse("2025-09-03T21:18:20.624681Z"));
    assertThat(orders.get(0).pair()).isEqualTo("ETHUSDT");
    assertThat(orders.get(0).vol()).isEqualByComparingTo(new BigDecimal("0.002"));
    assertThat(orders.get(0).userref()).isZero();
    assertThat(orders.get(0).clOrdId()).isEmpty();
  }

  @Test
  void openPositions() {
    List<OpenPosition> positions =
        serving("OpenPositions", "xchange_recorded_0_private_openpositions.json").openPositions();

    assertThat(positions)
        .extracting(OpenPosition::positionId)
        .containsExactly("TPEMMT-EQABG-FTLK4T", "TS3FY4-PAZT6-E4TLCB");
    assertThat(positions.get(0).time()).isEqualTo(Instant.parse("2025-09-06T16:24:16.276205Z"));
  }

  @Test
  void publicAssetsAndPairsSnapshots() {
    KrakenClient kraken = serving("Assets", "rotki_public_Assets_snapshot.json");
    List<AssetInfo> assets = kraken.assets();
    serving("AssetPairs", "rotki_public_AssetPairs_snapshot.json");
    List<PairInfo> pairs = kraken.assetPairs();

    assertThat(assets).hasSizeGreaterThan(100);
    assertThat(assets)
        .filteredOn(asset -> asset.id().equals("XXBT"))
        .singleElement()
        .satisfies(xbt -> assertThat(xbt.altname()).isEqualTo("XBT"));
    assertThat(pairs).hasSize(402);
    assertThat(pairs).allSatisfy(pair -> assertThat(pair.costDecimals()).isEmpty());
    assertThat(pairs)
        .as("the 2021 snapshot predates costmin")
        .allSatisfy(pair -> assertThat(pair.costmin()).isEmpty());
  }
}
