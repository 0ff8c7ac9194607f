package io.tally.engine.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tally.engine.config.PaperAccountConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.MarginStatus;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.KrakenClient;
import io.tally.ledger.Side;
import io.tally.margin.MarginAccount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.MarginOptions;
import io.tally.sim.MarketTrade;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.valuation.MarginPositionValuation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paper account at work on the Kraken simulator's market (a real simulator over HTTP, the real
 * client, a real SQLite store): orders fill on the simulator's prices, the account's own books show
 * them, and a desk started again on the store takes the account up where it stopped.
 */
class PaperDeskTest {

  private static final Instant END = Instant.parse("2026-03-02T12:00:00Z");
  private static final Pair XBTUSD = new Pair(Asset.XBT, Asset.USD);

  @TempDir Path directory;

  private SimulatedAccount simulated;
  private KrakenSimulator simulator;
  private Clock clock;
  private PortfolioStore store;
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void start() {
    simulated = AccountGenerator.generate(5, 1, END, MarginOptions.off());
    simulator = KrakenSimulator.start(simulated, 0, SimulatorOptions.defaults().withoutRateLimit());
    clock = new SimulatorClock(simulated);
    store = PortfolioStore.open(directory.resolve("paper.db").toString(), Map.of());
  }

  @AfterEach
  void stop() {
    store.close();
    simulator.close();
  }

  /** The account's terms: 10,000 USD (the simulator quotes in USD), the default margin section. */
  private static PaperTerms terms() {
    TallyConfig config = TallyConfig.defaults();
    return PaperAccountConfig.defaults("bot").withCurrency(Asset.USD).terms(config.margin());
  }

  private KrakenMarket market() {
    KrakenClient client =
        KrakenClient.builder()
            .baseUrl(simulator.baseUrl())
            .tier(CallCounter.Tier.PRO)
            .clock(clock)
            .pacePublicCalls(false)
            .build();
    return new KrakenMarket(client, clock);
  }

  private PortfolioService service() {
    PortfolioService service =
        new PortfolioService(TallyConfig.defaults(), store, Optional.empty(), clock, line -> {});
    service.load();
    return service;
  }

  private PaperDesk desk(PortfolioService service) {
    return PaperDesk.open(terms(), store, service, market(), clock, progress::add);
  }

