package io.tally.bench;

import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.report.tax.TaxReportCsv;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxLots;
import io.tally.tax.TaxReport;
import io.tally.tax.TaxRules;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.valuation.PriceTable;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 14's target: a year's tax report over 100,000 disposals under 1 s. A seeded history of
 * {@value #EVENTS} events within one year (seed {@value #SEED}) is made once; each invocation folds
 * all of it into tax lots by the method ({@link TaxLots}), takes the year's report ({@link
 * TaxReport}) and writes its CSV ({@link TaxReportCsv}) — everything {@code tally report --type tax
 * --format csv} does after reading the store. The setup refuses a history of fewer than 100,000
 * disposal rows in the year.
 *
 * <p>Example: {@code java -jar bench/target/benchmarks.jar TaxReportBenchmark}. JMH state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
public class TaxReportBenchmark {

  /** Events in the year. */
  public static final int EVENTS = 115_000;

  /** The generator seed: the same history on every run. */
  public static final long SEED = 42;

  /** The disposal rows the year must hold at least. */
  public static final int MIN_DISPOSALS = 100_000;

  @Param({"FIFO", "HIFO", "WAC"})
  public LotMethod method;

  private TaxRules rules;
  private PriceTable prices;
  private List<LedgerEvent> events;
  private LocalDate first;
  private LocalDate last;

  @Setup(Level.Trial)
  public void generate() {
    GeneratedHistory history = HistoryGenerator.generate(SEED, EVENTS, Duration.ofDays(364));
    rules = TaxRules.defaults(Asset.USD).withMethod(method);
    prices = history.prices();
    events = history.events();
    first = LocalDate.ofInstant(HistoryGenerator.START, ZoneOffset.UTC);
    last = first.plusDays(364);
    int rows = year().rows().size();
    if (rows < MIN_DISPOSALS) {
      throw new IllegalStateException(
          "Seed " + SEED + " gives " + rows + " disposal rows, fewer than " + MIN_DISPOSALS);
    }
    System.out.println("disposal rows in the year: " + rows);
  }

  private TaxReport year() {
    return TaxReport.of(TaxLots.replay(rules, prices, events), first, last);
  }

  /** The lots of every event, the year's report and its CSV. */
  @Benchmark
  public String report() {
    return TaxReportCsv.of(year());
  }
}
