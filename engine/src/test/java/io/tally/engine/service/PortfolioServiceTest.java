package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.PnlKind;
import io.tally.engine.GeneratedRecords;
import io.tally.engine.Mark;
import io.tally.engine.StoredBooks;
import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.ReconciliationConfig;
import io.tally.engine.config.ScheduleConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.kraken.api.RetrySettings;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.reconcile.AssetDrift;
import io.tally.reconcile.DriftBaseline;
import io.tally.reconcile.DriftMode;
import io.tally.reconcile.FlowAdjustedDrift;
import io.tally.reconcile.LiveCheck;
import io.tally.series.DayEnd;
import io.tally.series.EquityPoint;
import io.tally.series.EquityRange;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.EventRecord;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PositionValuation;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PortfolioService} end to end, by the rules of docs/ACCOUNTING-DECISIONS.md
 * ("Reconciliation and drift", "The service", "Checkpoints and start-up"): the Kraken simulator on
 * port 0 with a seeded ten-day account, the real client, a real SQLite store in a temporary
 * directory, no mocks.
 *
 * <p>One test clock drives the client (its call counter sleeps by moving it, so nothing waits for
 * real) and the service, and stays at or after the simulated account's clock: every event and every
 * Ticker price is then in the service's past, as it is in production. The account ends at a fixed
 * moment, so every run sees the same account.
 *
 * <p>Expected figures come from outside the service wherever possible: the simulator's own
 * balances, the stored Ticker prices, and the books replayed from the stored log with {@link
 * Books#replay}.
 */
class PortfolioServiceTest {

  private static final String KEY = "test-key";
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

  /** The end of the simulated history: fixed, so every run is the same account. */
  private static final Instant END = Instant.parse("2026-03-02T12:00:00Z");

  private static final BookConfig BOOKS =
      new BookConfig(Asset.USD, CostBasisMethod.WAC, MarketPrices.KFEE_USD);

  /** Two roundings to 8 decimals. */
  private static final Offset<BigDecimal> ROUNDING = Offset.offset(new BigDecimal("0.00000002"));

  private static final Asset EUR = Asset.of("EUR");
  private static final Pair XBTUSD = new Pair(Asset.XBT, Asset.USD);

  /** Kraken's ids in this account, mapped here (not by the code under test) to Tally's assets. */
  private static final Map<String, Asset> KRAKEN_IDS =
      Map.of(
          "ZUSD",
          Asset.USD,
          "ZEUR",
          EUR,
          "XXBT",
          Asset.XBT,
          "XETH",
          Asset.of("ETH"),
          "DOT",
          Asset.of("DOT"),
          "DOT.S",
          Asset.of("DOT"),
          "KFEE",
          Asset.KFEE);

  @TempDir Path directory;

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private TestClock clock;
  private final List<PortfolioStore> stores = new ArrayList<>();
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startSimulator() {
    account = AccountGenerator.generate(7, 10, END);
    simulator =
        KrakenSimulator.start(
            account,
            0,
            SimulatorOptions.defaults().withCredentials(KEY, SECRET).withoutRateLimit());
    clock = new TestClock(account.now().plusSeconds(1));
  }

  @AfterEach
  void stop() {
    stores.forEach(PortfolioStore::close);
    simulator.close();
  }

  // ---- 1. start-up ---------------------------------------------------------------------------

  @Test
  void initializeOnAnEmptyStoreSyncsSnapshotsCheckpointsAndValuesWhatKrakenHolds() {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    assertThatThrownBy(service::getEquity)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("initialize()");

    service.initialize();

    assertThat(progress).contains("books replayed from the event log");
    assertThat(store.eventCount()).as("the first sync ran").isPositive();
    assertThat(service.lastSyncAt()).isPresent();
    assertThat(service.getSnapshots(Optional.empty(), 10)).hasSize(1);
    assertThat(store.latestCheckpoint()).isPresent();
    assertThat(store.latestCheckpoint().orElseThrow().importId()).isPositive();

    // Equity from outside the service: Kraken's balances (the simulator's own), per canonical
    // asset, times the Ticker price the sync stored; USD is worth 1 and a KFEE credit 0.01 USD.
    Map<Asset, BigDecimal> balances = balances();
    Map<Asset, BigDecimal> ticker = tickerPrices(store);
    BigDecimal equity = BigDecimal.ZERO;
    BigDecimal cash = BigDecimal.ZERO;
    BigDecimal otherFiat = BigDecimal.ZERO;
    for (Map.Entry<Asset, BigDecimal> balance : balances.entrySet()) {
      Asset asset = balance.getKey();
      BigDecimal price =
          asset.equals(Asset.USD)
              ? BigDecimal.ONE
              : asset.equals(Asset.KFEE) ? new BigDecimal("0.01") : ticker.get(asset);
      assertThat(price).as("a Ticker price of %s was stored", asset).isNotNull();
      BigDecimal value = Precision.valueOf(balance.getValue(), price);
      equity = equity.add(value);
      if (asset.equals(Asset.USD)) {
        cash = cash.add(value);
      } else if (asset.equals(EUR)) {
        otherFiat = otherFiat.add(value);
      }
    }
    EquitySummary summary = service.getEquity();
    assertThat(summary.equity()).isEqualByComparingTo(equity);
    assertThat(summary.cash())
        .as("cash is the base currency's own balance")
        .isEqualByComparingTo(cash);
    assertThat(summary.otherFiat()).as("EUR, valued in USD").isEqualByComparingTo(otherFiat);
    assertThat(cash).as("the account holds USD").isPositive();
    assertThat(otherFiat).as("the account holds EUR").isPositive();
    assertThat(summary.driftFlag()).as("the books equal the exchange").isFalse();
    assertThat(summary.stale()).isFalse();
    assertThat(summary.asOf()).isAfterOrEqualTo(account.now()).isBeforeOrEqualTo(clock.instant());
    assertThat(summary.oldestPriceAt()).isPresent();

    List<AssetValuation> exposure = service.getAssetExposure();
    assertThat(exposure.stream().map(a -> a.holding().asset()).toList())
        .containsExactlyElementsOf(balances.keySet());
    assertThat(
            exposure.stream().map(AssetValuation::value).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(summary.equity());

    Reconciliation reconciliation = service.getReconciliation().orElseThrow();
    assertThat(reconciliation.live()).isPresent();
    assertThat(reconciliation.live().orElseThrow().differences()).isEmpty();
    assertThat(reconciliation.ledgerOk()).isTrue();
    assertThat(service.getDataIssues()).as("a clean simulated account").isEmpty();

    PortfolioSnapshot first = service.getSnapshots(Optional.empty(), 10).get(0);
    assertThat(first.equity()).isEqualByComparingTo(summary.equity());
    assertThat(first.driftFlag()).isFalse();

    // Stale is judged when asked: the same view is stale once its prices are older than 15 min.
    clock.sleep(Duration.ofMinutes(16));
    EquitySummary later = service.getEquity();
    assertThat(later.asOf()).isEqualTo(summary.asOf());
    assertThat(later.equity()).isEqualTo(summary.equity());
    assertThat(later.stale()).isTrue();
  }

  // ---- 2. sync and external activity ---------------------------------------------------------

  @Test
  void aLargeDepositIsSyncedAndReportedAsExternalActivityATinyOneIsNot() {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    service.initialize();
    List<ExternalActivity> activities = new CopyOnWriteArrayList<>();
    service.onExternalActivity(activities::add);

    EquitySummary before = service.getEquity();
    Map<Asset, BigDecimal> sharesBefore = shares(service.getAssetExposure());
    Set<String> flowsBefore = flowIds(service.getCashFlows(Optional.empty(), 10_000));

    advanceAccount(Duration.ofHours(1));
    account.deposit("ZUSD", new BigDecimal("50000"));
    progress.clear();
    SyncResult result = service.sync();

    assertThat(result.newLedgerRows()).isPositive();
    assertThat(result.cashFlowsAdded()).isGreaterThanOrEqualTo(1);
    assertThat(result.driftDetected()).isFalse();
    List<CashFlowRecord> added = new ArrayList<>();
    for (CashFlowRecord flow : service.getCashFlows(Optional.empty(), 10_000)) {
      if (!flowsBefore.contains(flow.flow().id().value())) {
        added.add(flow);
      }
    }
    assertThat(added)
        .anySatisfy(
            flow -> {
              assertThat(flow.flow().kind()).isEqualTo(FlowKind.DEPOSIT);
              assertThat(flow.flow().amount()).isEqualTo(Amount.of("USD", "50000"));
            });

    // The larger of: the flows' value against equity before (50000 / E × 100, 4 decimals), and
    // the change in points of the share of equity of each asset they touch (USD here).
    BigDecimal flowValue = BigDecimal.ZERO;
    Set<Asset> touched = new HashSet<>();
    for (CashFlowRecord flow : added) {
      if (flow.flow().kind() != FlowKind.ADJUSTMENT) {
        touched.add(flow.flow().amount().asset());
        BigDecimal value = flow.valueBase().orElseThrow();
        flowValue = flowValue.add(flow.flow().amount().signum() < 0 ? value.negate() : value);
      }
    }
    BigDecimal expected = Precision.percent(flowValue.abs(), before.equity());
    Map<Asset, BigDecimal> sharesAfter = shares(service.getAssetExposure());
    for (Asset asset : touched) {
      expected =
          expected.max(
              sharesAfter
                  .getOrDefault(asset, BigDecimal.ZERO)
                  .subtract(sharesBefore.getOrDefault(asset, BigDecimal.ZERO))
                  .abs());
    }
    assertThat(activities).hasSize(1);
    ExternalActivity activity = activities.get(0);
    assertThat(activity.kind()).isEqualTo(ActivityKind.TRANSFER);
    assertThat(activity.changePct()).isGreaterThan(new BigDecimal("5"));
    assertThat(activity.changePct()).isEqualByComparingTo(expected);
    assertThat(activity.eventIds()).containsAll(flowIds(added));
    String message =
        "External activity: transfer changed your portfolio by "
            + expected.stripTrailingZeros().toPlainString()
            + "%";
    assertThat(activity.message()).isEqualTo(message);
    assertThat(progress).contains(message);

    // 1 USD against an equity of about 165 000: 1 / 165 000 × 100 ≈ 0.0006 %, far below 5 %.
    activities.clear();
    progress.clear();
    account.deposit("ZUSD", BigDecimal.ONE);
    SyncResult tiny = service.sync();

    assertThat(tiny.newLedgerRows()).isEqualTo(1);
    assertThat(tiny.cashFlowsAdded()).isEqualTo(1);
    assertThat(service.getCashFlows(Optional.of(Asset.USD), 1).get(0).flow().amount())
        .isEqualTo(Amount.of("USD", "1"));
    assertThat(activities).isEmpty();
    assertThat(progress).noneMatch(line -> line.startsWith("External activity"));
  }

  // ---- 3. queries ----------------------------------------------------------------------------

  @Test
  void positionsExposureTradesFeesAndFlowsAnswerFromTheStoredLog() {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    service.initialize();

    PositionValuation xbt = service.getPosition("XBTUSD");
    assertThat(xbt.position().pair()).isEqualTo(XBTUSD);
    assertThat(service.getPosition("XBT/USD")).isEqualTo(xbt);
    assertThat(service.getPosition("BTC/USD")).isEqualTo(xbt);
    assertThat(service.getPosition("xbtusd")).isEqualTo(xbt);
    assertThatThrownBy(() -> service.getPosition("DOGEUSD"))
        .isInstanceOfSatisfying(
            PositionNotFoundException.class, e -> assertThat(e.pair()).isEqualTo("DOGEUSD"))
        .hasMessageContaining("DOGEUSD");

    List<AssetValuation> exposure = service.getAssetExposure();
    assertThat(exposure).allSatisfy(a -> assertThat(a.holding().quantity()).isNotZero());
    assertThat(exposure.stream().map(a -> a.holding().asset()).toList())
        .containsExactlyElementsOf(balances().keySet());
    BigDecimal percent =
        exposure.stream()
            .map(AssetValuation::percentageOfEquity)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(percent).isBetween(new BigDecimal("99.99"), new BigDecimal("100.01"));

    List<Trade> trades = storedEvents(store, Trade.class); // oldest first
    List<Trade> newestFirst = new ArrayList<>(trades);
    java.util.Collections.reverse(newestFirst);
    assertThat(trades.size()).isGreaterThan(10);

    List<Trade> five = trades(service.getTradeHistory(Optional.empty(), 5, Optional.of(true)));
    assertThat(five).containsExactlyElementsOf(newestFirst.subList(0, 5));
    for (int i = 1; i < five.size(); i++) {
      assertThat(five.get(i).at()).isBeforeOrEqualTo(five.get(i - 1).at());
    }
    List<Trade> xbtTrades =
        trades(service.getTradeHistory(Optional.of("XBT/USD"), 10_000, Optional.of(true)));
    assertThat(xbtTrades)
        .isNotEmpty()
        .containsExactlyElementsOf(
            newestFirst.stream().filter(t -> t.pair().equals(XBTUSD)).toList());
    assertThat(trades(service.getTradeHistory(Optional.of("XBTUSD"), 10_000, Optional.of(true))))
        .isEqualTo(xbtTrades);
    assertThat(trades).anyMatch(t -> t.strategy().equals(Trade.MANUAL));
    List<Trade> bots =
        trades(service.getTradeHistory(Optional.empty(), 10_000, Optional.of(false)));
    assertThat(bots)
        .containsExactlyElementsOf(
            newestFirst.stream().filter(t -> !t.strategy().equals(Trade.MANUAL)).toList());
    assertThat(bots).noneMatch(t -> t.strategy().equals(Trade.MANUAL));
    assertThat(service.getTradeHistory(Optional.empty(), trades.size() + 100, Optional.of(true)))
        .hasSize(trades.size());
    assertThatThrownBy(() -> service.getTradeHistory(Optional.empty(), 0, Optional.of(true)))
        .isInstanceOf(IllegalArgumentException.class);

    BookState books = replay(store);
    var fees = service.getFeeSummary();
    assertThat(fees.total()).isPositive();
    assertThat(fees.byAsset().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(fees.total());
    assertThat(fees).isEqualTo(books.fees());

    List<CashFlow> usdFlows = new ArrayList<>();
    for (CashFlow flow : storedEvents(store, CashFlow.class)) {
      if (flow.amount().asset().equals(Asset.USD)) {
        usdFlows.add(0, flow); // newest first
      }
    }
    assertThat(usdFlows.size()).isGreaterThan(2);
    List<CashFlowRecord> two = service.getCashFlows(Optional.of(Asset.USD), 2);
    assertThat(two.stream().map(CashFlowRecord::flow).toList())
        .containsExactlyElementsOf(usdFlows.subList(0, 2));
    // USD in a USD book: each flow is worth its own amount.
    assertThat(two)
        .allSatisfy(
            flow ->
                assertThat(flow.valueBase().orElseThrow())
                    .isEqualByComparingTo(flow.flow().amount().value().abs()));
    List<CashFlowRecord> dot = service.getCashFlows(Optional.of(Asset.of("DOT")), 100);
    assertThat(dot)
        .isNotEmpty()
        .allSatisfy(
            flow -> {
              assertThat(flow.flow().amount().asset()).isEqualTo(Asset.of("DOT"));
              assertThat(flow.valueBase()).isPresent();
              // The simulator's DOT flows are staking rewards: type staking, no subtype.
              assertThat(flow.note()).contains("staking");
            });
    assertThat(two).allSatisfy(flow -> assertThat(flow.note()).isPresent());
    assertThat(ContractJson.cashFlow(dot.get(0), DisplayDecimals.fallbacks()).get("note"))
        .isEqualTo("staking");
    for (int i = 1; i < dot.size(); i++) {
      assertThat(dot.get(i).flow().at()).isBeforeOrEqualTo(dot.get(i - 1).flow().at());
    }
  }

  @Test
  void pnlSummariesSplitTradingPnlByPairAndStrategyAndLeaveManualTradesOutWhenAsked() {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    service.initialize();
    BookState books = replay(store);
    PortfolioValuation valuation =
        Valuation.of(books, prices(store), service.getEquity().asOf(), Duration.ofMinutes(15));

    PnlSummary all = service.getPnlSummary(PnlPeriod.ALL, Optional.of(true));

    assertThat(all.from()).isEmpty();
    assertThat(all.realized()).isEqualByComparingTo(books.realized(PnlKind.TRADE));
    assertThat(sum(realizedByPair(all))).isEqualByComparingTo(books.realized(PnlKind.TRADE));
    assertSameFigures(realizedByPair(all), books.realizedByPair());
    assertSameFigures(unrealizedByPair(all), valuation.unrealizedByPair());
    assertSameFigures(byStrategy(all), books.realizedByStrategy());
    assertThat(byStrategy(all)).containsKeys("manual", "trend_v1", "grid_v2");
    assertThat(service.getPnlSummary(PnlPeriod.ALL, Optional.empty()))
        .as("track_manual_trades is true")
        .isEqualTo(all);

    PnlSummary bots = service.getPnlSummary(PnlPeriod.ALL, Optional.of(false));

    assertThat(byStrategy(bots)).doesNotContainKey("manual");
    Map<String, BigDecimal> botStrategies = new TreeMap<>(books.realizedByStrategy());
    botStrategies.remove("manual");
    assertSameFigures(byStrategy(bots), botStrategies);
    Map<Pair, BigDecimal> manual = books.realizedByStrategyAndPair().get("manual");
    assertThat(manual).isNotEmpty();
    Map<Pair, BigDecimal> withManual = realizedByPair(all);
    Map<Pair, BigDecimal> withoutManual = realizedByPair(bots);
    assertThat(withoutManual.keySet()).isEqualTo(withManual.keySet());
    for (Pair pair : withManual.keySet()) {
      assertThat(withManual.get(pair).subtract(withoutManual.get(pair)))
          .as("%s differs by its manual realized PnL", pair)
          .isEqualByComparingTo(manual.getOrDefault(pair, BigDecimal.ZERO));
    }
    assertThat(all.realized().subtract(bots.realized()))
        .isEqualByComparingTo(books.realizedByStrategy().get("manual"));
    assertThat(bots.unrealized()).as("unrealized stays whole").isEqualTo(all.unrealized());

    // The whole ten-day history lies within the last 30 days: the period's start books are empty.
    PnlSummary month = service.getPnlSummary(PnlPeriod.MONTH, Optional.of(true));
    assertThat(month.from()).contains(all.to().minus(Duration.ofDays(30)));
    assertThat(month.realized()).isEqualByComparingTo(all.realized());
    assertThat(month.unrealized()).isEqualByComparingTo(all.unrealized());
    assertThat(realizedByPair(month)).isEqualTo(realizedByPair(all));
    assertThat(unrealizedByPair(month)).isEqualTo(unrealizedByPair(all));
    assertThat(byStrategy(month)).isEqualTo(byStrategy(all));
  }

  @Test
  void theLastDaysPnlIsTheDifferenceOfTheWholeHistoryBeforeAndAfterThatDay() {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    service.initialize();
    PnlSummary before = service.getPnlSummary(PnlPeriod.ALL, Optional.of(true));
    Set<String> oldEvents = eventIds(store);

    account.advance(Duration.ofDays(1));
    clock.moveTo(before.to().plus(Duration.ofDays(1)));
    SyncResult result = service.sync();
    PnlSummary day = service.getPnlSummary(PnlPeriod.DAY, Optional.of(true));
    PnlSummary after = service.getPnlSummary(PnlPeriod.ALL, Optional.of(true));

    assertThat(result.newTradesCount()).as("the bots traded during the day").isPositive();
    // The day starts where the first summary was taken: the books then held exactly the old
    // events, valued with exactly the prices stored then.
    Instant from = day.from().orElseThrow();
    assertThat(from).isEqualTo(after.to().minus(Duration.ofDays(1)));
    Set<String> beforeFrom = new HashSet<>();
    for (EventRecord record : store.events()) {
      if (record.at().isBefore(from)) {
        beforeFrom.add(record.eventId());
      }
    }
    assertThat(beforeFrom).as("the events before the day").isEqualTo(oldEvents);
    assertThat(store.prices()).noneMatch(p -> p.at().isAfter(before.to()) && !p.at().isAfter(from));

    assertSameFigures(
        realizedByPair(day), difference(realizedByPair(after), realizedByPair(before)));
    assertSameFigures(
        unrealizedByPair(day), difference(unrealizedByPair(after), unrealizedByPair(before)));
    assertSameFigures(byStrategy(day), difference(byStrategy(after), byStrategy(before)));
    // Issue 15, point 2: the day's realized PnL records add up to the day's summary by strategy.
    List<RealizedPnLRecord> dayRecords =
        service.getRealizedPnlRecords(
            TradeQuery.newest(10_000)
                .between(Optional.of(from), Optional.of(day.to()))
                .includeManual(true));
    assertThat(dayRecords).isNotEmpty().allMatch(r -> !r.time().isBefore(from));
    assertSameFigures(sumByStrategy(dayRecords), byStrategy(day));
    assertSameFigures(
        sumByStrategy(service.getTradeHistory(Optional.empty(), 10_000, Optional.of(true))),
        byStrategy(after));
    assertThat(day.realized()).isEqualByComparingTo(after.realized().subtract(before.realized()));
    assertThat(day.unrealized())
        .isEqualByComparingTo(after.unrealized().subtract(before.unrealized()));
    assertThat(day.total()).as("a day of trading moved PnL").isNotZero();
  }

  // ---- 4. restart ----------------------------------------------------------------------------

  @Test
  void aRestartResumesFromTheCheckpointButReplaysWhenAnEventArrivesBackInTime() {
    Path file = directory.resolve("tally.db");
    PortfolioStore first = store();
    PortfolioService service = service(config(), first);
    service.initialize();
    EquitySummary equity = service.getEquity();
    List<PositionValuation> positions = service.getPositions();
    var fees = service.getFeeSummary();
    PnlSummary pnl = service.getPnlSummary(PnlPeriod.ALL, Optional.of(true));
    List<AssetValuation> exposure = service.getAssetExposure();
    Instant checkpointTaken = first.latestCheckpoint().orElseThrow().takenAt();
    first.close();

    clock.sleep(Duration.ofMinutes(1));
    progress.clear();
    PortfolioStore second = store();
    PortfolioService restarted = service(config(), second);
    List<StateRecovered> recovered = new ArrayList<>();
    restarted.onStateRecovered(recovered::add);
    restarted.initialize();

    assertThat(progress).contains("books resumed from a checkpoint and 0 events after it");
    // One STATE_RECOVERED: the checkpoint the first run left, nothing after it, and a
    // reconciliation this process ran before answering (not a status from before the restart).
    assertThat(recovered).hasSize(1);
    StateRecovered state = recovered.get(0);
    assertThat(state.checkpointAt()).contains(checkpointTaken);
    assertThat(state.eventsFolded()).isZero();
    assertThat(state.status()).isEqualTo(ReconciliationStatus.OK);
    assertThat(state.reconciledAt())
        .hasValueSatisfying(at -> assertThat(at).isAfter(equity.asOf()));
    assertThat(state.lastSyncError()).isEmpty();
    assertThat(progress).anyMatch(line -> line.startsWith("STATE_RECOVERED: books resumed from"));
    EquitySummary again = restarted.getEquity();
    assertThat(again.asOf()).isAfter(equity.asOf());
    // The restart synced (the simulator's market stood still), so only the times moved.
    assertThat(again)
        .usingRecursiveComparison()
        .ignoringFields("asOf", "oldestPriceAt", "drawdown")
        .isEqualTo(equity);
    assertThat(again.oldestPriceAt().orElseThrow()).isAfter(equity.oldestPriceAt().orElseThrow());
    // The drawdown windows observed the later valuation too: the same marks, a later moment.
    assertThat(again.drawdown().orElseThrow().total().peak())
        .isEqualTo(equity.drawdown().orElseThrow().total().peak());
    assertThat(again.drawdown().orElseThrow().total().drawdown())
        .isEqualTo(equity.drawdown().orElseThrow().total().drawdown());
    assertThat(restarted.getPositions()).isEqualTo(positions);
    assertThat(restarted.getFeeSummary()).isEqualTo(fees);
    assertThat(withoutMoments(restarted.getAssetExposure())).isEqualTo(withoutMoments(exposure));
    assertThat(restarted.getPnlSummary(PnlPeriod.ALL, Optional.of(true)))
        .usingRecursiveComparison()
        .ignoringFields("to")
        .isEqualTo(pnl);

    // A deposit of 0.1 XBT dated just before the account's first XBT sale: at the end of the fold
    // it would raise XBT's average cost only after the sales; in its place it changes what every
    // later XBT sale realizes. Only a replay puts it there.
    List<LedgerEvent> old = new ArrayList<>(StoredBooks.load(second).events());
    Trade firstSale =
        storedEvents(second, Trade.class).stream()
            .filter(t -> t.sold().stream().anyMatch(leg -> leg.asset().equals(Asset.XBT)))
            .findFirst()
            .orElseThrow();
    CashFlow late =
        new CashFlow(
            EventId.of("late:1"),
            firstSale.at().minusSeconds(60),
            FlowKind.DEPOSIT,
            Amount.of("XBT", "0.1"),
            Amount.zero(Asset.XBT));
    commit(second, late);
    second.close();

    progress.clear();
    PortfolioStore third = store();
    PortfolioService reloaded = service(config(), third);
    reloaded.initialize();

    assertThat(progress).contains("books replayed from the event log");
    BookState replayed = replay(third);
    Books appended = new Books(BOOKS, prices(third));
    old.sort(LedgerEvent.ORDER);
    old.forEach(appended::apply);
    appended.apply(late);
    assertThat(appended.state().realizedByPair().get(XBTUSD))
        .as("the test's premise: the event's place matters")
        .isNotEqualByComparingTo(replayed.realizedByPair().get(XBTUSD));
    PortfolioValuation valuation =
        Valuation.of(replayed, prices(third), clock.instant(), Duration.ofMinutes(15));
    assertThat(reloaded.getEquity().equity()).isEqualTo(valuation.equity());
    assertThat(reloaded.getEquity().realized()).isEqualTo(replayed.realizedTotal());
    assertThat(reloaded.getPositions()).isEqualTo(valuation.positions());
    assertThat(reloaded.getFeeSummary()).isEqualTo(replayed.fees());
    assertSameFigures(
        realizedByPair(reloaded.getPnlSummary(PnlPeriod.ALL, Optional.of(true))),
        replayed.realizedByPair());
    assertThat(reloaded.getPosition("XBTUSD")).isNotEqualTo(service.getPosition("XBTUSD"));
    assertThat(file).exists();
  }

  // ---- 5. drift ------------------------------------------------------------------------------

  @Test
  void aPhantomEventTheExchangeDoesNotHaveIsDrift() {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    service.initialize();
    Instant now = clock.instant();
    BigDecimal xbtPrice = tickerPrices(store).get(Asset.XBT);
    commit(store, phantomDeposit(now));

    BigDecimal equityBefore = service.getEquity().equity();
    assertThat(service.getEquity().driftFlag()).isFalse();

    Reconciliation reconciliation = service.reconcile();

    assertThat(reconciliation.driftFlag()).isTrue();
    assertThat(service.getEquity().driftFlag()).isTrue();
    // reconcile() is a write: the books now hold the phantom 0.1 XBT (within rounding).
    assertThat(service.getEquity().equity())
        .isCloseTo(equityBefore.add(Precision.valueOf(new BigDecimal("0.1"), xbtPrice)), ROUNDING);
    LiveCheck live = reconciliation.live().orElseThrow();
    AssetDrift xbt = drift(live, Asset.XBT);
    assertThat(xbt.difference()).isEqualByComparingTo("-0.1");
    assertThat(xbt.internal().subtract(xbt.exchange())).isEqualByComparingTo("0.1");
    // exchange − books = −0.1 XBT, valued at the Ticker price p: −0.1 × p.
    BigDecimal valued = Precision.valueOf(new BigDecimal("-0.1"), xbtPrice);
    assertThat(xbt.differenceBase()).contains(valued);
    assertThat(live.differences()).containsExactly(xbt);
    assertThat(live.totalDifferenceBase()).isEqualByComparingTo(valued);
    // The baseline was set at the first live check (during initialize). The phantom raised the
    // books' flows by V = 0.1 × p and their PnL by nothing (bought at p, valued at p); the
    // exchange's equity (books + difference) did not move: raw 0, explained V, unexplained −V.
    // (Within rounding: the books value q + 0.1 XBT at once, 8 decimals, not q and 0.1 apart.)
    FlowAdjustedDrift drift = reconciliation.drift().orElseThrow();
    assertThat(drift.rawDrift()).isCloseTo(BigDecimal.ZERO, ROUNDING);
    assertThat(drift.flows()).isEqualByComparingTo(valued.negate());
    assertThat(drift.pnl()).isCloseTo(BigDecimal.ZERO, ROUNDING);
    assertThat(drift.unexplained()).isCloseTo(valued, ROUNDING);

    Map<String, Object> json =
        ContractJson.reconciliation(reconciliation, DisplayDecimals.fallbacks());
    assertThat(json)
        .containsKeys(
            "drift_flag", "tolerance_base", "assets", "ledger_check", "adjusted_drift_base");
    assertThat(json.get("drift_flag")).isEqualTo(true);
    assertThat(json.get("tolerance_base")).isEqualTo("1.00000000");
    assertThat(json.get("adjusted_drift_base")).isEqualTo(drift.unexplained().toPlainString());
    List<Object> assets = new ArrayList<>((List<?>) json.get("assets"));
    assertThat(assets).hasSize(live.assets().size());
    for (Object row : assets) {
      assertThat(new ArrayList<Object>(((Map<?, ?>) row).keySet()))
          .containsExactly("asset", "internal", "exchange", "difference", "difference_base");
    }
    assertThat(assets)
        .contains(
            Map.of(
                "asset", "XBT",
                "internal", xbt.internal().toPlainString(),
                "exchange", xbt.exchange().toPlainString(),
                "difference", "-0.1",
                "difference_base", valued.toPlainString()));
    Map<?, ?> ledger = (Map<?, ?>) json.get("ledger_check");
    assertThat(new ArrayList<Object>(ledger.keySet())).containsExactly("ok", "first_divergence");
    assertThat(ledger.get("ok")).isEqualTo(true);
    assertThat(ledger.get("first_divergence")).isNull();
    assertThat(json.get("adjustments_booked")).isEqualTo(List.of());
    assertThat(store.events()).noneMatch(e -> e.eventId().startsWith("reconcile:"));
  }

  @Test
  void withAutoUpdateDriftIsCorrectedByAVisibleAdjustmentEvent() {
    PortfolioStore store = store();
    TallyConfig config =
        config()
            .withReconciliation(
                new ReconciliationConfig(
                    Duration.ofMinutes(5), new BigDecimal("1.00"), true, DriftMode.OBSERVE_ONLY));
    PortfolioService service = service(config, store);
    service.initialize();
    Instant now = clock.instant();
    commit(store, phantomDeposit(now));

    Reconciliation reconciliation = service.reconcile();

    String id = "reconcile:XBT:" + reconciliation.at();
    assertThat(reconciliation.adjustmentsBooked()).containsExactly(id);
    assertThat(store.events()).anyMatch(e -> e.eventId().equals(id));
    CashFlow adjustment = (CashFlow) EventText.parse(store.findEvent(id).orElseThrow().line());
    assertThat(adjustment.kind()).isEqualTo(FlowKind.ADJUSTMENT);
    assertThat(adjustment.amount()).isEqualTo(Amount.of("XBT", "-0.1"));
    assertThat(reconciliation.driftFlag()).isFalse();
    assertThat(service.getEquity().driftFlag()).isFalse();
    assertThat(drift(reconciliation.live().orElseThrow(), Asset.XBT).matches()).isTrue();
    assertThat(service.getCashFlows(Optional.of(Asset.XBT), 1).get(0).flow())
        .as("the adjustment is visible among the cash flows")
        .isEqualTo(adjustment);
    assertThat(service.getCashFlows(Optional.of(Asset.XBT), 1).get(0).note())
        .contains("reconciliation adjustment");
    assertThat(
            ContractJson.reconciliation(reconciliation, DisplayDecimals.fallbacks())
                .get("adjustments_booked"))
        .isEqualTo(List.of(id));

    Reconciliation again = service.reconcile();
    assertThat(again.adjustmentsBooked()).as("nothing left to correct").isEmpty();
    assertThat(again.driftFlag()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(DriftMode.class)
  void aDepositBetweenTwoReconciliationsIsNeverUnexplainedDrift(DriftMode mode) {
    PortfolioStore store = store();
    TallyConfig config =
        config()
            .withReconciliation(
                new ReconciliationConfig(
                    Duration.ofMinutes(5), new BigDecimal("1.00"), false, mode));
    PortfolioService service = service(config, store);
    service.initialize();
    FlowAdjustedDrift first = service.reconcile().drift().orElseThrow();

    // 10 000 USD arrive; the simulated market stands still, so the exchange's equity rises by
    // exactly 10 000 and the books' PnL not at all.
    account.deposit("ZUSD", new BigDecimal("10000"));
    SyncResult synced = service.sync();
    FlowAdjustedDrift second = service.getReconciliation().orElseThrow().drift().orElseThrow();

    BigDecimal deposit = new BigDecimal("10000");
    assertThat(synced.driftDetected()).isFalse();
    assertThat(second.mode()).isEqualTo(mode);
    assertThat(second.equityNow().subtract(first.equityNow())).isEqualByComparingTo(deposit);
    assertThat(second.pnl()).isEqualByComparingTo(first.pnl());
    assertThat(second.unexplained()).isEqualByComparingTo(first.unexplained());
    if (mode == DriftMode.OBSERVE_ONLY) {
      // raw = equity − baseline: +10 000; explained by flows: +10 000; unexplained: unchanged.
      assertThat(second.baseline()).isEqualTo(first.baseline());
      assertThat(second.rawDrift().subtract(first.rawDrift())).isEqualByComparingTo(deposit);
      assertThat(second.flows().subtract(first.flows())).isEqualByComparingTo(deposit);
    } else {
      // The baseline absorbs the flow (+10 000), so raw drift and the flows since it stay put.
      assertThat(second.baseline().equity().subtract(first.baseline().equity()))
          .isEqualByComparingTo(deposit);
      assertThat(second.rawDrift()).isEqualByComparingTo(first.rawDrift());
      assertThat(second.flows()).isEqualByComparingTo(BigDecimal.ZERO);
    }
    assertThat(DriftBaseline.parse(store.marks().get(Mark.DRIFT_BASELINE.key())))
        .as("the baseline in use is the stored one")
        .isEqualTo(second.baseline());
  }

  @Test
  void everyWriteFirstFoldsWhatAnotherWriterCommitted() {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    service.initialize();
    BigDecimal equity = service.getEquity().equity();

    // Another writer (a CSV import, another process) deposits 1 000 USD: queries read the last
    // view until this service writes; the snapshot then holds it: equity + 1 000.
    commit(store, usdDeposit("other:1", clock.instant(), "1000"));
    assertThat(service.getEquity().equity()).isEqualTo(equity);
    PortfolioSnapshot snapshot = service.createSnapshot();
    assertThat(snapshot.equity()).isEqualByComparingTo(equity.add(new BigDecimal("1000")));
    assertThat(service.getEquity().equity()).isEqualTo(snapshot.equity());

    // And 500 more before an equity sample: equity + 1 500.
    clock.sleep(Duration.ofMinutes(5));
    commit(store, usdDeposit("other:2", clock.instant(), "500"));
    EquityPoint point = service.sampleEquity();
    assertThat(point.equity()).isEqualByComparingTo(equity.add(new BigDecimal("1500")));
    assertThat(service.getCashFlows(Optional.of(Asset.USD), 1).get(0).flow().id().value())
        .isEqualTo("other:2");
  }

  @Test
  void oneQueriesObjectKeepsAnsweringFromTheBooksItWasTakenFrom() {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    service.initialize();
    PortfolioQueries before = service.queries();
    EquitySummary equity = before.getEquity();
    int trades = before.getTradeHistory(Optional.empty(), 1000, Optional.of(true)).size();

    advanceAccount(Duration.ofHours(2));
    service.sync();

    assertThat(service.getTradeHistory(Optional.empty(), 1000, Optional.of(true)).size())
        .as("the sync brought trades")
        .isGreaterThan(trades);
    assertThat(before.getTradeHistory(Optional.empty(), 1000, Optional.of(true)))
        .as("the old answers list the old books' trades")
        .hasSize(trades);
    assertThat(before.getEquity().equity()).isEqualTo(equity.equity());
    assertThat(before.getEquity().asOf()).isEqualTo(equity.asOf());
    // Positions and the non-pair remainder of one queries object add up to its holdings.
    Map<Asset, BigDecimal> held = new TreeMap<>();
    before
        .getPositions()
        .forEach(
            p -> held.merge(p.position().pair().base(), p.position().baseSize(), BigDecimal::add));
    before.nonPairHoldings().forEach((asset, left) -> held.merge(asset, left, BigDecimal::add));
    for (AssetValuation holding : before.getAssetExposure()) {
      if (held.containsKey(holding.holding().asset())) {
        assertThat(held.get(holding.holding().asset()))
            .as("%s", holding.holding().asset())
            .isEqualByComparingTo(holding.holding().quantity());
      }
    }
  }

  @Test
  void excludedAssetsAreListedNeitherAsHoldingsNorAsPositionsButStayInTheTotals() {
    PortfolioStore store = store();
    PortfolioService all = service(config(), store);
    all.initialize();
    PortfolioConfig d = portfolio(90);
    Asset excluded = all.getPositions().get(0).position().pair().base();
    PortfolioConfig without =
        new PortfolioConfig(
            d.baseCurrency(),
            d.valuationPairs(),
            d.includeAssets(),
            Set.of(excluded),
            d.costBasisMethod(),
            d.trackManualTrades(),
            d.snapshotRetentionDays(),
            d.reconciliationTolerance(),
            d.externalActivityThresholdPct(),
            d.maxPriceAge(),
            d.strategyTags());
    PortfolioService filtered = service(config().withPortfolio(without), store);
    filtered.load();

    assertThat(filtered.getPositions())
        .isNotEmpty()
        .noneMatch(p -> p.position().pair().base().equals(excluded));
    assertThat(filtered.getAssetExposure()).noneMatch(h -> h.holding().asset().equals(excluded));
    assertThat(all.getAssetExposure()).anyMatch(h -> h.holding().asset().equals(excluded));
    assertThat(filtered.getEquity().equity()).isEqualTo(all.getEquity().equity());
  }

  @Test
  void listsReadDuringASyncAgreeWithTheBooksTheyAreAskedBeside() {
    PortfolioStore store = store();
    AtomicReference<PortfolioService> holder = new AtomicReference<>();
    List<Integer> tradesSeen = new ArrayList<>();
    PortfolioService service =
        new PortfolioService(
            config(),
            store,
            Optional.of(client()),
            clock,
            line -> {
              // "fetching prices" comes after the sync committed its new rows and events, before
              // the books catch up: the lists must still be those of the published books.
              if (line.equals("fetching prices") && holder.get() != null) {
                tradesSeen.add(
                    holder.get().getTradeHistory(Optional.empty(), 1000, Optional.of(true)).size());
              }
            });
    service.initialize();
    int before = service.getTradeHistory(Optional.empty(), 1000, Optional.of(true)).size();
    holder.set(service);
    advanceAccount(Duration.ofHours(2));

    service.sync();

    assertThat(tradesSeen).as("a list was read during the sync").hasSize(1);
    assertThat(tradesSeen.get(0)).as("the trades of the books being shown").isEqualTo(before);
    assertThat(service.getTradeHistory(Optional.empty(), 1000, Optional.of(true)).size())
        .as("after the sync, its new trades")
        .isGreaterThan(before);
  }

  // ---- 6. concurrency ------------------------------------------------------------------------

  @Test
  void aQueryDuringASyncAnswersAtOnceFromThePreviousViewWhileWritesWait() throws Exception {
    PortfolioStore store = store();
    AtomicReference<PortfolioService> holder = new AtomicReference<>();
    AtomicBoolean armed = new AtomicBoolean();
    AtomicReference<EquitySummary> duringSync = new AtomicReference<>();
    AtomicReference<Boolean> writeWaited = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ExecutorService other = Executors.newFixedThreadPool(2);
    AtomicReference<Future<PortfolioSnapshot>> write = new AtomicReference<>();
    Consumer<String> lines =
        line -> {
          progress.add(line);
          if (!armed.compareAndSet(true, false)) {
            return;
          }
          try {
            duringSync.set(other.submit(holder.get()::getEquity).get(2, TimeUnit.SECONDS));
            write.set(other.submit(holder.get()::createSnapshot));
            try {
              write.get().get(300, TimeUnit.MILLISECONDS);
              writeWaited.set(false);
            } catch (TimeoutException expected) {
              writeWaited.set(true);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.set(e);
          } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failure.set(e);
          }
        };
    PortfolioService service =
        new PortfolioService(config(), store, Optional.of(client()), clock, lines);
    holder.set(service);
    service.initialize();
    EquitySummary before = service.getEquity();

    advanceAccount(Duration.ofHours(12));
    armed.set(true);
    service.sync();

    assertThat(failure.get()).isNull();
    assertThat(duringSync.get()).as("answered within 2 s during the sync").isNotNull();
    assertThat(duringSync.get().asOf()).isEqualTo(before.asOf());
    assertThat(duringSync.get().equity()).isEqualTo(before.equity());
    assertThat(writeWaited.get()).as("a write waits for the sync to end").isTrue();
    PortfolioSnapshot snapshot = write.get().get(5, TimeUnit.SECONDS);
    EquitySummary after = service.getEquity();
    assertThat(after.asOf()).isAfter(before.asOf());
    assertThat(snapshot.equity())
        .as("the waiting write ran after the sync, on its books")
        .isEqualTo(after.equity());
    other.shutdown();
  }

  @Test
  void readersHammeringDuringASyncSeeEitherTheOldOrTheNewBooksNeverAMixture() throws Exception {
    PortfolioStore store = store();
    PortfolioService service = service(config(), store);
    service.initialize();
    EquitySummary before = service.getEquity();
    List<PositionValuation> positionsBefore = service.getPositions();
    advanceAccount(Duration.ofDays(1));

    int readers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch started = new CountDownLatch(readers);
    Set<BigDecimal> equities = ConcurrentHashMap.newKeySet();
    Set<List<PositionValuation>> otherPositions = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicInteger reads = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < readers; i++) {
      running.add(
          pool.submit(
              () -> {
                boolean first = true;
                while (!done.get()) {
                  try {
                    EquitySummary equity = service.getEquity();
                    equities.add(equity.equity());
                    List<PositionValuation> positions = service.getPositions();
                    if (!positions.equals(positionsBefore)) {
                      otherPositions.add(positions);
                    }
                    service.getAssetExposure();
                    reads.incrementAndGet();
                  } catch (RuntimeException e) {
                    failures.add(e);
                  }
                  if (first) {
                    started.countDown();
                    first = false;
                  }
                }
              }));
    }
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    int readsBefore = reads.get();
    SyncResult result = service.sync();
    int readsDuring = reads.get() - readsBefore;
    done.set(true);
    for (Future<?> reader : running) {
      reader.get(5, TimeUnit.SECONDS);
    }
    pool.shutdown();

    EquitySummary after = service.getEquity();
    assertThat(result.newTradesCount()).isPositive();
    assertThat(after.equity()).as("the sync changed the books").isNotEqualTo(before.equity());
    assertThat(failures).isEmpty();
    assertThat(readsDuring).as("reads went on during the sync").isPositive();
    assertThat(equities).isSubsetOf(Set.of(before.equity(), after.equity()));
    assertThat(otherPositions).isSubsetOf(Set.of(service.getPositions()));
  }

  // ---- 7. snapshots and the equity series ----------------------------------------------------

  @Test
  void snapshotsAreListedNewestFirstAndPrunedPastRetentionAtStartUp() {
    PortfolioStore store = store();
    TallyConfig config = config().withPortfolio(portfolio(2));
    PortfolioService service = service(config, store);
    service.initialize();
    Reconciliation compared = service.getReconciliation().orElseThrow();
    assertThat(compared.status()).isEqualTo(ReconciliationStatus.OK);
    PortfolioSnapshot first = service.getSnapshots(Optional.empty(), 10).get(0);

    clock.sleep(Duration.ofDays(1));
    PortfolioSnapshot second = service.createSnapshot();

    assertThat(second.takenAt()).isEqualTo(clock.instant());
    assertThat(service.getSnapshots(Optional.empty(), 10)).containsExactly(second, first);
    assertThat(service.getSnapshots(Optional.empty(), 1)).containsExactly(second);
    assertThat(service.getSnapshots(Optional.of(second.takenAt()), 10)).containsExactly(second);
    assertThat(service.getSnapshots(Optional.of(second.takenAt().plusNanos(1)), 10)).isEmpty();
    assertThat(second.equity()).isEqualTo(service.getEquity().equity());
    assertThat(second.assetValuations()).hasSize(service.getAssetExposure().size());
    // Each holding says where its price came from; the base currency needs none.
    for (PortfolioSnapshot.Holding holding : second.assetValuations()) {
      if (holding.asset().equals(Asset.USD)) {
        assertThat(holding.sourcePair()).isEmpty();
      } else if (holding.asset().equals(Asset.XBT)) {
        assertThat(holding.sourcePair()).hasValueSatisfying(p -> assertThat(p).contains("XBT"));
      }
    }
    // By pair, the same figures as the PnL summary of the whole history, manual trades included.
    PnlSummary all = service.getPnlSummary(PnlPeriod.ALL, Optional.of(true));
    Map<String, BigDecimal> realized = new TreeMap<>();
    realizedByPair(all).forEach((pair, value) -> realized.put(pair.name(), value));
    Map<String, BigDecimal> unrealized = new TreeMap<>();
    service.getPositions().forEach(p -> unrealized.put(p.position().pair().name(), p.unrealized()));
    assertThat(second.realizedByPair()).isNotEmpty();
    assertSameFigures(second.realizedByPair(), realized);
    assertSameFigures(second.unrealizedByPair(), unrealized);

    // Two days later the first snapshot (three days old) is past the two days kept; the second
    // (exactly two days old) is not.
    clock.sleep(Duration.ofDays(2));
    PortfolioService restarted =
        new PortfolioService(config, store, Optional.empty(), clock, progress::add);
    List<StateRecovered> recovered = new ArrayList<>();
    restarted.onStateRecovered(recovered::add);
    restarted.initialize();
    // Without keys nothing could be compared since the restart: the last comparison, restored
    // from the store as stale with its own time and flag, never a clean "ok" of today.
    assertThat(recovered)
        .singleElement()
        .satisfies(
            state -> {
              assertThat(state.status()).isEqualTo(ReconciliationStatus.STALE);
              assertThat(state.driftFlag()).isFalse();
              assertThat(state.reconciledAt()).contains(compared.at());
              assertThat(state.checkpointAt()).isPresent();
              assertThat(state.message())
                  .endsWith(
                      "; reconciliation stale: the last comparison, ok at "
                          + compared.at()
                          + ", restored from the store");
            });
    Reconciliation stale = restarted.getReconciliation().orElseThrow();
    assertThat(stale.status()).isEqualTo(ReconciliationStatus.STALE);
    assertThat(stale.at()).isEqualTo(compared.at());
    assertThat(stale.live()).isEqualTo(compared.live());
    assertThat(stale.driftFlag()).isFalse();
    Map<String, Object> json = ContractJson.reconciliation(stale, DisplayDecimals.fallbacks());
    assertThat(json.get("reconciliation_status")).isEqualTo("stale");
    assertThat(json.get("checked_at")).isEqualTo(compared.at().toString());
    assertThat(json.get("compared_at")).isEqualTo(compared.at().toString());
    assertThat(json.get("drift_flag")).isEqualTo(false);
    assertThat(json.get("assets"))
        .isEqualTo(
            ContractJson.reconciliation(compared, DisplayDecimals.fallbacks()).get("assets"));

    List<PortfolioSnapshot> kept = restarted.getSnapshots(Optional.empty(), 10);
    assertThat(kept).hasSize(2);
    assertThat(kept.get(0).takenAt()).isEqualTo(clock.instant());
    assertThat(kept.get(0).stale()).as("its prices are two days old").isTrue();
    assertThat(kept.get(1)).isEqualTo(second);

    // Without Kraken it answers and reconciles the ledger only, the comparison staying stale; a
    // sync is refused.
    assertThat(restarted.getEquity().equity()).isEqualTo(second.equity());
    Reconciliation ledgerOnly = restarted.reconcile();
    assertThat(ledgerOnly.status()).isEqualTo(ReconciliationStatus.STALE);
    assertThat(ledgerOnly.at()).isEqualTo(compared.at());
    assertThat(ledgerOnly.live()).isEqualTo(compared.live());
    assertThat(ledgerOnly.ledgerOk()).isTrue();
    assertThat(store.latestComparison().orElseThrow().checkedAt())
        .as("a stale restatement is not saved again")
        .isEqualTo(compared.at());
    assertThatThrownBy(restarted::sync)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KRAKEN_API_KEY");
  }

  @Test
  void equitySamplesAreDownsampledToOnePerBucketAndPrunedPastRetention() {
    PortfolioStore store = store();
    TallyConfig config =
        config().withSchedule(new ScheduleConfig(Duration.ofSeconds(60), Duration.ofMinutes(5), 1));
    PortfolioService service = service(config, store);
    service.initialize();
    BigDecimal equity = service.getEquity().equity();

    // Samples at 1, 2, 6 and 11 minutes past a five-minute boundary: 1 and 2 share a bucket.
    long fiveMinutes = Duration.ofMinutes(5).toMillis();
    Instant boundary =
        Instant.ofEpochMilli((clock.instant().toEpochMilli() / fiveMinutes + 1) * fiveMinutes);
    List<EquityPoint> samples = new ArrayList<>();
    for (int minute : new int[] {1, 2, 6, 11}) {
      clock.moveTo(boundary.plus(Duration.ofMinutes(minute)));
      samples.add(service.sampleEquity());
    }

    assertThat(samples).allSatisfy(point -> assertThat(point.equity()).isEqualTo(equity));
    assertThat(samples.get(0).at()).isEqualTo(boundary.plus(Duration.ofMinutes(1)));
    // A young series (at most 400 points) is charted whole: the daily history's day ends before
    // the first sample (each at its day's last instant), then the samples; the day's range has
    // the day ends of the last 24 hours.
    Instant firstSample = samples.get(0).at();
    List<EquityPoint> dayEnds =
        service.getPerformance(PerformanceQuery.whole()).days().stream()
            .map(DayEnd::equityPoint)
            .filter(point -> point.at().isBefore(firstSample))
            .toList();
    assertThat(dayEnds)
        .isNotEmpty()
        .allSatisfy(
            point -> assertThat(point.at().plusNanos(1).atZone(ZoneOffset.UTC).getHour()).isZero());
    List<EquityPoint> whole = new ArrayList<>(dayEnds);
    whole.addAll(samples);
    assertThat(service.getEquitySeries(EquityRange.ALL)).containsExactlyElementsOf(whole);
    Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
    List<EquityPoint> lastDay = new ArrayList<>();
    dayEnds.stream().filter(point -> !point.at().isBefore(dayAgo)).forEach(lastDay::add);
    lastDay.addAll(samples);
    assertThat(service.getEquitySeries(EquityRange.DAY)).containsExactlyElementsOf(lastDay);
    assertThat(store.equityPoints(Instant.EPOCH)).hasSize(4);

    // 400 more samples a minute apart (404 in all, at minutes 1, 2, 6, 11, 12, ..., 411 past the
    // boundary): now the day view keeps the last sample of each five-minute bucket. Minutes 1 and
    // 2 share bucket 0, so its kept sample is minute 2; buckets 0 to 82 make 83 points.
    for (int minute = 12; minute < 412; minute++) {
      clock.moveTo(boundary.plus(Duration.ofMinutes(minute)));
      samples.add(service.sampleEquity());
    }
    Instant dayStart = clock.instant().minus(Duration.ofDays(1));
    List<EquityPoint> charted = service.getEquitySeries(EquityRange.DAY);
    List<EquityPoint> day =
        charted.stream().filter(point -> !point.at().isBefore(firstSample)).toList();
    assertThat(charted.subList(0, charted.size() - day.size()))
        .as("the day ends of the last 24 hours come first")
        .isEqualTo(dayEnds.stream().filter(point -> !point.at().isBefore(dayStart)).toList());
    assertThat(day.get(0)).isEqualTo(samples.get(1));
    assertThat(day).doesNotContain(samples.get(0));
    assertThat(day).hasSize(83);
    assertThat(day.get(day.size() - 1)).isEqualTo(samples.get(samples.size() - 1));
    samples = List.of(samples.get(samples.size() - 1));

    // A day after the last sample, samples older than one day are gone; the last one, exactly a
    // day old, stays.
    clock.moveTo(samples.get(0).at().plus(Duration.ofDays(1)));
    EquityPoint next = service.sampleEquity();

    assertThat(store.equityPoints(Instant.EPOCH).stream().map(p -> p.at()).toList())
        .containsExactly(samples.get(0).at(), next.at());
    Instant kept = samples.get(0).at();
    List<EquityPoint> week = service.getEquitySeries(EquityRange.WEEK);
    assertThat(week.subList(week.size() - 2, week.size())).containsExactly(samples.get(0), next);
    assertThat(week.subList(0, week.size() - 2))
        .as("the day ends before the first sample kept")
        .allSatisfy(point -> assertThat(point.at()).isBefore(kept));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private PortfolioStore store() {
    PortfolioStore store = PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of());
    stores.add(store);
    return store;
  }

  private PortfolioService service(TallyConfig config, PortfolioStore store) {
    return new PortfolioService(config, store, Optional.of(client()), clock, progress::add);
  }

  private KrakenClient client() {
    return KrakenClient.builder()
        .baseUrl(simulator.baseUrl())
        .credentials(new KrakenCredentials(KEY, SECRET))
        .tier(CallCounter.Tier.PRO)
        .nonceSource(new FileNonceSource(directory.resolve("tally.db.nonce"), Clock.systemUTC()))
        .clock(clock)
        .sleeper(clock::sleep)
        .requestTimeout(Duration.ofSeconds(2))
        .retry(new RetrySettings(6, Duration.ofMillis(5), 2.0, Duration.ofMillis(50), 0.1))
        .build();
  }

  private TallyConfig config() {
    return TallyConfig.defaults()
        .withPortfolio(portfolio(90))
        .withKraken(new KrakenConfig(simulator.baseUrl(), "pro"));
  }

  private static PortfolioConfig portfolio(int snapshotRetentionDays) {
    PortfolioConfig defaults = PortfolioConfig.defaults();
    return new PortfolioConfig(
        defaults.baseCurrency(),
        defaults.valuationPairs(),
        defaults.includeAssets(),
        defaults.excludeAssets(),
        defaults.costBasisMethod(),
        true,
        snapshotRetentionDays,
        defaults.reconciliationTolerance(),
        defaults.externalActivityThresholdPct(),
        defaults.maxPriceAge(),
        Map.of(1001L, "trend_v1", 1002L, "grid_v2"));
  }

  /** Lets the simulated account live on, and the clock with it. */
  private void advanceAccount(Duration duration) {
    account.advance(duration);
    clock.sleep(duration);
    clock.moveTo(account.now().plusSeconds(1));
  }

  /** The simulator's balances by asset, wallets added up, zero ones left out. */
  private Map<Asset, BigDecimal> balances() {
    Map<Asset, BigDecimal> balances = new TreeMap<>();
    account
        .balances()
        .forEach(
            (id, amount) -> {
              Asset asset = KRAKEN_IDS.get(id);
              assertThat(asset).as("Kraken id %s", id).isNotNull();
              balances.merge(asset, amount, BigDecimal::add);
            });
    balances.values().removeIf(amount -> amount.signum() == 0);
    return balances;
  }

  /** The newest Ticker price the store holds of each asset. */
  private static Map<Asset, BigDecimal> tickerPrices(PortfolioStore store) {
    Map<Asset, StoredPrice> newest = new TreeMap<>();
    for (StoredPrice price : store.prices()) {
      if (price.source().startsWith("kraken:ticker:")) {
        newest.merge(Asset.of(price.asset()), price, (a, b) -> b.at().isAfter(a.at()) ? b : a);
      }
    }
    Map<Asset, BigDecimal> prices = new TreeMap<>();
    newest.forEach((asset, price) -> prices.put(asset, new BigDecimal(price.price())));
    return prices;
  }

  private static PriceTable prices(PortfolioStore store) {
    return PriceTable.of(StoredBooks.load(store).pricesIn(Asset.USD));
  }

  /** The books of the whole stored log, replayed from scratch. */
  private static BookState replay(PortfolioStore store) {
    StoredBooks stored = StoredBooks.load(store);
    return Books.replay(BOOKS, PriceTable.of(stored.pricesIn(Asset.USD)), stored.events());
  }

  private static <T extends LedgerEvent> List<T> storedEvents(PortfolioStore store, Class<T> type) {
    List<T> events = new ArrayList<>();
    for (EventRecord record : store.events()) {
      LedgerEvent event = EventText.parse(record.line());
      if (type.isInstance(event)) {
        events.add(type.cast(event));
      }
    }
    return events;
  }

  private static Set<String> eventIds(PortfolioStore store) {
    Set<String> ids = new HashSet<>();
    store.events().forEach(record -> ids.add(record.eventId()));
    return ids;
  }

  private static Set<String> flowIds(List<CashFlowRecord> flows) {
    Set<String> ids = new HashSet<>();
    flows.forEach(flow -> ids.add(flow.flow().id().value()));
    return ids;
  }

  private static CashFlow phantomDeposit(Instant at) {
    return new CashFlow(
        EventId.of("phantom:1"),
        at,
        FlowKind.DEPOSIT,
        Amount.of("XBT", "0.1"),
        Amount.zero(Asset.XBT));
  }

  private static CashFlow usdDeposit(String id, Instant at, String amount) {
    return new CashFlow(
        EventId.of(id), at, FlowKind.DEPOSIT, Amount.of("USD", amount), Amount.zero(Asset.USD));
  }

  private static void commit(PortfolioStore store, LedgerEvent event) {
    GeneratedRecords.commit(store, event);
  }

  private static AssetDrift drift(LiveCheck check, Asset asset) {
    return check.assets().stream()
        .filter(a -> a.asset().equals(asset))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no live check row for " + asset));
  }

  /**
   * Exposure without the times of the prices that are worth the same at any moment (the base
   * currency, KFEE): those carry the moment of valuation.
   */
  private static List<List<Object>> withoutMoments(List<AssetValuation> exposure) {
    List<List<Object>> rows = new ArrayList<>();
    for (AssetValuation a : exposure) {
      rows.add(
          List.of(
              a.holding(),
              a.price().map(p -> p.value() + " " + p.source()).orElse(""),
              a.value(),
              a.unrealized(),
              a.unvalued(),
              a.stale(),
              a.percentageOfEquity()));
    }
    return rows;
  }

  private static Map<Asset, BigDecimal> shares(List<AssetValuation> exposure) {
    Map<Asset, BigDecimal> shares = new TreeMap<>();
    exposure.forEach(a -> shares.put(a.holding().asset(), a.percentageOfEquity()));
    return shares;
  }

  private static Map<Pair, BigDecimal> realizedByPair(PnlSummary summary) {
    Map<Pair, BigDecimal> map = new TreeMap<>();
    summary.byPair().forEach(p -> map.put(p.pair(), p.realized()));
    return map;
  }

  private static Map<Pair, BigDecimal> unrealizedByPair(PnlSummary summary) {
    Map<Pair, BigDecimal> map = new TreeMap<>();
    summary.byPair().forEach(p -> map.put(p.pair(), p.unrealized()));
    return map;
  }

  private static List<Trade> trades(List<RealizedPnLRecord> records) {
    return records.stream().map(RealizedPnLRecord::trade).toList();
  }

  private static Map<String, BigDecimal> sumByStrategy(List<RealizedPnLRecord> records) {
    Map<String, BigDecimal> map = new TreeMap<>();
    records.forEach(r -> map.merge(r.strategyTag(), r.pnlBase(), BigDecimal::add));
    return map;
  }

  private static Map<String, BigDecimal> byStrategy(PnlSummary summary) {
    Map<String, BigDecimal> map = new TreeMap<>();
    summary.byStrategy().forEach(s -> map.put(s.strategy(), s.realized()));
    return map;
  }

  private static BigDecimal sum(Map<?, BigDecimal> values) {
    return values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The same figure for every key, a key missing on one side counting zero. */
  private static <K extends Comparable<K>> void assertSameFigures(
      Map<K, BigDecimal> actual, Map<K, BigDecimal> expected) {
    difference(actual, expected)
        .forEach(
            (key, difference) ->
                assertThat(difference)
                    .as("%s: %s against %s", key, actual.get(key), expected.get(key))
                    .isEqualByComparingTo(BigDecimal.ZERO));
  }

  /** {@code after − before} per key, a key missing on one side counting zero. */
  private static <K extends Comparable<K>> Map<K, BigDecimal> difference(
      Map<K, BigDecimal> after, Map<K, BigDecimal> before) {
    Set<K> keys = new TreeSet<>(after.keySet());
    keys.addAll(before.keySet());
    Map<K, BigDecimal> difference = new TreeMap<>();
    BigDecimal zero = Precision.money(BigDecimal.ZERO);
    for (K key : keys) {
      difference.put(key, after.getOrDefault(key, zero).subtract(before.getOrDefault(key, zero)));
    }
    return difference;
  }

  /**
   * The test's clock: it moves only forward, when the test moves it or when the client's call
   * counter sleeps on it.
   */
  static final class TestClock extends Clock {

    private Instant now;

    TestClock(Instant start) {
      this.now = start;
    }

    synchronized void sleep(Duration duration) {
      now = now.plus(duration);
    }

    /** Moves the clock to {@code at}, or leaves it where it is if it is already later. */
    synchronized void moveTo(Instant at) {
      if (at.isAfter(now)) {
        now = at;
      }
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
