package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.paper.OrderRequest;
import io.tally.engine.paper.OrderStatus;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.paper.PaperOrder;
import io.tally.engine.paper.PaperTerms;
import io.tally.engine.paper.ScriptedMarket;
import io.tally.engine.paper.SlippageModel;
import io.tally.ledger.Side;
import io.tally.margin.TradeLifecycle;
import io.tally.margin.TradeStatus;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.store.PortfolioStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's seed KPI, end to end on a paper account (its desk, a real SQLite store, the service
 * that keeps its books): open a long of 0.1 BTC at 60,000 and close it at 60,500, and the trade is
 * CLOSED with the realized PnL computed by hand, a positive fee, and one {@code TRADE_CLOSED} line
 * in the log.
 */
class PaperAccountKpiTest {

  private static final Pair XBTUSDT = new Pair(Asset.XBT, Asset.of("USDT"));
  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-03-02T11:00:00Z");

  @TempDir Path directory;

  private ServiceLog log;
  private PortfolioStore store;

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

  @Test
  void aLongOf0point1BtcOpenedAt60000AndClosedAt60500IsClosedWithItsHandComputedPnl() {
    ScriptedMarket market =
        new ScriptedMarket()
            .price(XBTUSDT, T0, new BigDecimal("60000"))
            .price(XBTUSDT, T1, new BigDecimal("60500"));
    PortfolioServiceTest.TestClock clock = new PortfolioServiceTest.TestClock(T0);
    TallyConfig config =
        TallyConfig.defaults()
            .withPortfolio(TallyConfig.defaults().portfolio().withBaseCurrency(Asset.of("USDT")));
    PortfolioService service =
        new PortfolioService(config, store, Optional.empty(), clock, line -> {});
    service.load();
    PaperDesk desk =
        PaperDesk.open(
            PaperTerms.of("kpi").withSlippage(SlippageModel.none()),
            store,
            service,
            market,
            clock,
            line -> {});
    service.initialize();

    PaperOrder open = desk.place(OrderRequest.market(XBTUSDT, Side.BUY, new BigDecimal("0.1")));
    clock.moveTo(T1);
    PaperOrder close = desk.place(OrderRequest.market(XBTUSDT, Side.SELL, new BigDecimal("0.1")));

    assertThat(open.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(close.status()).isEqualTo(OrderStatus.FILLED);
    TradeLifecycle trade =
        service.queries().getTradeLifecycles(Optional.empty(), Optional.empty()).get(0);
    assertThat(trade.status()).isEqualTo(TradeStatus.CLOSED);
    // Realized: 0.1 × (60,500 − 60,000) = 50 USDT.
    assertThat(trade.realizedPnl()).isEqualByComparingTo("50");
    // Fees at Kraken's 0.40 % taker rate: 0.1 × 60,000 × 0.004 = 24 and 0.1 × 60,500 × 0.004 =
    // 24.2, so 48.2 in all; net 50 − 48.2 = 1.8.
    assertThat(trade.feesPaid()).isPositive().isEqualByComparingTo("48.2");
    assertThat(trade.netPnl()).isEqualByComparingTo("1.8");
    // 10,000 + 1.8 in the books.
    assertThat(service.getEquity().equity()).isEqualByComparingTo("10001.8");
    assertThat(log.lines().stream().filter(line -> line.startsWith("TRADE_CLOSED ")))
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains(
                        "id=kpi-T1:fill",
                        "pair=XBT/USDT",
                        "fee_paid=48.2",
                        "funding_paid=0",
                        "realized_pnl=50"));
  }
}
