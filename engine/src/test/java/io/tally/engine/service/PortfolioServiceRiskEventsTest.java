package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.kraken.api.RetrySettings;
import io.tally.margin.MarginSummary;
import io.tally.money.Pair;
import io.tally.money.Precision;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.risk.RiskPosition;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.MarginOptions;
import io.tally.sim.OrderRequest;
import io.tally.sim.Side;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Margin alerts as risk events end to end (issue 12, the event infrastructure of issue 13): a
 * simulated Kraken account with margin but no margin bot, so only this test opens positions; the
 * real client syncs it into a real SQLite store; a leveraged buy sized from Tally's own equity
 * takes the margin level under 200 %, and closing it restores it.
 */
class PortfolioServiceRiskEventsTest {

  private static final String KEY = "test-key";
  private static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
  private static final Instant END = Instant.parse("2026-03-02T12:00:00Z");
  private static final Pair XBTUSD = Pair.parse("XBT/USD");
  private static final int LEVERAGE = 5;

  @TempDir Path directory;

  private SimulatedAccount account;
  private KrakenSimulator simulator;
  private PortfolioServiceReconciliationTest.AccountClock clock;
  private PortfolioStore store;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  /** One nonce source for every client of the test: the simulator wants them rising per key. */
  private final AtomicLong nonces = new AtomicLong(System.currentTimeMillis() * 1_000);

