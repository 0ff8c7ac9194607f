package io.tally.bench;

import io.tally.books.BookConfig;
import io.tally.ledger.LedgerEvent;
import io.tally.metrics.Drawdowns;
import io.tally.metrics.MoneyWeightedReturn;
import io.tally.metrics.RatioSettings;
import io.tally.metrics.ReportingPeriod;
import io.tally.metrics.Returns;
import io.tally.metrics.RiskRatios;
import io.tally.metrics.TradeCycles;
import io.tally.series.DailyHistory;
import io.tally.series.HistorySettings;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.valuation.PriceTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The daily history of a seeded {@value #EVENTS}-event history built from scratch ({@link
 * DailyHistory#of}: one fold, a valuation at every midnight and before every flow), and every
 * metric of {@code tally performance} over it (returns by day, week, month, quarter and year,
 * drawdowns with their rolling maximum, risk ratios with the rolling Sharpe, XIRR, trade-cycle
 * statistics). Issue 11's targets: the history under 1 s, the metrics under 50 ms. The history
 * comes from core's {@link HistoryGenerator} and is made once per fork; setup prints how many days
 * it spans.
 *
 * <p>Example: {@code java -jar bench/target/benchmarks.jar DailyHistoryBenchmark}. JMH state, one
 * per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
public class DailyHistoryBenchmark {

  /** Events in the history. */
  public static final int EVENTS = 100_000;

  /** The generator seed: the same history on every run. */
  public static final long SEED = 42;

  private PriceTable prices;
  private List<LedgerEvent> events;
  private Instant until;
  private DailyHistory history;

  @Setup(Level.Trial)
  public void generate() {
    GeneratedHistory generated = HistoryGenerator.generate(SEED, EVENTS);
    prices = generated.prices();
    events = generated.events();
    until = generated.end();
    history = history();
    System.out.printf(
        "%n%,d events over %,d days (%s .. %s), %,d trade cycles%n",
        events.size(),
        history.days().size(),
        history.days().get(0).date(),
        history.days().get(history.days().size() - 1).date(),
        history.cycles().size());
    if (Duration.between(events.get(0).at(), until).toDays() < 1) {
      throw new IllegalStateException("The history spans less than a day");
    }
  }

  /** The daily history from scratch. */
  @Benchmark
  public DailyHistory history() {
    return DailyHistory.of(
        BookConfig.defaults(), prices, events, HistorySettings.defaults(), until);
  }

  /** Every figure of {@code tally performance} over the whole history. */
  @Benchmark
  public Object metrics() {
    Returns returns = Returns.of(history.dailyValues());
    Drawdowns drawdowns = Drawdowns.of(returns);
    Object[] figures = {
      returns.twr(),
      returns.cagr(),
      returns.byPeriod(ReportingPeriod.MONTH),
      returns.byPeriod(ReportingPeriod.WEEK),
      returns.byPeriod(ReportingPeriod.QUARTER),
      returns.byPeriod(ReportingPeriod.YEAR),
      drawdowns.max(),
      drawdowns.rollingMax(90),
      RiskRatios.of(returns, RatioSettings.DEFAULT),
      RiskRatios.rollingSharpe(returns, 30, RatioSettings.DEFAULT),
      MoneyWeightedReturn.of(returns),
      TradeCycles.of(history.cycles()).profitFactor()
    };
    return figures;
  }
}
