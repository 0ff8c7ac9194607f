package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.config.ConfigFile;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.paper.OrderRequest;
import io.tally.engine.paper.OrderStatus;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.paper.PaperOrder;
import io.tally.engine.paper.PaperTerms;
import io.tally.engine.paper.ScriptedMarket;
import io.tally.engine.paper.SlippageModel;
import io.tally.engine.risk.CheckResult;
import io.tally.engine.risk.CorrelationGroups;
import io.tally.engine.risk.RiskService;
import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.risk.ProposedOrder;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.risk.RiskRule;
import io.tally.risk.RuleFailure;
import io.tally.risk.TradingState;
import io.tally.store.PortfolioStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The risk layer on a served paper account (its desk, a real SQLite store, the service that keeps
 * its books): the drawdown KPI end to end, checks against the live books, reservations under
 * concurrency, the manual trading state, and a restart that raises nothing twice.
 */
class RiskServiceTest {

  private static final Pair XBTUSDT = new Pair(Asset.XBT, Asset.of("USDT"));
  private static final Pair ETHUSDT = new Pair(Asset.of("ETH"), Asset.of("USDT"));
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  @TempDir Path directory;

  private ServiceLog log;
  private PortfolioStore store;
  private final PortfolioServiceTest.TestClock clock = new PortfolioServiceTest.TestClock(T0);
  private final ScriptedMarket market =
      new ScriptedMarket().price(XBTUSDT, T0, new BigDecimal("60000"));

  @BeforeEach
  void start() {
    log = ServiceLog.start();
    store = PortfolioStore.open(directory.resolve("paper.db").toString(), Map.of());
  }

  @AfterEach
  void stop() {
    log.stop();
    store.close();
  }

  private TallyConfig config(String risk) {
    TallyConfig config =
        ConfigFile.parse("portfolio: {base_currency: USDT}\n" + risk, "tally.yaml");
    return config;
  }

  /** A served paper account of 10,000 USDT and its desk, with the risk service started on it. */
  private record Account(PortfolioService service, PaperDesk desk, RiskService risk) {}

  private Account open(TallyConfig config) {
    PortfolioService service =
        new PortfolioService(config, store, Optional.empty(), clock, line -> {});
    service.load();
    PaperDesk desk =
        PaperDesk.open(
            PaperTerms.of("risk").withSlippage(SlippageModel.none()),
            store,
            service,
            market,
            clock,
            line -> {});
    service.initialize();
    RiskService risk =
        new RiskService(
            service, config.risk(), pair -> Optional.empty(), CorrelationGroups.NONE, clock);
    risk.start();
    // The schedule's first job: the ladder waits for the windows replayed over the whole series.
    assertThat(service.seedDrawdownWindows()).isTrue();
    return new Account(service, desk, risk);
  }

  private List<RiskEvent> events(PortfolioService service, RiskEventType type) {
    return service.getRiskEvents(Optional.empty(), Optional.of(type), 100);
  }

