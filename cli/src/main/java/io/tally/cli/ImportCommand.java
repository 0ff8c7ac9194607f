package io.tally.cli;

import io.tally.books.BookConfig;
import io.tally.books.DataIssue;
import io.tally.engine.AheadFold;
import io.tally.engine.LiveBooks;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.engine.StoredBooks;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.ingest.Ingest;
import io.tally.engine.ingest.IngestBatch;
import io.tally.engine.ingest.IngestResult;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.ingest.PreparedIngest;
import io.tally.engine.ingest.StrategyTags;
import io.tally.kraken.ExportFile;
import io.tally.kraken.KrakenCsv;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Price;
import io.tally.store.CommitResult;
import io.tally.store.NewStoreFile;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally import [--db PATH|URL] [--config FILE] [--prices FILE --base ASSET] FILE...}: reads
 * Kraken's ledgers.csv and trades.csv exports (any mix, any header generation), and a prices file
 * when given, and adds what is new to the store. Every file is read and checked before anything is
 * written, and the write is one transaction: a bad row leaves the store as it was. Importing the
 * same or an overlapping export (or prices file) again adds nothing. It then folds the new events
 * into the books ({@link LiveBooks}: the store's checkpoint and what came after it) and saves them
 * as the newest checkpoint, which {@code tally report} and the service resume from; the fold counts
 * the past moments the books lack a price for, which {@code tally prices fetch} fills.
 *
 * <p>Example: {@code tally import --db books.db --prices prices.csv --base EUR ledgers.csv}.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Import Kraken ledgers.csv / trades.csv exports into the store.")
final class ImportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Mixin ConfigOption configuration;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "ledgers.csv and trades.csv exports")
  List<Path> files;

  @Option(
      names = "--prices",
      paramLabel = "FILE",
      description =
          "CSV time,asset,price to store with the rows (prices in the base currency, which"
              + " --base, portfolio.base_currency or the prices already stored name)")
  Path prices;

  @Option(
      names = "--base",
      paramLabel = "ASSET",
      description = "the currency of the --prices file (default: portfolio.base_currency)")
  String base;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (base != null && prices == null) {
      throw new IllegalArgumentException("--base names the currency of a --prices file: give one");
    }
    // A bad configuration fails here, before anything is written.
    PortfolioConfig portfolio = configuration.load().portfolio();
    // A new store's schema is made while the files are read, and the import written into it before
    // it takes its name: a failed first import leaves no store behind.
    NewStoreFile newStore = NewStoreFile.start(database.location());
    StringWriter summaryText = new StringWriter();
    try {
      importInto(newStore, new PrintWriter(summaryText), err, portfolio);
    } catch (RuntimeException e) {
      newStore.discard();
      throw e;
    }
    // The summary is printed once the store has its name, so it never describes an import that
    // failed at the last step.
    PrintWriter out = spec.commandLine().getOut();
    out.print(summaryText);
    out.flush();
    return 0;
  }

  /**
   * Reads the files and imports them into the store {@code newStore} opens, then gives that store
   * its name if it is new; the summary goes to {@code out}, progress to {@code err}.
   */
  private void importInto(
      NewStoreFile newStore, PrintWriter out, PrintWriter err, PortfolioConfig portfolio) {
    IngestBatch batch = read(err);
    try (PortfolioStore store = newStore.open(tally.env())) {
      if (prices != null) {
        batch = withPrices(batch, store, portfolio, err);
      }
      int pricesAdded = batch.prices().size();
      Stored stored = store(batch, store, portfolio, err);
      // Stored now: the summary below reads the store, and the parsed files (a copy of every row)
      // need not stay in memory beside what it reads.
      batch = null;
      IngestResult summary = stored.summary();
      CommitResult result = summary.stored();
      out.printf("rows read:          %,d%n", summary.rowsRead());
      out.printf("rows added:         %,d%n", result.rowsAdded());
      out.printf("duplicates skipped: %,d%n", summary.duplicatesSkipped());
      out.printf(
          "events added:       %,d (revised %,d, retracted %,d)%n",
          result.eventsAdded(), result.eventsRevised(), result.eventsRetracted());
      out.printf("events in store:    %,d%n", store.eventCount());
      if (prices != null) {
        out.printf("prices added:       %,d%n", pricesAdded);
      }
      List<DataIssue> issues = new ArrayList<>(LedgerCheck.issues(summary.balances()));
      summary.unclassified().forEach(unknown -> issues.add(DataIssue.unclassified(unknown)));
      out.printf(
          "data issues:        %,d%s%n", issues.size(), issues.isEmpty() ? "" : " in these files");
      issues.forEach(issue -> out.printf("  %s: %s%n", issue.kind().code(), issue.detail()));
      int unpriced = fold(store, portfolio, stored.foldedAhead(), err).missingPrices().size();
      out.printf(
          "past prices:        %,d moments lack a price%s%n",
          unpriced,
          unpriced == 0 ? "" : "; 'tally prices fetch' fills them from Kraken (no API key needed)");
      out.flush();
      newStore.name();
    }
  }

  /**
   * Saves the books of the store's base currency and method, with what the import stored, as the
   * newest checkpoint: {@code foldedAhead}, the books folded beside the write, when they are those
   * books; else the books started from the store (its checkpoint and what came after it).
   */
  private LiveBooks fold(
      PortfolioStore store,
      PortfolioConfig portfolio,
      Optional<LiveBooks> foldedAhead,
      PrintWriter err) {
    long started = System.nanoTime();
    BookConfig config = portfolio.books(StoredBooks.baseCurrency(store, portfolio).asset());
    Optional<LiveBooks> ahead = foldedAhead.filter(books -> books.config().equals(config));
    LiveBooks live = ahead.orElseGet(() -> LiveBooks.start(store, config));
    live.checkpoint(store, clock.instant());
    String how;
    if (ahead.isPresent()) {
      how = "folded beside the write";
    } else if (live.resumed()) {
      how = "resumed from the last checkpoint";
    } else {
      how = "folded from the whole log";
    }
    err.printf("  books %s and checkpointed in %.1f s%n", how, (System.nanoTime() - started) / 1e9);
    err.flush();
    return live;
  }

  /**
   * The batch with the prices file's points it does not store already (same asset, time and price),
   * in the base currency it names; fails before anything is written when the store's prices are in
   * another currency.
   */
  private IngestBatch withPrices(
      IngestBatch batch, PortfolioStore store, PortfolioConfig portfolio, PrintWriter err) {
    String storedBase = Marks.of(store).get(Mark.PRICES_BASE).orElse("");
    Asset currency;
    if (base != null) {
      currency = AssetSymbol.canonical(base);
    } else if (portfolio.baseCurrencyConfigured()) {
      currency = portfolio.baseCurrency();
    } else if (!storedBase.isEmpty()) {
      currency = Asset.of(storedBase);
    } else {
      throw new IllegalArgumentException(
          "--prices "
              + prices
              + ": say which currency its prices are in with --base (or portfolio.base_currency)");
    }
    if (!storedBase.isEmpty() && !storedBase.equals(currency.code())) {
      throw new IllegalArgumentException(
          "--prices "
              + prices
              + ": the store's prices are in "
              + storedBase
              + ", not "
              + currency.code()
              + "; a store keeps prices in one base currency");
    }
    err.printf("reading %s ...%n", prices);
    err.flush();
    Set<String> stored = new HashSet<>();
    if (!storedBase.isEmpty()) {
      store.pricesSince(0).forEach(price -> stored.add(priceKey(price)));
    }
    List<StoredPrice> added = new ArrayList<>();
    for (Price price : PriceFile.read(prices, currency)) {
      StoredPrice row =
          new StoredPrice(
              price.asset().code(), price.at(), price.value().toPlainString(), price.source());
      if (stored.add(priceKey(row))) {
        added.add(row);
      }
    }
    Map<String, String> marks = new HashMap<>(batch.marks());
    marks.put(Mark.PRICES_BASE.key(), currency.code());
    return new IngestBatch(
        batch.ledgerRows(),
        batch.tradeRows(),
        batch.orderRows(),
        added,
        marks,
        batch.description() + " with prices " + prices);
  }

  private static String priceKey(StoredPrice price) {
    return price.asset() + ' ' + price.at() + ' ' + price.price();
  }

  /** Reads and parses every file, all before anything is written. */
  private IngestBatch read(PrintWriter err) {
    List<ExportFile> exports = new ArrayList<>();
    for (Path file : files) {
      long started = System.nanoTime();
      err.printf("reading %s ...%n", file);
      err.flush();
      ExportFile export = KrakenCsv.read(file);
      err.printf(
          "  %s: %,d %s rows in %.1f s%n",
          file.getFileName(),
          export.rowCount(),
          export.kind().name().toLowerCase(java.util.Locale.ROOT),
          (System.nanoTime() - started) / 1e9);
      exports.add(export);
    }
    return IngestBatch.ofFiles(exports, "import " + files);
  }

  /** What {@link #store} did: the ingest's summary, and the books folded beside its write. */
  private record Stored(IngestResult summary, Optional<LiveBooks> foldedAhead) {}

  /**
   * Adds the batch to the store in one transaction, reporting each phase on {@code err}. On a
   * store's first import, the books are folded from the batch on a second thread while the write
   * runs ({@link AheadFold}).
   */
  private Stored store(
      IngestBatch batch, PortfolioStore store, PortfolioConfig portfolio, PrintWriter err) {
    long started = System.nanoTime();
    err.printf("storing into %s ...%n", database.display());
    err.flush();
    // CSV exports carry no orders, so no strategy tags: every trade is manual.
    PreparedIngest prepared =
        new Ingest(
                store,
                new StrategyTags(Map.of()),
                phase -> {
                  err.printf("  %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, phase);
                  err.flush();
                })
            .prepare(batch);
    AheadFold ahead = AheadFold.start(store, prepared.batch(), portfolio);
    IngestResult summary;
    try {
      summary = prepared.commit();
    } catch (RuntimeException e) {
      ahead.cancel();
      throw e;
    }
    err.printf("  done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return new Stored(summary, ahead.settle(summary.committed()));
  }
}