  @Test
  void aMarketOrderFillsOnTheSimulatorsPriceAndTheAccountsBooksShowItsPosition() {
    PortfolioService service = service();
    PaperDesk desk = desk(service);
    BigDecimal last = simulated.market().price("XXBTZUSD", clock.instant());

    PaperOrder order =
        desk.place(
            OrderRequest.market(XBTUSD, Side.BUY, new BigDecimal("0.1"))
                .withLeverage(2)
                .withStrategy("trend"));

    assertThat(order.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(order.id()).isEqualTo("bot-O1");
    // At the simulator's ask, a little above its last, plus slippage: within 1 % of the last.
    BigDecimal price = order.averagePrice().orElseThrow();
    assertThat(price)
        .isGreaterThanOrEqualTo(last)
        .isLessThan(last.multiply(new BigDecimal("1.01")));
    MarginStatus margin = service.queries().getMargin();
    assertThat(margin.positions()).hasSize(1);
    MarginPositionValuation position = margin.positions().get(0);
    assertThat(position.position().size()).isEqualByComparingTo("0.1");
    assertThat(position.position().entryPrice()).contains(price);
    assertThat(position.position().leverage()).isEqualTo(2);
    // The books' cash is the deposit less the order's fee: 10,000 − fees.
    assertThat(service.getEquity().cash())
        .isEqualByComparingTo(new BigDecimal("10000").subtract(order.fees()));
    // Equity is that cash plus the position's unrealized PnL at the stored mark, as the paper
    // account itself counts it.
    assertThat(service.getEquity().equity())
        .isEqualByComparingTo(desk.account().summary().equity());
    // The store holds the account's log, so the account no longer does.
    assertThat(desk.account().events()).isEmpty();
    assertThat(progress).contains("paper account bot opened with 10000.00000000 USD");
    // The fill keeps its order's strategy in the books' ledger.
    assertThat(store.findEvent("bot-T1:fill").orElseThrow().line()).endsWith(" strategy=trend");
    assertThat(service.queries().getTradeLifecycles(Optional.empty(), Optional.empty()))
        .singleElement()
        .satisfies(trade -> assertThat(trade.id().value()).isEqualTo("bot-T1:fill"));
  }

  @Test
  void aDeskStartedAgainTakesUpTheAccountAndGoesOnNumberingItsOrders() {
    PaperDesk first = desk(service());
    first.place(OrderRequest.market(XBTUSD, Side.BUY, new BigDecimal("0.05")).withLeverage(3));
    BigDecimal last = simulated.market().price("XXBTZUSD", clock.instant());
    PaperOrder resting =
        first.place(
            OrderRequest.limit(
                    XBTUSD, Side.BUY, new BigDecimal("0.01"), last.divide(new BigDecimal("2")))
                .withLeverage(3));
    assertThat(resting.status()).as("%s", resting).isEqualTo(OrderStatus.OPEN);
    MarginAccount before = first.account().account();

    PaperDesk again = desk(service());

    assertThat(again.account().account()).isEqualTo(before);
    assertThat(progress)
        .last()
        .isEqualTo(
            "paper account bot taken up from 2 events; orders working when it stopped are not"
                + " restored: bot-O2");
    assertThat(again.orders()).isEmpty();
    PaperOrder next =
        again.place(OrderRequest.market(XBTUSD, Side.SELL, new BigDecimal("0.05")).withLeverage(3));
    assertThat(next.id()).isEqualTo("bot-O3");
    assertThat(again.account().account().openPositions()).isEmpty();
  }

  @Test
  void aCriticalMarginLevelClosesTheMostLosingPositionAtMarket() throws InterruptedException {
    // Which way the simulator's XBT goes in the next four hours, from a twin of its account (the
    // same seed gives the same market): the position is opened against that move.
    SimulatedAccount twin = AccountGenerator.generate(5, 1, END, MarginOptions.off());
    Instant start = clock.instant();
    BigDecimal first = twin.market().price("XXBTZUSD", start);
    twin.advance(Duration.ofHours(4));
    BigDecimal low = first;
    BigDecimal high = first;
    for (int minute = 1; minute <= 240; minute++) {
      BigDecimal price = twin.market().price("XXBTZUSD", start.plus(Duration.ofMinutes(minute)));
      low = low.min(price);
      high = high.max(price);
    }
    Side side = first.subtract(low).compareTo(high.subtract(first)) >= 0 ? Side.BUY : Side.SELL;
    List<RiskEvent> events = new CopyOnWriteArrayList<>();
    PortfolioService service = service();
    service.onRiskEvent(events::add);
    PaperDesk desk = desk(service);
    service.initialize();
    // 125× on about 700,000 USD of XBT: initial margin 0.8 % (5,600), taker fee 0.4 % (2,800), so
    // the level starts near (10,000 − 2,800) / 5,600 = 129 % and falls under 110 % after an adverse
    // move of about 0.15 %.
    BigDecimal volume = new BigDecimal("700000").divide(first, 3, RoundingMode.DOWN);
    PaperOrder opened = desk.place(OrderRequest.market(XBTUSD, side, volume).withLeverage(125));
    assertThat(opened.status()).as("%s", opened).isEqualTo(OrderStatus.FILLED);

    for (int minute = 0; minute < 240 && critical(events).isEmpty(); minute++) {
      simulated.advance(Duration.ofMinutes(1));
      desk.tick();
    }

    assertThat(critical(events)).as("events: %s", events).isPresent();
    assertThat(critical(events).get().suggestedAction().orElseThrow().pair()).isEqualTo(XBTUSD);
    for (int wait = 0; wait < 100 && !desk.account().openPositions().isEmpty(); wait++) {
      Thread.sleep(50);
    }
    assertThat(desk.account().openPositions()).isEmpty();
    PaperOrder closing = desk.orders().get(desk.orders().size() - 1);
    assertThat(closing.request().strategy()).contains(PaperDesk.LIQUIDATION);
    assertThat(closing.side()).isNotEqualTo(side);
    assertThat(closing.filledVolume()).isEqualByComparingTo(volume);
  }

  private static Optional<RiskEvent> critical(List<RiskEvent> events) {
    return events.stream()
        .filter(event -> event.type() == RiskEventType.MARGIN_CRITICAL)
        .findFirst();
  }

  @Test
  void theMarketsTapeHoldsTheSimulatorsTradesPrintedSinceThePairWasWatched() {
    KrakenMarket market = market();
    Instant watched = clock.instant();
    market.watch(XBTUSD);
    simulated.advance(Duration.ofMinutes(10));
    Instant now = clock.instant();

    market.refresh(List.of(XBTUSD), List.of(XBTUSD));

    List<PublicTrade> tape = market.trades(XBTUSD, watched, now);
    List<MarketTrade> printed = simulated.market().trades("XXBTZUSD", watched, now, 1_000);
    assertThat(printed).isNotEmpty();
    assertThat(tape).hasSameSizeAs(printed);
    for (int i = 0; i < tape.size(); i++) {
      assertThat(tape.get(i).at()).isEqualTo(printed.get(i).time());
      assertThat(tape.get(i).price()).isEqualByComparingTo(printed.get(i).price());
      assertThat(tape.get(i).volume()).isEqualByComparingTo(printed.get(i).volume());
    }
    assertThat(market.quote(XBTUSD, now).orElseThrow().last())
        .isEqualByComparingTo(simulated.market().price("XXBTZUSD", now));
  }

  @Test
  void aStoreThatHoldsALiveAccountsBooksIsRefused() {
    store.commit(
        new ImportBatch(
            List.of(),
            List.of(
                EventRecord.of(
                    "T1",
                    END,
                    END
                        + " T1 trade kind=ORDER_BOOK pair=XBT/USD sold=USD:40000 bought=XBT:1"
                        + " fees=USD:10 strategy=manual")),
            "a live account's trade"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> desk(service()))
        .withMessageContaining("does not hold a paper account's books")
        .withMessageContaining("event T1 is not one a paper account writes");
  }

  /** The simulator's own time, a second after its newest minute, as its client sees it. */
  private static final class SimulatorClock extends Clock {
    private final SimulatedAccount account;

    SimulatorClock(SimulatedAccount account) {
      this.account = account;
    }

    @Override
    public Instant instant() {
      return account.now().plusSeconds(1);
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
