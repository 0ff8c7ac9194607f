package io.tally.bench;

import io.tally.books.BookConfig;
import io.tally.books.DataIssue;
import io.tally.books.IssueKind;
import io.tally.engine.config.PerformanceConfig;
import io.tally.engine.performance.Performance;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.money.Asset;
import io.tally.report.performance.PerformancePdf;
import io.tally.report.performance.PerformanceReport;
import io.tally.series.DailyHistory;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
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
 * Issue 14's target for the performance PDF: a report of at least {@value #MIN_PAGES} pages
 * rendered to bytes in under 2 s. The report is about five years of a seeded history ({@value
 * #EVENTS} events from core's {@link HistoryGenerator}, seed {@value #SEED}) whose trades are
 * spread over {@value #STRATEGIES} strategy tags, with {@value #ISSUES} data issues: two charts of
 * some 1,800 days each, a five-year monthly grid, a strategy table and an issue list over many
 * pages. Setup builds the report once, renders it, and refuses to run when it has fewer than
 * {@value #MIN_PAGES} pages; the benchmark times {@link PerformancePdf#render} alone.
 *
 * <p>Example: {@code java -jar bench/target/benchmarks.jar PerformancePdfBenchmark -f 1 -wi 2 -i
 * 3}. Stateless itself; its JMH state holds the report.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
public class PerformancePdfBenchmark {

  /** Events in the history. */
  public static final int EVENTS = 25_000;

  /** The generator seed: the same report on every run. */
  public static final long SEED = 42;

  /** Strategy tags the trades are spread over. */
  public static final int STRATEGIES = 400;

  /** Data issues listed. */
  public static final int ISSUES = 250;

  /** The fewest pages the report must have for the target to mean anything. */
  public static final int MIN_PAGES = 20;

  /** The report, built once. */
  @State(Scope.Benchmark)
  public static class Report {
    PerformanceReport report;
    int pages;

    @Setup(Level.Trial)
    public void build() {
      GeneratedHistory generated = HistoryGenerator.generate(SEED, EVENTS, Duration.ofDays(1800));
      List<LedgerEvent> events = new ArrayList<>();
      int next = 0;
      for (LedgerEvent event : generated.events()) {
        if (event instanceof Trade trade) {
          String tag = String.format(Locale.ROOT, "s%03d", next++ % STRATEGIES + 1);
          events.add(trade.withPairAndStrategy(trade.pair(), tag));
        } else {
          events.add(event);
        }
      }
      BookConfig books = BookConfig.defaults();
      PerformanceConfig config = PerformanceConfig.defaults();
      Instant end = generated.end();
      DailyHistory history =
          DailyHistory.of(books, generated.prices(), events, config.history(), end);
      Performance performance =
          PerformanceQuery.whole().answer(history, books, generated.prices(), config, end);
      List<DataIssue> issues = new ArrayList<>();
      IssueKind[] kinds = IssueKind.values();
      for (int i = 0; i < ISSUES; i++) {
        issues.add(
            new DataIssue(
                kinds[i % kinds.length],
                String.format(Locale.ROOT, "E%06d", i * 97 + 1),
                "ETH",
                "no ETH price at the event's time to value the fee; the issue's detail is long"
                    + " enough to take a second line in the report's list of issues"));
      }
      report =
          PerformanceReport.of(
              performance, Asset.USD, Instant.parse("2026-12-04T10:00:00Z"), issues);
      try (PDDocument document = Loader.loadPDF(PerformancePdf.render(report))) {
        pages = document.getNumberOfPages();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      System.out.printf(
          Locale.ROOT,
          "%nReport %s to %s: %d days, %d strategies, %d issues, %d pages%n",
          report.from(),
          report.to(),
          performance.days().size(),
          performance.byStrategy().size(),
          ISSUES,
          pages);
      if (pages < MIN_PAGES) {
        throw new IllegalStateException(
            "The benchmark's report has " + pages + " pages, fewer than " + MIN_PAGES);
      }
    }
  }

  /** The whole PDF, to bytes. */
  @Benchmark
  public byte[] render(Report state) {
    return PerformancePdf.render(state.report);
  }
}
