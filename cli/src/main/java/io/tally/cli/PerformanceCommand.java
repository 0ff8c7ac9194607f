package io.tally.cli;

import io.tally.books.BookConfig;
import io.tally.engine.StoredBooks;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.performance.Performance;
import io.tally.engine.performance.PerformanceJson;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Price;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PriceTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally performance}: how the books did over a range of days, from the daily history of the
 * store's log and prices (ACCOUNTING.md §9): time- and money-weighted returns, CAGR, returns by
 * week, month, quarter and year, risk ratios, drawdowns on the TWR index, the drawdown windows,
 * trade-cycle statistics and the comparison with holding one asset. Text for people, the JSON of
 * {@code GET /api/v1/portfolio/performance} with {@code --format json}.
 *
 * <p>Example: {@code tally performance --from 2025-01-01 --to 2025-06-30 --benchmark ETH}.
 */
@Command(
    name = "performance",
    mixinStandardHelpOptions = true,
    description = "Returns, risk ratios, drawdowns and trade statistics over a range of days.")
final class PerformanceCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "first day, YYYY-MM-DD (default: the first day of the history)")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "last day, YYYY-MM-DD (default: today in the reporting time zone)")
  String to;

  @Option(
      names = "--benchmark",
      paramLabel = "ASSET",
      description = "the asset to compare with (default: performance.benchmark, XBT)")
  String benchmark;

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description = "CSV time,asset,price: historic prices on top of the stored ones")
  Path prices;

  @Mixin ConfigOption configuration;

  @Mixin FormatOption format;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Path file = database.file().orElse(null);
    if (file != null && !Files.exists(file)) {
      throw new IllegalArgumentException("no database at " + file + ": run 'tally import' first");
    }
    TallyConfig config = configuration.load();
    PerformanceQuery query =
        new PerformanceQuery(
            DateArgument.parse("--from", from),
            DateArgument.parse("--to", to),
            Optional.ofNullable(benchmark).map(AssetSymbol::canonical));
    Performance performance;
    Asset base;
    try (PortfolioStore store = PortfolioStore.open(database.location(), tally.env())) {
      PortfolioConfig portfolio = config.portfolio();
      base = StoredBooks.baseCurrency(store, portfolio).asset();
      BookConfig books = portfolio.books(base);
      // Every stored price: the history values every day; a prices file adds to them and wins at
      // the same moment, as in 'tally report --prices'.
      List<Price> points = new ArrayList<>(StoredBooks.pricesIn(store, base));
      if (prices != null) {
        points.addAll(PriceFile.read(prices, base));
      }
      performance =
          query.answer(store, books, PriceTable.of(points), config.performance(), clock.instant());
    }
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> doc = PerformanceJson.of(performance, base, true);
    if (format.json()) {
      out.println(Json.write(doc));
    } else {
      out.print(PerformanceText.render(doc));
    }
    out.flush();
    return 0;
  }
}
