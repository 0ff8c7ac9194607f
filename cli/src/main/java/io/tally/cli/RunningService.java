package io.tally.cli;

import io.tally.engine.paper.PaperDesk;
import io.tally.engine.risk.RiskService;
import io.tally.engine.service.PortfolioSchedule;
import io.tally.engine.service.PortfolioService;
import io.tally.server.TallyServer;
import io.tally.store.PortfolioStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What {@code tally serve} and {@code tally demo} run until Ctrl-C: resources opened in order and
 * closed in reverse (the HTTP server first, then the schedule, the service's store and anything
 * else such as the demo's simulator). Ctrl-C (or any JVM shutdown) closes them before the process
 * ends, waiting up to 30 seconds for a sync in flight.
 *
 * <p>Example: {@code running.add(store); running.add(schedule); running.add(server);
 * running.awaitShutdown(err);}.
 */
final class RunningService {

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  /** Adds a resource to close, after those added later. */
  <T extends AutoCloseable> T add(T resource) {
    resources.add(resource);
    return resource;
  }

  /** Starts the service's schedules and adds them. */
  PortfolioSchedule schedule(PortfolioService service, boolean withKraken, PrintWriter err) {
    return add(
        PortfolioSchedule.start(
            service,
            withKraken,
            message -> {
              err.println("tally: " + message);
              err.flush();
            }));
  }

  /** Blocks until the JVM is asked to stop, then closes everything. */
  /**
   * Serves {@code service}'s account (initialized) on {@code host}:{@code port} with its risk layer
   * over {@code store} (Kraken's order rules as listed there, correlations from its prices), and
   * {@code desk}'s paper orders for a paper account; the server is closed with the rest.
   */
  TallyServer serve(
      PortfolioService service,
      Optional<PaperDesk> desk,
      PortfolioStore store,
      String host,
      int port,
      Clock clock) {
    RiskService risk = RiskService.of(service, store, service.config(), clock);
    risk.start();
    return add(TallyServer.start(service, desk, risk, host, port, clock));
  }

  void awaitShutdown(PrintWriter err) throws InterruptedException {
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "tally-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stop.await();
    closeAll(err);
  }

  /** Closes everything, newest first, reporting failures without stopping. */
  void closeAll(PrintWriter err) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        err.println("tally: closing " + resources.get(i).getClass().getSimpleName() + ": " + e);
      }
    }
    resources.clear();
    err.println("tally: stopped");
    err.flush();
    closed.countDown();
  }

  /** The server's address as the first line a user reads. */
  static String banner(TallyServer server, String host) {
    return "Tally is serving " + server.uri(host) + " (Ctrl-C stops it)";
  }
}
