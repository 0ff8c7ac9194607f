package io.tally.bench;

import io.tally.engine.config.KrakenConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.sync.KrakenSync;
import io.tally.engine.sync.SyncSummary;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.FileNonceSource;
import io.tally.kraken.api.KrakenClient;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.RateTier;
import io.tally.sim.SimulatedAccount;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import io.tally.testing.SteppingClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Times a first sync of a large simulated account at the Starter tier against Kraken's call-counter
 * bound. Paging at Starter is paced by the counter (15 points, −0.33 per second, 2 points per
 * history page), so a 100k-row account needs hours of real waiting; here the simulator's counter
 * and the client's sleeps share one virtual clock, so the pacing is exact and the run takes
 * minutes. Reports the virtual time, the bound {@code (points − 15) / 0.33 s}, the wall time, and
 * how many {@code EAPI:Rate limit exceeded} errors the simulator answered.
 *
 * <p>Then times what issue 10 asks of a sync that adds about ten rows to that store: the account
 * moves on until it has at least {@value #NEW_ROWS} new ledger rows, and a {@code tally sync}'s
 * work runs again ({@link KrakenSync#run}: fetch after the high-water marks, ingest, fold onto the
 * books, checkpoint, prices, the balance check at a quiet moment, open orders). Each run prints its
 * wall time and the time between its progress lines, so the HTTP calls (the "fetching" steps
 * against the local simulator) and the work between them can be told apart; then the medians.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.tally.bench.SyncBenchmark [days] [seed]
 * [incremental runs]} (3,500 days ≈ 100k ledger rows; 7 runs).
 */
public final class SyncBenchmark {

  /** The fewest new ledger rows each incremental sync adds. */
  static final int NEW_ROWS = 10;

  private SyncBenchmark() {}

  public static void main(String[] args) throws IOException {
    int days = args.length > 0 ? Integer.parseInt(args[0]) : 3500;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 42;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    long generated = System.nanoTime();
    SimulatedAccount account = AccountGenerator.generate(seed, days, end);
    System.out.printf(
        "account: %,d days, %,d ledger rows, %,d trades, %,d orders (generated in %.1f s)%n",
        days,
        account.ledger().size(),
        account.trades().size(),
        account.orders().size(),
        (System.nanoTime() - generated) / 1e9);

    SteppingClock clock = new SteppingClock(end);
    String key = "bench-key";
    String secret =
        "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
    Path dir = Files.createTempDirectory("tally-sync-bench");
    Map<String, Integer> pages = new TreeMap<>();
    try (KrakenSimulator simulator =
            KrakenSimulator.start(
                account,
                0,
                SimulatorOptions.defaults()
                    .withCredentials(key, secret)
                    .withTier(RateTier.STARTER)
                    .withClock(clock));
        PortfolioStore store = PortfolioStore.open(dir.resolve("bench.db").toString(), Map.of())) {
      KrakenClient client =
          KrakenClient.builder()
              .baseUrl(simulator.baseUrl())
              .credentials(new KrakenCredentials(key, secret))
              .tier(CallCounter.Tier.STARTER)
              .nonceSource(new FileNonceSource(dir.resolve("bench.db.nonce"), Clock.systemUTC()))
              .clock(clock)
              .sleeper(clock::sleep)
              .build();
      TallyConfig config =
          TallyConfig.defaults().withKraken(new KrakenConfig(simulator.baseUrl(), "starter"));
      // A sync as `tally sync` runs one, telling the given listener its progress lines.
      Function<Consumer<String>, SyncSummary> sync =
          progress -> new KrakenSync(store, client, config, clock, progress).run();
      long started = System.nanoTime();
      SyncSummary summary =
          sync.apply(
              line -> {
                String trimmed = line.strip();
                int page = trimmed.lastIndexOf(", page ");
                if (page > 0 && trimmed.contains(" rows")) {
                  String method = trimmed.split("\\s+")[0];
                  String count = trimmed.substring(page + 7).split(" ")[0];
                  pages.merge(method, Integer.parseInt(count), Math::max);
                }
              });
      double wall = (System.nanoTime() - started) / 1e9;
      double virtual = Duration.between(end, clock.instant()).toMillis() / 1000.0;
      int historyPages = pages.values().stream().mapToInt(Integer::intValue).sum();
      int points = historyPages * 2;
      double bound = Math.max(0, points - 15) / 0.33;
      System.out.printf(
          "pages: %s (%,d history pages, %,d counter points)%n", pages, historyPages, points);
      System.out.printf(
          "virtual time %,.0f s against the call-counter bound %,.0f s: %+.1f%%%n",
          virtual, bound, (virtual / bound - 1) * 100);
      System.out.printf("wall time %.1f s%n", wall);
      System.out.printf(
          "rate-limit errors answered: %d; all errors: %s%n",
          simulator.errorsAnswered().getOrDefault("EAPI:Rate limit exceeded", 0),
          simulator.errorsAnswered());
      System.out.printf(
          "synced %,d ledger rows, %,d trades; balances match: %s%n",
          summary.newLedgerRows(), summary.newTrades(), summary.balancesMatch());
      incremental(sync, account, runs);
    }
  }

  /** {@code runs} syncs of at least {@value #NEW_ROWS} new ledger rows each, timed. */
  private static void incremental(
      Function<Consumer<String>, SyncSummary> sync, SimulatedAccount account, int runs) {
    List<Double> walls = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      int before = account.ledger().size();
      while (account.ledger().size() - before < NEW_ROWS) {
        account.advance(Duration.ofMinutes(10));
      }
      // Each progress line starts a step; a step lasts until the next line (the last, to the end).
      List<String> lines = new ArrayList<>();
      List<Long> starts = new ArrayList<>();
      long started = System.nanoTime();
      SyncSummary summary =
          sync.apply(
              line -> {
                lines.add(line.strip());
                starts.add(System.nanoTime());
              });
      long ended = System.nanoTime();
      double wall = (ended - started) / 1e6;
      walls.add(wall);
      System.out.printf(
          "%nincremental sync %d: %d new ledger rows, %d trades, balances match %s, %.1f ms%n",
          run, summary.newLedgerRows(), summary.newTrades(), summary.balancesMatch(), wall);
      System.out.printf(
          "  %6.1f ms  (before the first progress line)%n", (starts.get(0) - started) / 1e6);
      for (int i = 0; i < lines.size(); i++) {
        long end = i + 1 < starts.size() ? starts.get(i + 1) : ended;
        System.out.printf("  %6.1f ms  %s%n", (end - starts.get(i)) / 1e6, lines.get(i));
      }
    }
    walls.sort(null);
    System.out.printf(
        "%nincremental syncs: median %.1f ms (min %.1f, max %.1f) over %d runs%n",
        walls.get(walls.size() / 2), walls.get(0), walls.get(walls.size() - 1), walls.size());
  }
}
