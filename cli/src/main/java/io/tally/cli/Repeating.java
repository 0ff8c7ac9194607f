package io.tally.cli;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A task run again and again on its own daemon thread, {@code pace} after each run ends, until
 * closed: the simulated market moving on ({@code tally demo}, {@code tally paper}), a paper
 * account's tick. A run that throws is handed to {@code failed} and the next one runs as planned.
 *
 * <p>Example: {@code running.add(Repeating.start("tally-paper-tick", Duration.ofSeconds(2),
 * desk::tick, e -> err.println(e.getMessage())))}.
 */
final class Repeating implements AutoCloseable {

  private final ScheduledExecutorService executor;

  private Repeating(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Runs {@code task} every {@code pace} on a thread called {@code name}, the first in a pace. */
  static Repeating start(
      String name, Duration pace, Runnable task, Consumer<RuntimeException> failed) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, name);
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            failed.accept(e);
          }
        },
        pace.toMillis(),
        pace.toMillis(),
        TimeUnit.MILLISECONDS);
    return new Repeating(executor);
  }

  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }
}
