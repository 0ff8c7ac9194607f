package io.tally.cli;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.DataIssue;
import io.tally.engine.StoredBooks;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Price;
import io.tally.store.SqliteStore;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tally report}: the books of the store, valued now. Historic prices from {@code --prices}
 * value crypto-to-crypto swaps, crypto deposits, withdrawals, rewards and third-asset fees at their
 * time; {@code --price ASSET=PRICE} sets current prices. Prints aligned tables, or one JSON object
 * with {@code --format json}.
 *
 * <p>Example: {@code tally report --prices prices.csv --price XBT=61000 --format json}.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Report holdings, cost basis, realized/unrealized PnL, fees, flows and data issues.")
final class ReportCommand implements Callable<Integer> {

  /** Output formats. */
  enum Format {
    text,
    json
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

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
      description = "base currency (default: ${DEFAULT-VALUE})",
      defaultValue = "USD")
  String base;

  @Option(
      names = "--cost-basis",
      paramLabel = "wac|fifo",
      description = "cost basis method (default: ${DEFAULT-VALUE})",
      defaultValue = "wac")
  String costBasis;

  @Option(
      names = "--format",
      paramLabel = "text|json",
      description = "output format (default: ${DEFAULT-VALUE})",
      defaultValue = "text")
  Format format;

  @Option(
      names = "--max-price-age",
      paramLabel = "DURATION",
      description = "prices older than this are stale, ISO-8601 (default: ${DEFAULT-VALUE})",
      defaultValue = "PT24H")
  Duration maxPriceAge;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    if (!Files.exists(database.path())) {
      throw new IllegalArgumentException(
          "no database at " + database.path() + ": run 'tally import' first");
    }
    Asset baseAsset = AssetSymbol.canonical(base);
    BookConfig config =
        BookConfig.defaults().withBase(baseAsset).withMethod(CostBasisMethod.parse(costBasis));
    Instant now = clock.instant();
    List<Price> points = prices == null ? List.of() : PriceFile.read(prices, baseAsset);
    PriceTable history = PriceTable.of(points);
    List<Price> current = new ArrayList<>(points);
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

    StoredBooks stored;
    try (SqliteStore store = SqliteStore.open(database.path())) {
      stored = StoredBooks.load(store);
    }
    BookState books = Books.replay(config, history, stored.events());
    PortfolioValuation valuation = Valuation.of(books, PriceTable.of(current), now, maxPriceAge);
    List<DataIssue> issues = new ArrayList<>(stored.ledgerIssues());
    issues.addAll(valuation.issues());
    valuation =
        new PortfolioValuation(
            valuation.books(),
            valuation.asOf(),
            valuation.equity(),
            valuation.cash(),
            valuation.unrealized(),
            valuation.stale(),
            valuation.holdings(),
            valuation.positions(),
            valuation.unrealizedByPair(),
            issues);

    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      out.println(mapper.writeValueAsString(ReportDocument.of(valuation)));
    } else {
      out.print(ReportText.render(valuation));
    }
    out.flush();
    return 0;
  }
}
