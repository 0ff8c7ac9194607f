package io.tally.server;

import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import io.tally.testing.SteppingClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * A whole Tally for a test: the Kraken simulator with a generated account on port 0, the real
 * client, a SQLite store in {@code directory}, an initialized service (first sync done, one equity
 * sample) and the HTTP server on port 0.
 */
final class ServedAccount implements AutoCloseable {

  static final String KEY = "test-key";
  static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

  final SimulatedAccount account;
  final KrakenSimulator simulator;
  final PortfolioStore store;
  final PortfolioService service;
  final TallyServer server;

  ServedAccount(Path directory, long seed, int days) {
    account = AccountGenerator.generate(seed, days, Instant.now().truncatedTo(ChronoUnit.MINUTES));
    simulator =
        KrakenSimulator.start(
            account,
            0,
            SimulatorOptions.defaults().withCredentials(KEY, SECRET).withoutRateLimit());
    // The simulator's limit is off: the client's counter waits on a clock that skips them.
    SteppingClock waits = new SteppingClock(Instant.now());
    KrakenClient client =
        KrakenClient.builder()
            .baseUrl(simulator.baseUrl())
            .credentials(new KrakenCredentials(KEY, SECRET))
            .tier(CallCounter.Tier.PRO)
            .nonceSource(
                new FileNonceSource(directory.resolve("tally.db.nonce"), Clock.systemUTC()))
            .requestTimeout(Duration.ofSeconds(5))
            .clock(waits)
            .sleeper(waits::sleep)
            .build();
    PortfolioConfig d = PortfolioConfig.defaults();
    TallyConfig config =
        TallyConfig.defaults()
            .withPortfolio(
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
                    Duration.ofDays(1),
                    Map.of(1001L, "trend_v1", 1002L, "grid_v2")))
            .withKraken(new KrakenConfig(simulator.baseUrl(), "pro"));
    store = PortfolioStore.open(directory.resolve("tally.db").toString(), Map.of());
    service =
        new PortfolioService(config, store, Optional.of(client), Clock.systemUTC(), line -> {});
    service.initialize();
    service.sampleEquity();
    server = TallyServer.start(service, "127.0.0.1", 0, Clock.systemUTC());
  }

  /** The server's address of {@code path}, such as {@code /api/v1/portfolio}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Override
  public void close() {
    server.close();
    store.close();
    simulator.close();
  }
}
