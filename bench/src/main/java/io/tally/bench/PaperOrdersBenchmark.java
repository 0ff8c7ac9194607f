package io.tally.bench;

import io.tally.engine.config.PaperAccountConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.paper.KrakenMarket;
import io.tally.engine.paper.PaperDesk;
import io.tally.engine.service.PortfolioService;
import io.tally.kraken.api.CallCounter;
import io.tally.kraken.api.KrakenClient;
import io.tally.money.Asset;
import io.tally.server.TallyServer;
import io.tally.sim.AccountGenerator;
import io.tally.sim.KrakenSimulator;
import io.tally.sim.MarginOptions;
import io.tally.sim.SimulatorOptions;
import io.tally.store.PortfolioStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Issue 12's paper-trading target: 1,000 paper orders a second through the HTTP API with p99 under
 * 10 ms. A paper account on the Kraken simulator's market (both in this process, as {@code tally
 * paper} runs them) serves {@code POST /api/v1/paper/orders}; a client sends market orders of
 * 0.001 XBT/USD, buy and sell in turn, at a fixed rate for a warm-up and then for the measured
 * seconds. Each order is durable in the account's SQLite store and its books refreshed before it
 * is answered.
 *
 * <p>The load is open: each request leaves at its scheduled time whether or not earlier ones were
 * answered, and its latency counts from that scheduled time, so a stall shows in the percentiles
 * instead of slowing the sender (no coordinated omission). Prints the rate reached, the latency
 * percentiles and the non-201 answers.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.tally.bench.PaperOrdersBenchmark [rate]
 * [seconds] [warm-up seconds]} (1,000 a second for 10 s after 5 s).
 */
public final class PaperOrdersBenchmark {

  private PaperOrdersBenchmark() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path directory = Files.createTempDirectory("tally-paper-bench-");
    Clock clock = Clock.systemUTC();
    try (KrakenSimulator simulator =
            KrakenSimulator.start(
                AccountGenerator.generate(42, 1, clock.instant(), MarginOptions.off()),
                0,
                SimulatorOptions.defaults().withoutRateLimit());
        PortfolioStore store =
            PortfolioStore.open(directory.resolve("paper.db").toString(), Map.of())) {
      TallyConfig config = TallyConfig.defaults();
      PortfolioService service =
          new PortfolioService(config, store, Optional.empty(), clock, line -> {});
      service.load();
      KrakenClient client =
          KrakenClient.builder()
              .baseUrl(simulator.baseUrl())
              .tier(CallCounter.Tier.PRO)
              .pacePublicCalls(false)
              .build();
      PaperDesk desk =
          PaperDesk.open(
              PaperAccountConfig.defaults("bench").withCurrency(Asset.USD).terms(config.margin()),
              store,
              service,
              new KrakenMarket(client, clock),
              clock,
              line -> {});
      service.initialize();
      try (TallyServer server =
          TallyServer.start(service, Optional.of(desk), "127.0.0.1", 0, clock)) {
        URI orders = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/paper/orders");
        HttpClient http = HttpClient.newHttpClient();
        run(http, orders, rate, warmup, "warm-up");
        run(http, orders, rate, seconds, "measured");
      }
    } finally {
      try (var paths = Files.walk(directory)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /** Sends {@code rate × seconds} orders on an open schedule and prints what they took. */
  private static void run(HttpClient http, URI orders, int rate, int seconds, String what)
      throws InterruptedException {
    int count = rate * seconds;
    long interval = 1_000_000_000L / rate;
    long[] latencies = new long[count];
    AtomicInteger failures = new AtomicInteger();
    List<CompletableFuture<Object>> pending = new ArrayList<>(count);
    long start = System.nanoTime() + 10_000_000L;
    for (int i = 0; i < count; i++) {
      long scheduled = start + i * interval;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      String body =
          "{\"pair\":\"XBT/USD\",\"side\":\""
              + (i % 2 == 0 ? "buy" : "sell")
              + "\",\"volume\":\"0.001\",\"client_order_id\":\"b"
              + i
              + "\"}";
      int index = i;
      pending.add(
          http.sendAsync(
                  HttpRequest.newBuilder(orders)
                      .header("content-type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, error) -> {
                    latencies[index] = System.nanoTime() - scheduled;
                    if (error != null
                        || response.statusCode() != 201
                        || !response.body().contains("\"filled\"")) {
                      failures.incrementAndGet();
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    long elapsed = System.nanoTime() - start;
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%s: %,d orders in %.2f s (%.0f/s); latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
            + " max %.2f ms; %d not answered 201 filled%n",
        what,
        count,
        elapsed / 1e9,
        count / (elapsed / 1e9),
        percentile(sorted, 0.50),
        percentile(sorted, 0.90),
        percentile(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6,
        failures.get());
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
