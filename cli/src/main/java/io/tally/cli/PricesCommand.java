package io.tally.cli;

import io.tally.books.BookConfig;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.prices.HistoricPrices.Reason;
import io.tally.engine.prices.HistoricPrices.Unpriced;
import io.tally.engine.prices.KrakenMarkets;
import io.tally.engine.prices.PriceFetch;
import io.tally.engine.sync.KrakenListing;
import io.tally.kraken.api.KrakenClient;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.store.PortfolioStore;
import io.tally.valuation.MarketPrices;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tally prices}: prices for the books from Kraken's public API, which needs no key. Its one
 * subcommand, {@code fetch}, fills what an imported export lacks.
 *
 * <p>Example: {@code tally import ledgers.csv && tally prices fetch && tally report}.
 */
@Command(
    name = "prices",
    mixinStandardHelpOptions = true,
    description = "Prices for the books from Kraken's public API (no API key needed).",
    subcommands = {PricesCommand.Fetch.class})
final class PricesCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Tally tally;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code tally prices fetch [--db PATH|URL] [--config FILE] [--kraken-url URL] [--base CCY]}:
   * refreshes Kraken's Assets and AssetPairs into the store (as {@code tally sync} does), then
   * fetches and stores every price the stored books need: for each past moment, the last public
   * trade at or before it (an OHLC close only where trades cannot be had), and the Ticker's price
   * of every holding now. What is stored is never asked for again, so a second run fetches only the
   * current prices. Progress goes to standard error; the counts by source, and the moments still
   * unpriced with the reason, to standard output.
   *
   * <p>Example: {@code tally prices fetch --db books.db --base EUR}.
   */
  @Command(
      name = "fetch",
      mixinStandardHelpOptions = true,
      description =
          "Fetch the prices the stored books need: past moments from Kraken's public trades, now"
              + " from its Ticker.")
  static final class Fetch implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand PricesCommand prices;

    @Mixin DatabaseOption database;

    @Mixin ConfigOption configuration;

    @Mixin KrakenOption kraken;

    @Option(
        names = "--base",
        paramLabel = "CCY",
        description = "base currency (default: portfolio.base_currency, USD)")
    String base;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
      ServiceSession.requireDatabase(database);
      TallyConfig config = kraken.apply(configuration.load());
      Asset baseAsset =
          base == null ? config.portfolio().baseCurrency() : AssetSymbol.canonical(base);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      long started = System.nanoTime();
      Consumer<String> progress =
          line -> {
            err.printf("  %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, line);
            err.flush();
          };
      err.printf(
          "fetching %s prices for %s from %s (public calls, no API key) ...%n",
          baseAsset, database.display(), config.kraken().baseUrl());
      err.flush();
      KrakenClient client = kraken.publicClient(config, clock);
      PriceFetch.Summary summary;
      try (PortfolioStore store = PortfolioStore.open(database.location(), tallyEnv())) {
        requireSameBase(store, baseAsset);
        KrakenListing listing = new KrakenListing(store, client, clock, progress);
        listing.refreshAssets();
        KrakenMarkets markets =
            new KrakenMarkets(listing.pairs(), config.portfolio().valuationPairs());
        summary =
            new PriceFetch(
                    store,
                    client,
                    new BookConfig(
                        baseAsset, config.portfolio().costBasisMethod(), MarketPrices.KFEE_USD),
                    clock,
                    progress)
                .run(markets);
      }
      err.printf("  done in %.1f s%n", (System.nanoTime() - started) / 1e9);
      print(out, summary, baseAsset);
      out.flush();
      return 0;
    }

    private Map<String, String> tallyEnv() {
      return prices.tally.env();
    }

    /**
     * The store tags all its prices with one base currency: prices in another would be read as
     * being in it.
     */
    private static void requireSameBase(PortfolioStore store, Asset base) {
      String stored = Marks.of(store).get(Mark.PRICES_BASE).orElse("");
      if (!stored.isEmpty() && !stored.equals(base.code()) && !store.prices().isEmpty()) {
        throw new IllegalArgumentException(
            "--base "
                + base
                + ": the prices in this store are in "
                + stored
                + "; fetch in "
                + stored
                + " (or into a new store for "
                + base
                + ")");
      }
    }

    private static void print(PrintWriter out, PriceFetch.Summary summary, Asset base) {
      int priced = summary.fromTrades() + summary.fromOhlc();
      out.printf(
          "past moments priced: %,d of %,d%s%n",
          priced,
          summary.moments(),
          summary.moments() == 0 ? " (every past moment already has a price)" : "");
      out.printf(
          "  from public trades: %,d (the last trade at or before each)%n", summary.fromTrades());
      out.printf(
          "  from OHLC candles:  %,d (where no trade was within reach)%n", summary.fromOhlc());
      out.printf("  still unpriced:     %,d%n", summary.unpriced().size());
      Map<Reason, Map<String, Integer>> byReason = new EnumMap<>(Reason.class);
      for (Unpriced unpriced : summary.unpriced()) {
        byReason
            .computeIfAbsent(unpriced.reason(), r -> new TreeMap<>())
            .merge(unpriced.moment().asset().code(), 1, Integer::sum);
      }
      byReason.forEach(
          (reason, assets) -> {
            List<String> counts =
                assets.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).toList();
            out.printf(
                "    %s: %s%n",
                reason.text().replace("the base currency", base.code()), String.join(", ", counts));
          });
      out.printf("current prices:       %,d (Kraken's Ticker, now)%n", summary.current());
      out.printf("Trades pages fetched: %,d%n", summary.tradePages());
    }
  }
}
