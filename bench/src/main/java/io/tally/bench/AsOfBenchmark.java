package io.tally.bench;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.CostBasisMethod;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.engine.PastBooks;
import io.tally.engine.StoredBooks;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.money.Asset;
import io.tally.store.DatedBooks;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.valuation.MarketPrices;
import io.tally.valuation.PriceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code --as-of} on a store of a million events (issue 11: under 200 ms): {@link PastBooks#at} for
 * a day in the middle of the history, in UTC, on SQLite.
 *
 * <ul>
 *   <li>{@link #asOf}: with the dated books already saved (by a first call in setup): the books
 *       resumed from the latest saved before the day's end (a month start, or a midnight after
 *       every 5,000 events), and the events from then to the day's end read, parsed and folded.
 *       {@code day} 2022-12-14 is mid-month, 2022-12-30 a month's end (with month starts alone it
 *       would fold about 40,000 events).
 *   <li>{@link #firstCall}: the first question on a store with no dated books, which folds every
 *       event before the day's end from the first and saves the books at each month start passed:
 *       one shot per measurement, the saved books deleted before each.
 * </ul>
 *
 * <p>The store is {@link StartupBenchmark}'s (kept in {@code $TMPDIR/tally-startup-bench}, built
 * there if missing: minutes), copied to {@code asof.db} beside it, where a marks-only commit makes
 * it a store an ingest checked (the generator's events have no ledger rows to derive openings
 * from). The prices, the store's every price in USD as the CLI reads them, are read once in setup
 * and not timed. Setup checks that the answer equals a fold of the whole log from scratch ({@link
 * PastBooks#replayed}).
 *
 * <p>Example: {@code java -jar bench/target/benchmarks.jar AsOfBenchmark -f 1 -wi 3 -i 5}. JMH
 * state, shared by the benchmark's threads (run it on one).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AsOfBenchmark {

  /** Where the store is kept: as {@code bench/run-startup.sh --keep} keeps it. */
  static final Path DIR = Path.of(System.getProperty("java.io.tmpdir"), "tally-startup-bench");

  /** The copy of the store the benchmark saves dated books in. */
  static final String COPY = "asof.db";

  private static final ZoneId ZONE = ZoneOffset.UTC;

  @Param({"2022-12-14", "2022-12-30"})
  public String day;

  private Path db;
  private PortfolioStore store;
  private BookConfig config;
  private PriceTable prices;
  private LocalDate date;

  @Setup(Level.Trial)
  public void open() throws IOException, SQLException {
    Path kept = StartupBenchmark.keptStore(DIR);
    db = DIR.resolve(COPY);
    if (!Files.exists(db)
        || Files.getLastModifiedTime(db).compareTo(Files.getLastModifiedTime(kept)) < 0) {
      StartupBenchmark.copyDatabase(kept, db);
    }
    store = PortfolioStore.open(db.toString(), Map.of());
    if (!LedgerCheck.checked(Marks.of(store))) {
      store.commit(
          new ImportBatch(
              List.of(),
              List.of(),
              List.of(),
              Map.of(Mark.LEDGER_ISSUES.key(), ""),
              "AsOfBenchmark: the ledger check of a store without rows"));
    }
    config = new BookConfig(Asset.USD, CostBasisMethod.WAC, MarketPrices.KFEE_USD);
    prices = PriceTable.of(StoredBooks.pricesIn(store, Asset.USD));
    date = LocalDate.parse(day);

    deleteDatedBooks(db);
    long started = System.nanoTime();
    PastBooks first = PastBooks.at(store, config, prices, date, ZONE);
    double firstMs = (System.nanoTime() - started) / 1e6;
    started = System.nanoTime();
    PastBooks second = PastBooks.at(store, config, prices, date, ZONE);
    double secondMs = (System.nanoTime() - started) / 1e6;
    DatedBooks resumedFrom = store.latestBooksAt(config.name(), second.end()).orElseThrow();
    PastBooks replayed = PastBooks.replayed(store, config, prices, date, ZONE);
    if (!first.state().equals(replayed.state()) || !second.state().equals(replayed.state())) {
      throw new IllegalStateException(
          "The books as of " + day + " differ from a fold of the whole log");
    }
    System.out.printf(
        "%n%s: %,d events before the day's end; first call %.0f ms (from the first event, saving"
            + " dated books), second %.0f ms (from the books of %s); equal to a replay of the whole log%n",
        day, first.state().eventCount(), firstMs, secondMs, resumedFrom.before());
  }

  @TearDown(Level.Trial)
  public void close() {
    store.close();
  }

  /** The books as of {@code day}, with the dated books saved. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @Warmup(iterations = 3, time = 5, timeUnit = TimeUnit.SECONDS)
  @Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
  public BookState asOf() {
    return PastBooks.at(store, config, prices, date, ZONE).state();
  }

  /** The saved books deleted before each {@link #firstCall}, behind the store's back. */
  @State(Scope.Thread)
  public static class NoDatedBooks {
    @Setup(Level.Invocation)
    public void delete() throws SQLException {
      deleteDatedBooks(DIR.resolve(COPY));
    }
  }

  /** The first question about {@code day}: no dated books yet, so they are folded and saved. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public BookState firstCall(NoDatedBooks none) {
    PastBooks past = PastBooks.at(store, config, prices, date, ZONE);
    if (store.latestBooksAt(config.name(), past.end()).isEmpty()) {
      throw new IllegalStateException("The first call saved no dated books");
    }
    return past.state();
  }

  private static void deleteDatedBooks(Path db) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM dated_books");
    }
  }
}
