package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The jobs of a running service, each on its own clock: sync every {@code sync.interval} (when
 * Kraken is configured), reconcile every {@code reconciliation.interval} (a sync too: the books are
 * brought up to date and compared with Kraken's balances at a quiet moment, {@link
 * io.tally.engine.sync.QuietMoment}), sample the equity series every {@code equity_series.interval}
 * (never driven by API polling), prune snapshots and samples daily, and once, first, replay the
 * live drawdown windows over the whole equity series ({@link
 * PortfolioService#seedDrawdownWindows}). A failing job is reported to {@code errors} and runs
 * again at its next turn; the service's single writer keeps the jobs from overlapping.
 *
 * <p>Example: {@code try (PortfolioSchedule schedule = PortfolioSchedule.start(service, true,
 * System.err::println)) { ... }}. Thread-safe.
 */
public final class PortfolioSchedule implements AutoCloseable {

  private final ScheduledExecutorService executor;

  private PortfolioSchedule(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /**
   * Starts the jobs of an initialized {@code service}; {@code withKraken} adds the sync and the
   * live reconciliation.
   */
  public static PortfolioSchedule start(
      PortfolioService service, boolean withKraken, Consumer<String> errors) {
    requireNonNull(service, "service");
    requireNonNull(errors, "errors");
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "tally-schedule");
              thread.setDaemon(true);
              return thread;
            });
    PortfolioSchedule schedule = new PortfolioSchedule(executor);
    var config = service.config();
    if (withKraken) {
      schedule.every(config.schedule().syncInterval(), "sync", service::sync, errors);
      schedule.every(config.reconciliation().interval(), "reconcile", service::reconcile, errors);
    }
    schedule.every(
        config.schedule().equityInterval(), "equity sample", service::sampleEquity, errors);
    schedule.every(Duration.ofDays(1), "prune", service::prune, errors);
    schedule.once("drawdown windows", service::seedDrawdownWindows, errors);
    return schedule;
  }

  /** Runs {@code job} once, as soon as the executor is free. */
  private void once(String name, Runnable job, Consumer<String> errors) {
    executor.execute(() -> run(name, job, errors));
  }

  private void every(Duration interval, String name, Runnable job, Consumer<String> errors) {
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(
        () -> run(name, job, errors), millis, millis, TimeUnit.MILLISECONDS);
  }

  private static void run(String name, Runnable job, Consumer<String> errors) {
    try {
      job.run();
    } catch (RuntimeException e) {
      errors.accept(name + " failed: " + e.getMessage());
    }
  }

  /** Stops the jobs, letting a running one finish (up to 30 s). */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
