package io.tally.cli;

import io.tally.books.BookConfig;
import io.tally.books.DataIssue;
import io.tally.engine.LiveBooks;
import io.tally.engine.Marks;
import io.tally.engine.StoredBooks;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.performance.Performance;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.report.ReportRange;
import io.tally.report.performance.PerformanceReport;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PriceTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The performance report of a store for {@code tally report --type performance|monthly|annual}: the
 * daily history of its log valued with its stored prices (and a prices file's), the range's figures
 * ({@link PerformanceQuery}; a calendar month or year as far as the history reaches), and the data
 * issues of its books.
 *
 * <p>Example: {@code PerformanceReports.load(store, config, range, Optional.empty(), clock)}.
 */
final class PerformanceReports {

  private PerformanceReports() {}

  static PerformanceReport load(
      PortfolioStore store,
      TallyConfig config,
      ReportRange range,
      Optional<Path> pricesFile,
      Clock clock) {
    PortfolioConfig portfolio = config.portfolio();
    Asset base = StoredBooks.baseCurrency(store, portfolio).asset();
    BookConfig books = portfolio.books(base);
    List<Price> points = new ArrayList<>(StoredBooks.pricesIn(store, base));
    pricesFile.ifPresent(file -> points.addAll(PriceFile.read(file, base)));
    PerformanceQuery query = range.performanceQuery();
    Performance performance =
        query.answer(store, books, PriceTable.of(points), config.performance(), clock.instant());
    List<DataIssue> issues = new ArrayList<>(LedgerCheck.storedIssues(Marks.of(store)));
    issues.addAll(LiveBooks.start(store, books).state().issues());
    return PerformanceReport.of(performance, base, clock.instant(), issues);
  }
}
