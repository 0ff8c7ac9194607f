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
import io.tally.series.HistoryFold;
import io.tally.series.HistorySettings;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.valuation.PriceTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 11's targets for the daily history and the metrics, on seeded histories of {@value #EVENTS}
 * events from core's {@link HistoryGenerator} (made once per fork; setup prints what they span):
 *
 * <ul>
 *   <li>{@code history}: the daily history of five years built from scratch ({@link
 *       DailyHistory#of}: one fold, a valuation at every midnight and before every flow), under 1
 *       s;
 *   <li>{@code extendByOneDay}: the same history extended by one more day ({@link
 *       HistoryFold#extend} with the day's events and a day later end), under 1 ms: each invocation
 *       extends a fold of all but the last {@value #DAYS} days by each of them, one day at a time,
 *       and the score is per day;
 *   <li>{@code metrics}: every figure of {@code tally performance} over one year of daily history
 *       with the trade cycles of its events (returns by day, week, month, quarter and year,
 *       drawdowns with their rolling maximum, risk ratios with the rolling Sharpe, XIRR,
 *       trade-cycle statistics), under 50 ms.
 * </ul>
 *
 * <p>Example: {@code java -jar bench/target/benchmarks.jar DailyHistoryBenchmark}. Stateless
 * itself; its JMH states hold the histories.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
public class DailyHistoryBenchmark {

  /** Events in each history. */
  public static final int EVENTS = 100_000;

  /** The generator seed: the same histories on every run. */
  public static final long SEED = 42;

  /** The days {@code extendByOneDay} adds, one at a time, per invocation. */
  public static final int DAYS = 200;

  /** Five years of {@value #EVENTS} events, with their prices. */
  @State(Scope.Benchmark)
  public static class FiveYears {
    PriceTable prices;
    List<LedgerEvent> events;
    Instant until;

    @Setup(Level.Trial)
    public void generate() {
      // About 6 % of the generator's events share their predecessor's time, so a span of 1,950
      // days makes a history of a little over five years.
      GeneratedHistory generated = HistoryGenerator.generate(SEED, EVENTS, Duration.ofDays(1950));
      prices = generated.prices();
      events = generated.events();
      until = generated.end();
      describe("five years", build(this));
    }
  }

  /**
   * A fold of the five years but their last {@value #DAYS} days, and those days' events, one list a
   * day: made again before each invocation.
   */
  @State(Scope.Thread)
  public static class Growing {
    HistoryFold fold;
    final List<List<LedgerEvent>> days = new ArrayList<>();
    final List<Instant> ends = new ArrayList<>();

    @Setup(Level.Invocation)
    public void grow(FiveYears history) {
      LocalDate last = LocalDate.ofInstant(history.until, ZoneOffset.UTC);
      LocalDate first = last.minusDays(DAYS - 1);
      Instant cut = first.atStartOfDay(ZoneOffset.UTC).toInstant();
      List<LedgerEvent> before = new ArrayList<>();
      days.clear();
      ends.clear();
      for (int i = 0; i < DAYS; i++) {
        days.add(new ArrayList<>());
        ends.add(first.plusDays(i + 1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1));
      }
      for (LedgerEvent event : history.events) {
        if (event.at().isBefore(cut)) {
          before.add(event);
        } else {
          days.get(
                  (int)
                      (LocalDate.ofInstant(event.at(), ZoneOffset.UTC).toEpochDay()
                          - first.toEpochDay()))
              .add(event);
        }
      }
      fold = new HistoryFold(BookConfig.defaults(), HistorySettings.defaults());
      fold.extend(history.prices, before, cut.minusNanos(1));
    }
  }

  /** A year (and a little more) of {@value #EVENTS} events as a daily history. */
  @State(Scope.Benchmark)
  public static class OneYear {
    DailyHistory history;

    @Setup(Level.Trial)
    public void generate() {
      GeneratedHistory generated = HistoryGenerator.generate(SEED, EVENTS, Duration.ofDays(390));
      history =
          DailyHistory.of(
              BookConfig.defaults(),
              generated.prices(),
              generated.events(),
              HistorySettings.defaults(),
              generated.end());
      describe("one year", history);
    }
  }

  /** The five-year daily history from scratch. */
  @Benchmark
  public DailyHistory history(FiveYears history) {
    return build(history);
  }

  /** The five-year history extended by each of its last {@value #DAYS} days; per day. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  @OperationsPerInvocation(DAYS)
  @Warmup(iterations = 5)
  @Measurement(iterations = 10)
  public DailyHistory extendByOneDay(FiveYears history, Growing growing) {
    DailyHistory extended = null;
    for (int i = 0; i < DAYS; i++) {
      extended = growing.fold.extend(history.prices, growing.days.get(i), growing.ends.get(i));
    }
    return extended;
  }

  /** Every figure of {@code tally performance} over the one-year history. */
  @Benchmark
  public Object metrics(OneYear year) {
    DailyHistory history = year.history;
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

  private static DailyHistory build(FiveYears history) {
    return DailyHistory.of(
        BookConfig.defaults(),
        history.prices,
        history.events,
        HistorySettings.defaults(),
        history.until);
  }

  private static void describe(String name, DailyHistory history) {
    if (history.days().size() < 2) {
      throw new IllegalStateException("The " + name + " history spans less than two days");
    }
    System.out.printf(
        "%n%s: %,d days (%s .. %s), %,d trade cycles%n",
        name,
        history.days().size(),
        history.days().get(0).date(),
        history.days().get(history.days().size() - 1).date(),
        history.cycles().size());
  }
}