  @BeforeEach
  void start() {
    account =
        AccountGenerator.generate(
            11, 6, END, MarginOptions.on().withoutBot().withAllowance(new BigDecimal("5000000")));
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
  void aMarginCallIsStoredEmittedAndLoggedOnceAndARestartDoesNotRaiseItAgain() {
    PortfolioService first = service();
    List<RiskEvent> raised = new CopyOnWriteArrayList<>();
    first.onRiskEvent(raised::add);
    first.initialize();
    assertThat(first.getEquity().margin()).as("no margin position yet").isEmpty();
    assertThat(new ContractAnswers(first).portfolio()).doesNotContainKey("margin_level");

    BigDecimal volume = openToLevel(first, new BigDecimal("175"));
    first.sync();

    MarginSummary margin = first.queries().getMargin().summary();
    BigDecimal level = margin.marginLevel().orElseThrow();
    // Sized for 175 %; the taker fee and the XBT price used take it a little off, but it stays in
    // the margin call's rung: 150 <= level < 200.
    assertThat(level)
        .isGreaterThanOrEqualTo(new BigDecimal("150"))
        .isLessThan(new BigDecimal("200"));
    assertThat(raised).hasSize(1);
    RiskEvent call = raised.get(0);
    assertThat(call.type()).isEqualTo(RiskEventType.MARGIN_CALL);
    assertThat(call.level()).contains(level);
    assertThat(call.equity()).isEqualByComparingTo(first.getEquity().equity());
    assertThat(call.positions()).extracting(RiskPosition::pair).containsExactly(XBTUSD);
    assertThat(call.positions().get(0).size()).isEqualByComparingTo(volume);
    assertThat(call.suggestedAction()).as("only MARGIN_CRITICAL suggests").isEmpty();
    assertThat(progress).contains(call.line());
    assertThat(call.line())
        .startsWith("RISK_EVENT type=MARGIN_CALL at=")
        .contains(" level=" + level.toPlainString());
    // Stored as raised, and the equity answer carries the same margin figures.
    assertThat(first.getRiskEvents(Optional.empty(), Optional.empty(), 10)).containsExactly(call);
    EquitySummary equity = first.getEquity();
    assertThat(equity.margin()).isPresent();
    assertThat(equity.margin().get().marginUsed()).isEqualByComparingTo(margin.marginUsed());
    Map<String, Object> portfolio = new ContractAnswers(first).portfolio();
    assertThat(portfolio.get("margin_level")).isEqualTo(Precision.display(level).toPlainString());
    assertThat(portfolio.get("margin_used_base")).isEqualTo(margin.marginUsed().toPlainString());
    assertThat(portfolio.get("free_margin_base")).isEqualTo(margin.freeMargin().toPlainString());

    // A restart resumes the ladder from the stored MARGIN_CALL: the level is still in its rung,
    // so nothing is raised again.
    PortfolioService second = service();
    List<RiskEvent> afterRestart = new CopyOnWriteArrayList<>();
    second.onRiskEvent(afterRestart::add);
    second.initialize();
    assertThat(second.queries().getMargin().summary().marginLevel()).isPresent();
    assertThat(afterRestart).isEmpty();
    assertThat(second.getRiskEvents(Optional.empty(), Optional.empty(), 10)).containsExactly(call);

    // Closing the position uses no margin any more: MARGIN_RESTORED, without a level.
    account.submit(OrderRequest.market("XXBTZUSD", Side.SELL, volume).withLeverage(LEVERAGE));
    second.sync();
    assertThat(afterRestart).hasSize(1);
    RiskEvent restored = afterRestart.get(0);
    assertThat(restored.type()).isEqualTo(RiskEventType.MARGIN_RESTORED);
    assertThat(restored.level()).isEmpty();
    assertThat(restored.positions()).isEmpty();
    assertThat(second.getEquity().margin()).isEmpty();
    assertThat(second.getRiskEvents(Optional.empty(), Optional.empty(), 10))
        .containsExactly(restored, call);
    assertThat(second.getRiskEvents(Optional.empty(), Optional.of(RiskEventType.MARGIN_CALL), 10))
        .containsExactly(call);
    assertThat(second.getRiskEvents(Optional.of(restored.at()), Optional.empty(), 10))
        .containsExactly(restored);
  }

  @Test
  void aFallStraightThroughEveryRungRaisesOnlyMarginCriticalNamingThePositionToReduce() {
    PortfolioService service = service();
    List<RiskEvent> raised = new CopyOnWriteArrayList<>();
    service.onRiskEvent(raised::add);
    service.initialize();

    openToLevel(service, new BigDecimal("104"));
    service.sync();

    BigDecimal level = service.queries().getMargin().summary().marginLevel().orElseThrow();
    assertThat(level).isLessThan(new BigDecimal("110"));
    assertThat(raised)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(RiskEventType.MARGIN_CRITICAL);
              assertThat(event.level()).contains(level);
              // One position, so it is the most losing one: its pair and unrealized PnL.
              assertThat(event.suggestedAction()).isPresent();
              assertThat(event.suggestedAction().get().pair()).isEqualTo(XBTUSD);
              assertThat(event.suggestedAction().get().unrealizedPnl())
                  .isEqualByComparingTo(event.positions().get(0).unrealizedPnl());
              assertThat(event.line()).contains(" reduce=XBT/USD reduce_unrealized_pnl=");
            });
  }

  @Test
  void aServiceOnlyLoadedForAOneOffCommandRaisesNothingTheServedOneRaisesIt() {
    PortfolioService served = service();
    List<RiskEvent> raisedByServed = new CopyOnWriteArrayList<>();
    served.onRiskEvent(raisedByServed::add);
    served.initialize();
    openToLevel(served, new BigDecimal("175"));

    PortfolioService oneOff = service();
    List<RiskEvent> raisedByOneOff = new CopyOnWriteArrayList<>();
    oneOff.onRiskEvent(raisedByOneOff::add);
    oneOff.load();
    oneOff.reconcile(); // syncs first: the position is in its books
    assertThat(oneOff.queries().getMargin().summary().marginLevel()).isPresent();
    assertThat(raisedByOneOff).isEmpty();
    assertThat(store.riskEvents(Optional.empty(), java.util.Set.of(), 10)).isEmpty();

    served.sync();
    assertThat(raisedByServed)
        .extracting(RiskEvent::type)
        .containsExactly(RiskEventType.MARGIN_CALL);
  }

  @Test
  void aLimitBelowOneIsRejected() {
    PortfolioService service = service();
    service.initialize();
    assertThatThrownBy(() -> service.getRiskEvents(Optional.empty(), Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
  }

  /**
   * Buys XBT at 5× so that margin used is Tally's equity ÷ {@code level} × 100: margin used =
   * volume × price ÷ 5, so volume = equity ÷ level × 100 × 5 ÷ price (4 decimals, rounded down).
   */
  private BigDecimal openToLevel(PortfolioService service, BigDecimal level) {
    BigDecimal equity = service.getEquity().equity();
    BigDecimal price = account.price("XXBTZUSD");
    BigDecimal volume =
        equity
            .multiply(new BigDecimal("100"))
            .multiply(BigDecimal.valueOf(LEVERAGE))
            .divide(level.multiply(price), 4, RoundingMode.DOWN);
    account.submit(OrderRequest.market("XXBTZUSD", Side.BUY, volume).withLeverage(LEVERAGE));
    return volume;
  }

  private PortfolioService service() {
    TallyConfig config =
        TallyConfig.defaults().withKraken(new KrakenConfig(simulator.baseUrl(), "pro"));
    return new PortfolioService(config, store, Optional.of(client()), clock, progress::add);
  }

  private KrakenClient client() {
    return KrakenClient.builder()
        .baseUrl(simulator.baseUrl())
        .credentials(new KrakenCredentials(KEY, SECRET))
        .tier(CallCounter.Tier.PRO)
        .nonceSource(nonces::incrementAndGet)
        .clock(clock)
        .sleeper(clock::sleep)
        .retry(new RetrySettings(3, Duration.ofMillis(5), 2.0, Duration.ofMillis(20), 0.1))
        .build();
  }
}
