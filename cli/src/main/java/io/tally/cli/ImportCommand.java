package io.tally.cli;

import io.tally.books.BookConfig;
import io.tally.books.DataIssue;
import io.tally.engine.StoredBooks;
import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.ingest.Ingest;
import io.tally.engine.ingest.IngestBatch;
import io.tally.engine.ingest.IngestResult;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.ingest.StrategyTags;
import io.tally.engine.prices.PriceRequests;
import io.tally.kraken.ExportFile;
import io.tally.kraken.KrakenCsv;
import io.tally.store.CommitResult;
import io.tally.store.PortfolioStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally import [--db PATH|URL] [--config FILE] FILE...}: reads Kraken's ledgers.csv and
 * trades.csv exports (any mix, any header generation) and adds what is new to the store. Every file
 * is read and checked before anything is written, and the write is one transaction: a bad row
 * leaves the store as it was. Importing the same or an overlapping export again adds nothing. It
 * ends by counting the past moments the books lack a price for, which {@code tally prices fetch}
 * fills.
 *
 * <p>Example: {@code tally import --db books.db ledgers.csv trades.csv}.
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

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // A bad configuration fails here, before anything is written.
    PortfolioConfig portfolio = configuration.load().portfolio();
    IngestBatch batch = read(err);
    try (PortfolioStore store = PortfolioStore.open(database.location(), tally.env())) {
      IngestResult summary = store(batch, store, err);
      // Stored now: the summary below reads the store, and the parsed files (a copy of every row)
      // need not stay in memory beside what it reads.
      batch = null;
      CommitResult result = summary.stored();
      out.printf("rows read:          %,d%n", summary.rowsRead());
      out.printf("rows added:         %,d%n", result.rowsAdded());
      out.printf("duplicates skipped: %,d%n", summary.duplicatesSkipped());
      out.printf(
          "events added:       %,d (revised %,d, retracted %,d)%n",
          result.eventsAdded(), result.eventsRevised(), result.eventsRetracted());
      out.printf("events in store:    %,d%n", store.eventCount());
      List<DataIssue> issues = new ArrayList<>(LedgerCheck.issues(summary.balances()));
      summary.unclassified().forEach(unknown -> issues.add(DataIssue.unclassified(unknown)));
      out.printf(
          "data issues:        %,d%s%n", issues.size(), issues.isEmpty() ? "" : " in these files");
      issues.forEach(issue -> out.printf("  %s: %s%n", issue.kind().code(), issue.detail()));
      int unpriced =
          PriceRequests.missingFrom(
                  StoredBooks.load(store),
                  BookConfig.defaults()
                      .withBase(portfolio.baseCurrency())
                      .withMethod(portfolio.costBasisMethod()))
              .size();
      out.printf(
          "past prices:        %,d moments lack a price%s%n",
          unpriced,
          unpriced == 0 ? "" : "; 'tally prices fetch' fills them from Kraken (no API key needed)");
    }
    return 0;
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

  /** Adds the batch to the store in one transaction, reporting each phase on {@code err}. */
  private IngestResult store(IngestBatch batch, PortfolioStore store, PrintWriter err) {
    long started = System.nanoTime();
    err.printf("storing into %s ...%n", database.display());
    err.flush();
    // CSV exports carry no orders, so no strategy tags: every trade is manual.
    IngestResult summary =
        new Ingest(
                store,
                new StrategyTags(Map.of()),
                phase -> {
                  err.printf("  %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, phase);
                  err.flush();
                })
            .run(batch);
    err.printf("  done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    return summary;
  }
}
