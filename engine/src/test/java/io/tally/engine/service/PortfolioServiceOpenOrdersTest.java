package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.IssueKind;
import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.sync.OpenOrder;
import io.tally.engine.sync.OpenOrders;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.kraken.api.RetrySettings;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.DisplayDecimals;
import io.tally.money.Precision;
import io.tally.reconcile.AssetBalance;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.Order;
import io.tally.sim.OrderRequest;
import io.tally.sim.Side;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import io.tally.valuation.AssetValuation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Funds held by open orders (issue 15, point 6), end to end: the simulator's account on port 0,
 * whose grid bot keeps orders resting on the book, the real client and a real store. What the
 * service reports as reserved is compared with the simulator's own holds ({@code hold_trade}), and
 * its open orders with the simulator's resting orders.
 */
class PortfolioServiceOpenOrdersTest {

  private static final String KEY = "test-key";
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
  private static final Instant END = Instant.parse("2026-03-02T12:00:00Z");

  @TempDir Path directory;

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private PortfolioServiceReconciliationTest.AccountClock clock;
  private PortfolioStore store;

  @BeforeEach
  void start() {
    account = AccountGenerator.generate(7, 4, END);
    simulator =
        KrakenSimulator.start(
            account,
            0,
            SimulatorOptions.defaults().withCredentials(KEY, SECRET).withoutRateLimit());
    clock = new PortfolioServiceReconciliationTest.AccountClock(account);
    store = PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of());
  }

  @AfterEach
  void stop() {
    store.close();
    simulator.close();
  }

  @Test
  void reservedIsKrakensHoldAndFreePlusReservedIsTheTotal() {
    PortfolioService service = service(Optional.of(client()));
    service.initialize();
    SortedMap<Asset, BigDecimal> holds = holdsNow();
    assertThat(holds).as("the grid bot's orders hold funds").isNotEmpty();

    AssetBalances balances = service.getAssetBalances();

    assertThat(balances.reservedAsOf()).isPresent();
    assertThat(balances.reservedAsOf().get()).isBeforeOrEqualTo(clock.instant());
    for (AssetValuation holding : service.getAssetExposure()) {
      Asset asset = holding.holding().asset();
      AssetBalance balance = balances.balance(asset);
      assertThat(balance.total())
          .as(asset.code())
          .isEqualByComparingTo(holding.holding().quantity());
      assertThat(balance.free().add(balance.reserved()))
          .as("%s: free + reserved = total", asset)
          .isEqualByComparingTo(balance.total());
      assertThat(balance.reserved())
          .as("%s: reserved is Kraken's hold_trade", asset)
          .isEqualByComparingTo(holds.getOrDefault(asset, BigDecimal.ZERO));
    }
    assertThat(holds.keySet())
        .allSatisfy(asset -> assertThat(balances.balance(asset).isReserved()).isTrue());
    assertThat(service.getDataIssues())
        .noneMatch(issue -> issue.kind() == IssueKind.RESERVED_EXCEEDS_HOLDING);
  }

  @Test
  void theOpenOrdersAreTheOrdersRestingOnKraken() {
    PortfolioService service = service(Optional.of(client()));
    service.initialize();

    OpenOrders open = service.getOpenOrders().orElseThrow();

    assertThat(open.asOf()).isBeforeOrEqualTo(clock.instant());
    assertThat(open.orders())
        .extracting(OpenOrder::txid)
        .containsExactlyInAnyOrderElementsOf(restingTxids());
    for (OpenOrder order : open.orders()) {
      Order resting = account.findOrder(order.txid()).orElseThrow();
      assertThat(order.volume()).isEqualByComparingTo(resting.vol());
      assertThat(order.remaining()).isEqualByComparingTo(resting.remaining());
      assertThat(order.limitPrice().orElseThrow())
          .isEqualByComparingTo(resting.limitPrice().orElseThrow());
      assertThat(order.userref()).isEqualTo(resting.userref());
    }
    Map<String, Object> json =
        OrderJson.openOrders(service.getOpenOrders(), service.displayDecimals());
    assertThat(json.get("as_of")).isEqualTo(open.asOf().toString());
    assertThat((List<?>) json.get("open_orders")).hasSameSizeAs(open.orders());
  }

  @Test
  void aNewSellOrderIsReservedAfterTheNextSyncAndFreedWhenCancelled() {
    PortfolioService service = service(Optional.of(client()));
    service.initialize();
    AssetBalance before = service.getAssetBalances().balance(Asset.XBT);
    BigDecimal volume = new BigDecimal("0.01");
    assertThat(before.free()).as("XBT free to sell").isGreaterThan(volume);
    BigDecimal far =
        account.price("XXBTZUSD").multiply(BigDecimal.valueOf(3)).setScale(1, RoundingMode.DOWN);

    Order order =
        account.submit(OrderRequest.limit("XXBTZUSD", Side.SELL, volume, far).withUserref(1001));
    service.sync();

    // A resting sell moves 0.01 XBT from free to reserved; the holding itself is unchanged.
    AssetBalance resting = service.getAssetBalances().balance(Asset.XBT);
    assertThat(resting.total()).isEqualByComparingTo(before.total());
    assertThat(resting.reserved()).isEqualByComparingTo(before.reserved().add(volume));
    assertThat(resting.free()).isEqualByComparingTo(before.free().subtract(volume));
    assertThat(resting.reserved()).isEqualByComparingTo(holdsNow().get(Asset.XBT));
    OpenOrder listed =
        service.getOpenOrders().orElseThrow().orders().stream()
            .filter(o -> o.txid().equals(order.txid()))
            .findFirst()
            .orElseThrow();
    assertThat(listed.reservedAsset()).contains(Asset.XBT);
    assertThat(listed.reservedAmount()).contains(Precision.canonical(volume));
    assertThat(listed.strategy()).isEqualTo("trend_v1");

    account.cancel(order.txid());
    service.sync();

    assertThat(service.getAssetBalances().balance(Asset.XBT).reserved())
        .isEqualByComparingTo(before.reserved());
    assertThat(service.getOpenOrders().orElseThrow().orders())
        .extracting(OpenOrder::txid)
        .doesNotContain(order.txid());
  }

  @Test
  void aRestartKeepsTheHoldsWithTheirTimeButKnowsNoOpenOrdersUntilItSyncs() {
    PortfolioService first = service(Optional.of(client()));
    first.initialize();
    AssetBalances synced = first.getAssetBalances();

    // Kraken is down at the restart: the start-up sync fails, the stored books are served.
    simulator.faults().serviceUnavailable("Ledgers", 1_000);
    PortfolioService restarted = service(Optional.of(client()));
    restarted.initialize();

    assertThat(restarted.lastSyncError()).isPresent();
    assertThat(restarted.getAssetBalances()).isEqualTo(synced);
    assertThat(restarted.getAssetBalances().reservedAsOf()).isEqualTo(synced.reservedAsOf());
    assertThat(restarted.getOpenOrders()).as("open orders are not stored").isEmpty();
    Map<String, Object> json =
        OrderJson.openOrders(restarted.getOpenOrders(), DisplayDecimals.fallbacks());
    assertThat(json).containsEntry("as_of", null).containsEntry("open_orders", List.of());
  }

  @Test
  void withoutKrakenEverythingIsFreeAndNoOrdersAreKnown() {
    service(Optional.of(client())).initialize();

    PortfolioService offline = service(Optional.empty());
    offline.initialize();

    AssetBalances balances = offline.getAssetBalances();
    assertThat(balances.reservedAsOf()).isEmpty();
    assertThat(balances.byAsset().values()).noneMatch(AssetBalance::isReserved);
    assertThat(offline.getOpenOrders()).isEmpty();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private List<String> restingTxids() {
    List<String> txids = new ArrayList<>();
    account.orders().stream().filter(o -> o.status().isOpen()).forEach(o -> txids.add(o.txid()));
    return txids;
  }

  /** What the simulator's open orders hold now, by canonical asset. */
  private SortedMap<Asset, BigDecimal> holdsNow() {
    SortedMap<Asset, BigDecimal> holds = new TreeMap<>();
    account
        .holds()
        .forEach((id, amount) -> holds.merge(AssetSymbol.canonical(id), amount, BigDecimal::add));
    return holds;
  }

  private PortfolioService service(Optional<KrakenClient> client) {
    TallyConfig config =
        TallyConfig.defaults()
            .withPortfolio(portfolio())
            .withKraken(new KrakenConfig(simulator.baseUrl(), "pro"));
    return new PortfolioService(config, store, client, clock, line -> {});
  }

  private KrakenClient client() {
    return KrakenClient.builder()
        .baseUrl(simulator.baseUrl())
        .credentials(new KrakenCredentials(KEY, SECRET))
        .tier(CallCounter.Tier.PRO)
        .nonceSource(new AtomicLong(System.currentTimeMillis() * 1_000)::incrementAndGet)
        .clock(clock)
        .sleeper(clock::sleep)
        .retry(new RetrySettings(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(20), 0.1))
        .build();
  }

  private static PortfolioConfig portfolio() {
    PortfolioConfig defaults = PortfolioConfig.defaults();
    return new PortfolioConfig(
        defaults.baseCurrency(),
        defaults.valuationPairs(),
        defaults.includeAssets(),
        defaults.excludeAssets(),
        defaults.costBasisMethod(),
        true,
        defaults.snapshotRetentionDays(),
        defaults.reconciliationTolerance(),
        defaults.externalActivityThresholdPct(),
        defaults.maxPriceAge(),
        Map.of(1001L, "trend_v1", 1002L, "grid_v2"));
  }
}
