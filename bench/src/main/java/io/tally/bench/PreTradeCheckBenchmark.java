package io.tally.bench;

import io.tally.engine.config.ConfigFile;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.paper.OrderRequest;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.paper.PaperTerms;
import io.tally.engine.paper.ScriptedMarket;
import io.tally.engine.paper.SlippageModel;
import io.tally.engine.risk.CheckResult;
import io.tally.engine.risk.CorrelationGroups;
import io.tally.engine.risk.RiskService;
import io.tally.engine.service.PortfolioService;
import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.risk.ProposedOrder;
import io.tally.store.PortfolioStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 13's target: a pre-trade check in process under 20 µs p99 with 100 positions. A paper
 * account (a real SQLite store, the service keeping its books, the risk service over them) opens
 * {@value #POSITIONS} margin positions, one per pair, long and short, 2× to 10× (seed {@value
 * #SEED}); each invocation is the library call a JVM bot makes, {@link RiskService#preTradeCheck},
 * of one order on one of those pairs (orders cycle over buys and sells, spot and margin, with and
 * without a stop), every limit applied and the max volume solved. Sampled, so JMH reports the p99.
 *
 * <p>Example: {@code java -jar bench/target/benchmarks.jar PreTradeCheckBenchmark}. JMH state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
public class PreTradeCheckBenchmark {

  /** Open positions in the account. */
  public static final int POSITIONS = 100;

  /** The generator seed. */
  public static final long SEED = 42;

  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

  private Path directory;
  private PortfolioStore store;
  private RiskService risk;
  private final List<ProposedOrder> orders = new ArrayList<>();
  private int next;

  @Setup
  public void open() throws IOException {
    directory = Files.createTempDirectory("tally-check-bench");
    store = PortfolioStore.open(directory.resolve("paper.db").toString(), Map.of());
    SplittableRandom random = new SplittableRandom(SEED);
    ScriptedMarket market = new ScriptedMarket();
    List<Pair> pairs = new ArrayList<>();
    List<BigDecimal> prices = new ArrayList<>();
    for (int i = 0; i < POSITIONS; i++) {
      Pair pair = new Pair(Asset.of("C" + i), Asset.USD);
      BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(60_000));
      market.price(pair, AT, price);
      pairs.add(pair);
      prices.add(price);
    }
    Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
    TallyConfig config =
        ConfigFile.parse(
            String.join(
                "\n",
                "risk:",
                "  max_correlated_exposure_pct: 40",
                "  asset_classes:",
                "    majors: {assets: [C0, C1, C2], max_class_pct: 50}",
                "    alts: {assets: [\"*\"], max_class_pct: 80}",
                ""),
            "bench.yaml");
    PortfolioService service =
        new PortfolioService(config, store, Optional.empty(), clock, line -> {});
    service.load();
    PaperDesk desk =
        PaperDesk.open(
            PaperTerms.of("bench")
                .withInitialBalance(Asset.USD, new BigDecimal("100000000"))
                .withSlippage(SlippageModel.none()),
            store,
            service,
            market,
            clock,
            line -> {});
    service.initialize();
    for (int i = 0; i < POSITIONS; i++) {
      desk.place(
          OrderRequest.market(
                  pairs.get(i),
                  random.nextBoolean() ? Side.BUY : Side.SELL,
                  BigDecimal.valueOf(1 + random.nextInt(1_000)).movePointLeft(3))
              .withLeverage(2 + random.nextInt(9)));
    }
    if (service.queries().getMargin().positions().size() != POSITIONS) {
      throw new IllegalStateException("expected " + POSITIONS + " open positions");
    }
    risk =
        new RiskService(
            service, config.risk(), pair -> Optional.empty(), CorrelationGroups.NONE, clock);
    risk.start();
    service.seedDrawdownWindows();
    for (int i = 0; i < 64; i++) {
      int p = random.nextInt(POSITIONS);
      BigDecimal price = prices.get(p);
      orders.add(
          new ProposedOrder(
              pairs.get(p),
              random.nextBoolean() ? Side.BUY : Side.SELL,
              BigDecimal.valueOf(1 + random.nextInt(1_000)).movePointLeft(3),
              Optional.of(price),
              "limit",
              BigDecimal.valueOf(1 + random.nextInt(5)),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              false));
    }
  }

  @TearDown
  public void close() throws IOException {
    store.close();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** One check: the library call, every rule and the max volume. */
  @Benchmark
  public CheckResult check() {
    return risk.preTradeCheck(orders.get(next++ & 63));
  }
}
