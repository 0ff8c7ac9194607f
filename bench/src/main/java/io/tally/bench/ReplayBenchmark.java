package io.tally.bench;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.ledger.LedgerEvent;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.valuation.PriceTable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replays a seeded history of {@value #EVENTS} events into fresh {@link Books}, once per cost basis
 * method, on one thread. JMH reports nanoseconds per event (the whole replay divided by {@value
 * #EVENTS}), so events per second are {@code 1e9 / score}. The history comes from core's {@link
 * HistoryGenerator} (seed {@value #SEED}) and is made once per fork, outside the measurement; it is
 * already in replay order, so the benchmark times {@link Books#apply} and the final {@link
 * Books#state()} only.
 *
 * <p>Example: {@code java -jar bench/target/benchmarks.jar ReplayBenchmark}. JMH state, one per
 * benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 10, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 10, timeUnit = TimeUnit.SECONDS)
public class ReplayBenchmark {

  /** Events per replay. */
  public static final int EVENTS = 1_000_000;

  /** The generator seed: the same history on every run. */
  public static final long SEED = 42;

  @Param({"WAC", "FIFO"})
  public CostBasisMethod method;

  private BookConfig config;
  private PriceTable prices;
  private List<LedgerEvent> events;

  @Setup(Level.Trial)
  public void generate() {
    GeneratedHistory history = HistoryGenerator.generate(SEED, EVENTS);
    config = BookConfig.defaults().withMethod(method);
    prices = history.prices();
    events = history.events();
    // A replay that meets an issue takes a slower path: make sure the timed one is the clean one.
    BookState books = replay();
    if (!books.issues().isEmpty() || books.eventCount() != EVENTS) {
      throw new IllegalStateException(
          "Seed " + SEED + " replays with " + books.issues().size() + " issues");
    }
  }

  /** One whole replay: {@value #EVENTS} events into empty books, then their state. */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public BookState replay() {
    Books books = new Books(config, prices);
    for (LedgerEvent event : events) {
      books.apply(event);
    }
    return books.state();
  }
}