  /**
   * The seed's KPI on live books. 10,000 USDT; long 0.5 XBT at 60,000 at 5×, fee 0.5 × 60,000 ×
   * 0.004 = 120: equity 9,880 under a peak of 10,000. At 59,040 the position loses 0.5 × 960 = 480:
   * equity 9,400, 6 % under the peak: exactly one DRAWDOWN_BREACH at −0.05, and not again at 59,000
   * (9,380).
   */
  @Test
  void equitySixPercentUnderItsPeakRaisesExactlyOneBreachAtTheFirstLevel() {
    Account account = open(config(""));
    PaperOrder open =
        account
            .desk()
            .place(OrderRequest.market(XBTUSDT, Side.BUY, new BigDecimal("0.5")).withLeverage(5));
    assertThat(open.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(account.service().getEquity().equity()).isEqualByComparingTo("9880");

    moveTo("2026-03-02T10:05:00Z", "59040", account);
    assertThat(account.service().getEquity().equity()).isEqualByComparingTo("9400");
    moveTo("2026-03-02T10:10:00Z", "59000", account);

    List<RiskEvent> breaches = events(account.service(), RiskEventType.DRAWDOWN_BREACH);
    assertThat(breaches)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.level()).contains(new BigDecimal("-0.05"));
              assertThat(event.window().orElseThrow().code()).isEqualTo("total");
              assertThat(event.peak().orElseThrow()).isEqualByComparingTo("10000");
            });
    assertThat(
            log.lines().stream().filter(line -> line.startsWith("RISK_EVENT type=DRAWDOWN_BREACH")))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("level=-0.05", "peak=10000", "window=total"));
    assertThat(account.risk().tradingStatus().state()).isEqualTo(TradingState.ACTIVE);

    // A restart takes the ladder up from the stored breach: nothing is raised again.
    Account again = open(config(""));
    moveTo("2026-03-02T10:15:00Z", "59000", again);
    assertThat(events(again.service(), RiskEventType.DRAWDOWN_BREACH)).hasSize(1);
    assertThat(again.risk().status().breachedLevels()).containsExactly(new BigDecimal("-0.05"));
  }

  private void moveTo(String at, String price, Account account) {
    clock.moveTo(Instant.parse(at));
    market.price(XBTUSDT, Instant.parse(at), new BigDecimal(price));
    account.desk().tick();
    account.service().refresh();
  }

  /**
   * With a position of 0.5 XBT at 60,000 (30,000) on 9,880 of equity, 3.04×, another 0.5 would make
   * 60,000 / 9,880 = 6.07×, over the cap of 6: the check fails naming the leverage cap.
   */
  @Test
  void aCheckOnTheLiveBooksNamesTheLeverageCap() {
    Account account =
        open(config("risk: {max_position_pct: 10000, max_portfolio_risk_pct: 10000}\n"));
    account
        .desk()
        .place(OrderRequest.market(XBTUSDT, Side.BUY, new BigDecimal("0.5")).withLeverage(5));

    CheckResult result =
        account.risk().preTradeCheck(order(XBTUSDT, "0.5", "60000", "10", false, Optional.empty()));

    assertThat(result.outcome().failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.LEVERAGE_CAP);
    assertThat(result.outcome().currentLeverage()).isEqualByComparingTo("3.0364");
    assertThat(result.outcome().proposedLeverage()).isEqualByComparingTo("6.0729");
    // The largest volume: (6 × 9,880 − 30,000) / 60,000 = 0.488.
    assertThat(result.outcome().maxVolume()).contains(new BigDecimal("0.488"));
    assertThat(result.reservedUntil()).isEmpty();
  }

  /**
   * 50 checks at once, each reserving 0.1 ETH at 3,000 (300) under a position limit of 100 % of
   * 10,000: exactly 33 pass (9,900), never 34 (10,200).
   */
  @Test
  void concurrentReservingChecksNeverBreachTogether() throws Exception {
    Account account =
        open(
            config(
                "risk: {max_position_pct: 100, max_portfolio_risk_pct: 10000, min_position_pct: 0}\n"));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<CheckResult>> results = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String id = "bot-" + i;
      Callable<CheckResult> check =
          () -> {
            go.await();
            return account
                .risk()
                .preTradeCheck(order(ETHUSDT, "0.1", "3000", "5", true, Optional.of(id)));
          };
      results.add(pool.submit(check));
    }
    go.countDown();
    int passed = 0;
    for (Future<CheckResult> result : results) {
      CheckResult answer = result.get();
      if (answer.outcome().passed()) {
        passed++;
        assertThat(answer.reservedUntil()).contains(T0.plusSeconds(30));
      } else {
        assertThat(answer.outcome().failures())
            .extracting(RuleFailure::rule)
            .contains(RiskRule.MAX_POSITION_PCT);
      }
    }
    pool.shutdown();
    assertThat(passed).isEqualTo(33);

    // When the reservations run out, the room is back.
    clock.moveTo(T0.plusSeconds(31));
    assertThat(
            account
                .risk()
                .preTradeCheck(order(ETHUSDT, "0.1", "3000", "5", false, Optional.empty()))
                .outcome()
                .passed())
        .isTrue();
  }

  @Test
  void anOperatorHaltsTradingByHandAndTheChangeIsStoredAndLogged() {
    Account account = open(config(""));

    account.risk().setTradingState(TradingState.HALTED, "exchange incident");

    CheckResult result =
        account.risk().preTradeCheck(order(XBTUSDT, "0.01", "60000", "1", false, Optional.empty()));
    assertThat(result.outcome().failures())
        .extracting(RuleFailure::rule)
        .containsExactly(RiskRule.TRADING_STATE);
    assertThat(result.outcome().tradingState()).isEqualTo(TradingState.HALTED);
    assertThat(events(account.service(), RiskEventType.TRADING_STATE_CHANGED))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.stateChange().orElseThrow().from()).isEqualTo(TradingState.ACTIVE);
              assertThat(event.stateChange().orElseThrow().to()).isEqualTo(TradingState.HALTED);
              assertThat(event.stateChange().orElseThrow().manual()).isTrue();
            });
    assertThat(log.lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("RISK_EVENT type=TRADING_STATE_CHANGED")
                    .contains("from=ACTIVE to=HALTED source=manual reason=\"exchange incident\""));
    // A restart keeps it.
    assertThat(open(config("")).risk().tradingStatus().state()).isEqualTo(TradingState.HALTED);
  }

  /** 0.5 XBT at 60,000 is 30,000: over 10 % of 9,880 at once: raised once, not at the next tick. */
  @Test
  void thePostTradeMonitorRaisesAPositionOverItsLimitOnce() {
    Account account = open(config(""));
    account
        .desk()
        .place(OrderRequest.market(XBTUSDT, Side.BUY, new BigDecimal("0.5")).withLeverage(5));
    moveTo("2026-03-02T10:05:00Z", "60100", account);

    assertThat(events(account.service(), RiskEventType.POSITION_LIMIT_EXCEEDED))
        .singleElement()
        .satisfies(event -> assertThat(event.limit().orElseThrow().subject()).isEqualTo("XBT"));
    assertThat(events(account.service(), RiskEventType.LEVERAGE_EXCEEDED)).isEmpty();
  }

  private static ProposedOrder order(
      Pair pair,
      String volume,
      String price,
      String leverage,
      boolean reserve,
      Optional<String> id) {
    return new ProposedOrder(
        pair,
        Side.BUY,
        new BigDecimal(volume),
        Optional.of(new BigDecimal(price)),
        "limit",
        new BigDecimal(leverage),
        Optional.empty(),
        Optional.empty(),
        id,
        reserve);
  }
}
