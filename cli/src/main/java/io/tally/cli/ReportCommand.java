package io.tally.cli;

import io.tally.books.BaseCurrency;
import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.DataIssue;
import io.tally.engine.LiveBooks;
import io.tally.engine.Marks;
import io.tally.engine.PastBooks;
import io.tally.engine.StoredBooks;
import io.tally.engine.StoredLots;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.performance.PerformanceJson;
import io.tally.engine.prices.KrakenDisplayDecimals;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.DisplayDecimals;
import io.tally.money.Price;
import io.tally.report.OutputFormat;
import io.tally.report.ReportRange;
import io.tally.report.ReportType;
import io.tally.report.RowsCsv;
import io.tally.report.holdings.HoldingsCsv;
import io.tally.report.performance.PerformancePdf;
import io.tally.report.performance.PerformanceReport;
import io.tally.report.performance.PerformanceReportCsv;
import io.tally.report.performance.PerformanceReportJson;
import io.tally.report.rows.BookRows;
import io.tally.report.tax.IncomeReportCsv;
import io.tally.report.tax.IncomeReportJson;
import io.tally.report.tax.TaxReportCsv;
import io.tally.report.tax.TaxReportJson;
import io.tally.store.PortfolioStore;
import io.tally.tax.IncomeReport;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxLots;
import io.tally.tax.TaxReport;
import io.tally.tax.TaxRules;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
 * {@code tally report}: the books of the store, valued now: resumed from the checkpoint the last
 * import or sync saved plus the events after it ({@link LiveBooks}). Historic prices from {@code
 * --prices} (which fold the books again with them) value crypto-to-crypto swaps, crypto deposits,
 * withdrawals, rewards and third-asset fees at their time; {@code --price ASSET=PRICE} sets current
 * prices. Prints aligned tables, or one JSON object with {@code --format json}, or CSV.
 *
 * <p>With {@code --type} it writes another report over the days {@link ReportRange} takes from
 * {@code --from}, {@code --to} and {@code --year}: {@code performance}, {@code monthly} and {@code
 * annual} ({@link PerformanceReports}, also as a PDF), {@code tax} and {@code income} (the store's
 * log folded into tax lots, {@link StoredLots}), {@code trades} and {@code flows} ({@link
 * BookRows}); {@code --output} writes any of them to a file ({@link ReportOutput}).
 *
 * <p>Example: {@code tally report --prices prices.csv --price XBT=61000 --format json}; {@code
 * tally report --type tax --year 2025 --format csv --output gains.csv}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "The reports a trader files: holdings, cost basis, PnL, fees, flows and data issues (the"
            + " default), or performance (also as PDF), monthly, annual, tax, income, trades or"
            + " flows with --type.")
