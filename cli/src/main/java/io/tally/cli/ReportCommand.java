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
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.prices.KrakenDisplayDecimals;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.DisplayDecimals;
import io.tally.money.Price;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.io.PrintWriter;
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
 * prices. Prints aligned tables, or one JSON object with {@code --format json}.
 *
 * <p>Example: {@code tally report --prices prices.csv --price XBT=61000 --format json}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Report holdings, cost basis, realized/unrealized PnL, fees, flows and data issues.")
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

  @Mixin FormatOption format;

  @Option(
      names = "--max-price-age",
      paramLabel = "DURATION",
      description = "prices older than this are stale, ISO-8601 (default: ${DEFAULT-VALUE})",
      defaultValue = "PT24H")
  Duration maxPriceAge;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    // A missing file would be created empty; a server database cannot be checked before opening.
    Path file = database.file().orElse(null);
    if (file != null && !Files.exists(file)) {
      throw new IllegalArgumentException("no database at " + file + ": run 'tally import' first");
    }
    TallyConfig config = configuration.load();
    PortfolioConfig configured = config.portfolio();
    Optional<LocalDate> day = asOfDay(config.performance().zone());
    PortfolioConfig portfolio =
        base == null ? configured : configured.withBaseCurrency(AssetSymbol.canonical(base));
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

    PrintWriter out = spec.commandLine().getOut();
    if (format.json()) {
      out.println(Json.write(ReportDocument.of(valuation, baseCurrency, display)));
    } else {
      out.print(ReportText.render(valuation, baseCurrency, display));
    }
    out.flush();
    return 0;
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
