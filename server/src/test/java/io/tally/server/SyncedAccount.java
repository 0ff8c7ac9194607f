package io.tally.server;

import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.StateRecovered;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.MarginOptions;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import io.tally.testing.SteppingClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A synced Tally account for a test: the Kraken simulator with a generated account on port 0, the
 * real client with test credentials, a store at {@code database} (a SQLite file path or a {@code
 * jdbc:postgresql:} URL) and an initialized service over it (first sync done), whose {@code
 * STATE_RECOVERED} events are kept. It also restarts the service without keys, as {@code tally
 * serve} does with no key in the environment.
 *
 * <p>Example: {@code new SyncedAccount(tempDir, tempDir.resolve("tally.db").toString(), 11, 20)}.
 * Not thread-safe: one test class's.
 */
public final class SyncedAccount implements AutoCloseable {

  /** The API key the simulator accepts. */
  public static final String KEY = "test-key";

  /** The API secret the simulator accepts. */
  public static final String SECRET =
      "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";

  /** The simulated account, whose clock a test may advance. */
  public final SimulatedAccount account;

  /** The simulator serving it, whose faults a test may switch on. */
  public final KrakenSimulator simulator;

  /** The store the service keeps the books in. */
  public final PortfolioStore store;

  /** The service with keys, initialized. */
  public final PortfolioService service;

  private final List<StateRecovered> recoveries = new CopyOnWriteArrayList<>();

  /**
   * Generates the account ({@code seed}, {@code days}), serves it, syncs it into {@code database}.
   */
  public SyncedAccount(Path directory, String database, long seed, int days) {
    this(directory, database, seed, days, MarginOptions.off());
  }

  /** The same account trading on margin as {@code margin} says (off: spot only). */
  public SyncedAccount(Path directory, String database, long seed, int days, MarginOptions margin) {
    account =
        AccountGenerator.generate(
            seed, days, Instant.now().truncatedTo(ChronoUnit.MINUTES), margin);
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
    store = PortfolioStore.open(database, Map.of());
    service =
        new PortfolioService(
            config(Duration.ofDays(1)), store, Optional.of(client), Clock.systemUTC(), line -> {});
    service.onStateRecovered(recoveries::add);
    service.initialize();
  }

  /**
   * The configuration every service here runs with: USD books, manual trades tracked, the bots'
   * userrefs tagged {@code trend_v1} and {@code grid_v2}, prices stale after {@code maxPriceAge}.
   */
  public TallyConfig config(Duration maxPriceAge) {
    PortfolioConfig d = PortfolioConfig.defaults();
    return TallyConfig.defaults()
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
                maxPriceAge,
                Map.of(1001L, "trend_v1", 1002L, "grid_v2")))
        .withKraken(new KrakenConfig(simulator.baseUrl(), "pro"));
  }

  /** The {@code STATE_RECOVERED} events the keyed service emitted: one, at its start. */
  public List<StateRecovered> recoveries() {
    return List.copyOf(recoveries);
  }

  /**
   * A second service over the same store without Kraken keys, initialized: a restart of {@code
   * tally serve} with no key in the environment. Prices older than {@code maxPriceAge} make its
   * answers stale.
   */
  public Restart restartWithoutKeys(Duration maxPriceAge) {
    PortfolioService restarted =
        new PortfolioService(
            config(maxPriceAge), store, Optional.empty(), Clock.systemUTC(), line -> {});
    List<StateRecovered> events = new CopyOnWriteArrayList<>();
    restarted.onStateRecovered(events::add);
    restarted.initialize();
    return new Restart(restarted, List.copyOf(events));
  }

  /**
   * A service restarted without keys, and the {@code STATE_RECOVERED} events its start emitted.
   * Immutable.
   */
  public record Restart(PortfolioService service, List<StateRecovered> recoveries) {}

  @Override
  public void close() {
    store.close();
    simulator.close();
  }
}
