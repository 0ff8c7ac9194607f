package io.tally.cli;

import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.MarginConfig;
import io.tally.engine.config.PerformanceConfig;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.ReconciliationConfig;
import io.tally.engine.config.RiskConfig;
import io.tally.engine.config.ScheduleConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.config.TaxConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.server.TallyServer;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally demo [--port 8080] [--seed 42] [--days 90]}: Tally in one command, offline. Starts
 * the Kraken simulator in this process on a free loopback port with a generated account (two bots,
 * manual trades, deposits, staking, withdrawals), syncs it through the real client into a fresh
 * SQLite file in a temporary directory, and serves the dashboard. The simulated market keeps moving
 * in real time (the bots keep trading) and Tally keeps syncing, so the dashboard is alive. Needs no
 * network, keys or config; Ctrl-C stops it and deletes the temporary files.
 *
 * <p>Example: {@code ./tally demo} prints {@code Tally is serving http://127.0.0.1:8080/} first.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Serve the dashboard over a simulated Kraken account, offline, in one command.")
final class DemoCommand implements Callable<Integer> {

  /** How often the demo syncs, samples equity and moves the simulated market. */
  static final Duration PACE = Duration.ofSeconds(5);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "port on 127.0.0.1 for the dashboard, 0 for any (default: ${DEFAULT-VALUE})",
      defaultValue = "8080")
  int port;

  @Mixin AccountOption generated;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RunningService running = new RunningService();
    try {
      Path directory = Files.createTempDirectory("tally-demo-");
      running.add(() -> deleteRecursively(directory));
      SimulatedAccount account = generated.generate(clock.instant());
      KrakenSimulator simulator =
          running.add(
              KrakenSimulator.start(
                  account,
                  0,
                  SimulatorOptions.defaults()
                      .withCredentials(SimCommand.TEST_KEY, SimCommand.TEST_SECRET)
                      .withoutRateLimit()));
      TallyConfig config = config(simulator);
      SkippedWaits waits = new SkippedWaits(clock);
      KrakenClient client =
          KrakenClient.builder()
              .baseUrl(simulator.baseUrl())
              .credentials(new KrakenCredentials(SimCommand.TEST_KEY, SimCommand.TEST_SECRET))
              .tier(CallCounter.Tier.PRO)
              .nonceSource(new FileNonceSource(directory.resolve("tally.db.nonce"), clock))
              .clock(waits)
              .sleeper(waits.sleeper())
              .build();
      PortfolioStore store =
          running.add(PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of()));
      PortfolioService service =
          new PortfolioService(config, store, Optional.of(client), clock, line -> {});
      service.onExternalActivity(activity -> err.println("tally: " + activity.message()));
      service.load();
      TallyServer server =
          running.serve(service, Optional.empty(), store, "127.0.0.1", port, clock);
      out.println(RunningService.banner(server, "127.0.0.1"));
      out.printf(
          "Simulated Kraken account (seed %d, %d days) at %s; syncing it into %s (deleted on"
              + " exit) ...%n",
          generated.seed, generated.days, simulator.baseUrl(), directory);
      out.flush();
      long started = System.nanoTime();
      service.initialize();
      out.printf(
          "Synced %,d ledger rows in %.1f s; equity %s USD. The market moves every %d s.%n",
          account.ledger().size(),
          (System.nanoTime() - started) / 1e9,
          HistoryCommand.display(service.getEquity().equity()),
          PACE.toSeconds());
      out.flush();
      running.add(
          Repeating.start(
              "tally-demo-market",
              PACE,
              () -> moveOn(account, clock),
              e -> err.println("tally: the simulated market: " + e.getMessage())));
      running.schedule(service, true, err);
      service.sampleEquity();
    } catch (IOException e) {
      running.closeAll(err);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      running.closeAll(err);
      throw e;
    }
    running.awaitShutdown(err);
    return 0;
  }

  /** The demo's settings: the simulator's bots tagged, everything at the demo's pace. */
  private static TallyConfig config(KrakenSimulator simulator) {
    PortfolioConfig d = PortfolioConfig.defaults();
    PortfolioConfig portfolio =
        new PortfolioConfig(
            d.baseCurrency(),
            d.valuationPairs(),
            d.includeAssets(),
            d.excludeAssets(),
            d.costBasisMethod(),
            true,
            d.snapshotRetentionDays(),
            d.reconciliationTolerance(),
            d.externalActivityThresholdPct(),
            Duration.ofMinutes(2),
            Map.of(1001L, "trend_v1", 1002L, "grid_v2"));
    return new TallyConfig(
        portfolio,
        new ReconciliationConfig(
            PACE.multipliedBy(6),
            d.reconciliationTolerance(),
            false,
            ReconciliationConfig.defaults().driftMode()),
        new ScheduleConfig(PACE, PACE, 7),
        new KrakenConfig(simulator.baseUrl(), "pro"),
        PerformanceConfig.defaults(),
        MarginConfig.defaults(),
        List.of(),
        RiskConfig.defaults(),
        TaxConfig.defaults());
  }

  /** Moves the simulated account on to the clock's now, so its bots trade and prices walk. */
  static void moveOn(SimulatedAccount account, Clock clock) {
    Instant now = clock.instant();
    if (now.isAfter(account.now())) {
      account.advance(Duration.between(account.now(), now));
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