final class ReportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description = "CSV time,asset,price (price in the base currency)")
  Path prices;

  @Option(
      names = "--price",
      paramLabel = "ASSET=PRICE",
      description = "current price, overriding the prices file (repeatable)")
  Map<String, String> currentPrices = Map.of();

  @Option(
      names = "--base",
      paramLabel = "ASSET",
      description =
          "base currency (default: portfolio.base_currency, else the currency the stored prices"
              + " are in, else the history's only fiat currency, else USD)")
  String base;

  @Option(
      names = "--cost-basis",
      paramLabel = "wac|fifo",
      description = "cost basis method (default: portfolio.cost_basis_method, wac)")
  String costBasis;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "the books as they stood at the end of this day (YYYY-MM-DD, performance.timezone),"
              + " valued with the prices in force then")
  String asOf;

  @Mixin ConfigOption configuration;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description =
          "holdings (default), performance, monthly, annual, tax, income, trades or flows",
      defaultValue = "holdings")
  String type;

  @Option(
      names = "--format",
      paramLabel = "text|json|csv|pdf",
      description = "output format (default: ${DEFAULT-VALUE}; pdf needs --output)",
      defaultValue = "text")
  String format;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description =
          "first day, YYYY-MM-DD (tax and income: default 1 January; monthly: a day of the month)")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "last day, YYYY-MM-DD (default: today)")
  String to;

  @Option(names = "--year", paramLabel = "YYYY", description = "one calendar year")
  Integer year;

  @Option(
      names = "--method",
      paramLabel = "fifo|lifo|hifo|wac",
      description = "tax lots taken by this method (default: tax.method, fifo)")
  String method;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "write the report to FILE (whole or not at all) instead of the terminal")
  Path output;

  @Option(
      names = "--max-price-age",
      paramLabel = "DURATION",
      description = "prices older than this are stale, ISO-8601 (default: ${DEFAULT-VALUE})",
      defaultValue = "PT24H")
  Duration maxPriceAge;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    ReportType reportType = ReportType.parse(type);
    OutputFormat outputFormat = reportType.check(OutputFormat.parse(format));
    ReportOutput destination =
        new ReportOutput(Optional.ofNullable(output), spec.commandLine().getOut());
    destination.check(outputFormat);
    if (reportType != ReportType.HOLDINGS) {
      refuseHoldingsOptions(reportType);
    }
    if (method != null && reportType != ReportType.TAX) {
      throw new IllegalArgumentException("--method is for --type tax");
    }
    // A missing file would be created empty; a server database cannot be checked before opening.
    Path file = database.file().orElse(null);
    if (file != null && !Files.exists(file)) {
      throw new IllegalArgumentException("no database at " + file + ": run 'tally import' first");
    }
    TallyConfig loaded = configuration.load();
    TallyConfig config =
        base == null
            ? loaded
            : loaded.withPortfolio(
                loaded.portfolio().withBaseCurrency(AssetSymbol.canonical(base)));
    LocalDate today = LocalDate.ofInstant(clock.instant(), config.performance().zone());
    ReportRange range =
        ReportRange.of(
            reportType,
            DateArgument.parse("--from", from),
            DateArgument.parse("--to", to),
            Optional.ofNullable(year),
            today);
    if (reportType == ReportType.TAX || reportType == ReportType.INCOME) {
      destination.write(taxReport(reportType, outputFormat, range, config));
      return 0;
    }
    if (reportType.isListing()) {
      destination.write(listing(reportType, outputFormat, range, config));
      return 0;
    }
    if (reportType.isPerformance()) {
      performanceReport(outputFormat, range, config, destination);
      return 0;
    }
    PortfolioConfig portfolio = config.portfolio();
    Optional<LocalDate> day = asOfDay(config.performance().zone());
    CostBasisMethod method =
        costBasis == null ? portfolio.costBasisMethod() : CostBasisMethod.parse(costBasis);
    Instant now = clock.instant();
    BaseCurrency baseCurrency;
    BookState books;
    PriceSource history;
    List<DataIssue> ledgerIssues;
    DisplayDecimals display;
    PortfolioValuation valuation;
    try (PortfolioStore store = PortfolioStore.open(database.location(), tally.env())) {
      display = KrakenDisplayDecimals.of(store);
      if (day.isPresent() && prices == null && LedgerCheck.checked(Marks.of(store))) {
        // A past day: the events before its end folded from the nearest books the store saved at
        // a moment (saving those passed), valued at its last instant; neither the whole log nor
        // every price is read.
        baseCurrency = StoredBooks.baseCurrency(store, portfolio);
        PastBooks past =
            PastBooks.at(
                store, bookConfig(baseCurrency, method), day.get(), config.performance().zone());
        history = past.prices();
        books = past.state();
        now = past.valuedAt();
        ledgerIssues = LedgerCheck.storedIssues(Marks.of(store));
      } else if (day.isPresent()) {
        // A past day with a prices file (or a store checked before ingests kept the check): the
        // events before its end folded again from the first, valued at its last instant.
        StoredBooks stored = StoredBooks.load(store);
        baseCurrency = stored.baseCurrency(portfolio);
        List<Price> points = new ArrayList<>(stored.pricesIn(baseCurrency.asset()));
        if (prices != null) {
          points.addAll(PriceFile.read(prices, baseCurrency.asset()));
        }
        history = PriceTable.of(points);
        PastBooks past =
            PastBooks.replayed(
                store,
                bookConfig(baseCurrency, method),
                history,
                day.get(),
                config.performance().zone());
        books = past.state();
        now = past.valuedAt();
        ledgerIssues = stored.ledgerIssues();
      } else if (prices == null) {
        // The one read path: the books the last import or sync checkpointed, and what came after.
        baseCurrency = StoredBooks.baseCurrency(store, portfolio);
        LiveBooks live = LiveBooks.start(store, bookConfig(baseCurrency, method));
        books = live.state();
        history = live.prices();
        ledgerIssues = LedgerCheck.storedIssues(Marks.of(store));
      } else {
        // A prices file changes what past events are worth: the books are folded again with it.
        StoredBooks stored = StoredBooks.load(store);
        baseCurrency = stored.baseCurrency(portfolio);
        // Prices a sync stored come first; the file adds to them (and wins at the same moment).
        List<Price> points = new ArrayList<>(stored.pricesIn(baseCurrency.asset()));
        points.addAll(PriceFile.read(prices, baseCurrency.asset()));
        PriceTable table = PriceTable.of(points);
        books = Books.replay(bookConfig(baseCurrency, method), table, stored.events());
        history = table;
        ledgerIssues = stored.ledgerIssues();
      }
      // Valued while the store is open: the books' prices read a moment before their last event
      // from it when asked (a clock set before the history).
      valuation =
          Valuation.of(
              books, currentPrices(baseCurrency.asset(), now).orElse(history), now, maxPriceAge);
    }
    // include_assets / exclude_assets choose what is listed; totals stay whole.
    valuation = valuation.listing(portfolio::reports).withIssuesBefore(ledgerIssues);

    switch (outputFormat) {
      case JSON:
        destination.write(Json.write(ReportDocument.of(valuation, baseCurrency, display)) + "\n");
        break;
      case CSV:
        destination.write(HoldingsCsv.of(valuation));
        break;
      default:
        destination.write(ReportText.render(valuation, baseCurrency, display));
    }
    return 0;
  }

  /** The options only the holdings take, refused for another report. */
  private void refuseHoldingsOptions(ReportType reportType) {
    String given =
        asOf != null
            ? "--as-of"
            : !currentPrices.isEmpty() ? "--price" : costBasis != null ? "--cost-basis" : "";
    if (!given.isEmpty()) {
      throw new IllegalArgumentException(
          given + " is for --type holdings, not " + reportType.code());
    }
  }

  /** The performance report of {@code range} (monthly and annual ones too) in its format. */
  private void performanceReport(
      OutputFormat outputFormat, ReportRange range, TallyConfig config, ReportOutput destination) {
    PerformanceReport report;
    try (PortfolioStore store = PortfolioStore.open(database.location(), tally.env())) {
      report = PerformanceReports.load(store, config, range, Optional.ofNullable(prices), clock);
    }
    switch (outputFormat) {
      case PDF:
        destination.write(PerformancePdf.render(report));
        break;
      case JSON:
        destination.write(Json.write(PerformanceReportJson.of(report, true)) + "\n");
        break;
      case CSV:
        destination.write(PerformanceReportCsv.of(report));
        break;
      default:
        destination.write(
            PerformanceText.render(PerformanceJson.of(report.performance(), report.base(), false)));
    }
  }

  /** The trades or cash flows of {@code range}, as the service lists them ({@link BookRows}). */
  private String listing(
      ReportType reportType, OutputFormat outputFormat, ReportRange range, TallyConfig config) {
    BookRows.Kind kind = BookRows.Kind.listedBy(reportType);
    Optional<LocalDate> last = Optional.of(range.to());
    try (ServiceSession session =
        ServiceSession.open(
            database, tally, config, Optional.empty(), clock, spec.commandLine().getErr())) {
      List<Map<String, Object>> rows = BookRows.of(session.service(), kind, range.from(), last);
      switch (outputFormat) {
        case JSON:
          return Json.write(BookRows.document(session.service(), kind, range.from(), last, rows))
              + "\n";
        case CSV:
          return RowsCsv.of(rows);
        default:
          return RowsText.render(reportType == ReportType.TRADES ? "Trades" : "Cash flows", rows);
      }
    }
  }

  /** The tax or income report of {@code range}, from every stored event folded into tax lots. */
  private String taxReport(
      ReportType reportType, OutputFormat outputFormat, ReportRange range, TallyConfig config) {
    LocalDate first = range.fromOr(range.to());
    TaxLots lots;
    Asset baseAsset;
    try (PortfolioStore store = PortfolioStore.open(database.location(), tally.env())) {
      TaxRules rules =
          StoredLots.rules(store, config, Optional.ofNullable(method).map(LotMethod::parse));
      baseAsset = rules.base();
      List<Price> points = new ArrayList<>(StoredBooks.pricesIn(store, baseAsset));
      if (prices != null) {
        points.addAll(PriceFile.read(prices, baseAsset));
      }
      lots = StoredLots.fold(store, rules, PriceTable.of(points));
    }
    Instant generated = clock.instant();
    if (reportType == ReportType.INCOME) {
      IncomeReport income = IncomeReport.of(lots, first, range.to());
      switch (outputFormat) {
        case JSON:
          return Json.write(IncomeReportJson.of(income, baseAsset, generated)) + "\n";
        case CSV:
          return IncomeReportCsv.of(income);
        default:
          return TaxReportText.render(income, baseAsset);
      }
    }
    TaxReport report = TaxReport.of(lots, first, range.to());
    switch (outputFormat) {
      case JSON:
        return Json.write(TaxReportJson.of(report, baseAsset, generated)) + "\n";
      case CSV:
        return TaxReportCsv.of(report);
      default:
        return TaxReportText.render(report, baseAsset);
    }
  }

  /** The {@code --as-of} day, which must not be after today in {@code zone}. */
  private Optional<LocalDate> asOfDay(ZoneId zone) {
    Optional<LocalDate> given = DateArgument.parse("--as-of", asOf);
    if (given.isEmpty()) {
      return given;
    }
    LocalDate day = given.get();
    if (day.isAfter(LocalDate.ofInstant(clock.instant(), zone))) {
      throw new IllegalArgumentException("--as-of " + day + " is after today");
    }
    if (!currentPrices.isEmpty()) {
      throw new IllegalArgumentException(
          "--price sets today's prices and cannot value a past day: use --prices FILE with"
              + " --as-of");
    }
    return Optional.of(day);
  }

  private static BookConfig bookConfig(BaseCurrency base, CostBasisMethod method) {
    return BookConfig.defaults().withBase(base.asset()).withMethod(method);
  }

  /** The prices {@code --price} sets, dated now. */
  private PriceTable currentPrices(Asset baseAsset, Instant now) {
    List<Price> current = new ArrayList<>();
    for (Map.Entry<String, String> entry : currentPrices.entrySet()) {
      Asset asset = AssetSymbol.canonical(entry.getKey());
      BigDecimal value;
      try {
        value = new BigDecimal(entry.getValue().strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--price " + entry.getKey() + "=" + entry.getValue() + ": not a decimal number", e);
      }
      current.add(new Price(asset, value, now, asset.code() + baseAsset.code()));
    }
    return PriceTable.of(current);
  }
}
