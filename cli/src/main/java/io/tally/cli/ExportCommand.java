package io.tally.cli;

import io.tally.engine.StoredBooks;
import io.tally.engine.StoredLots;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.report.RowsCsv;
import io.tally.report.journal.BeancountJournal;
import io.tally.report.journal.JournalInput;
import io.tally.report.journal.LedgerJournal;
import io.tally.report.rows.BookRows;
import io.tally.store.PortfolioStore;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxRules;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally export history|snapshots|trades|lifecycle|flows}: what the books keep, row by row,
 * oldest first, as CSV or JSON with the API's names — the daily history (equity, net flow, return,
 * TWR index and drawdown of each day), the stored snapshots, every trade with what it realized, the
 * margin trade lifecycles, and the cash flows — optionally within {@code --from}/{@code --to}.
 *
 * <p>Example: {@code tally export trades --from 2025-01-01 --format csv --output trades.csv},
 * {@code tally export --format beancount --output books.beancount}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export the daily history, snapshots, trades, margin trade lifecycles or cash flows as CSV"
            + " or JSON, or the whole history as a beancount or ledger journal.")
final class ExportCommand implements Callable<Integer> {

  /** The formats of an export. */
  enum Format {
    csv,
    json,
    beancount,
    ledger;

    boolean journal() {
      return this == beancount || this == ledger;
    }
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Mixin ConfigOption configuration;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "WHAT",
      description = "history, snapshots, trades, lifecycle or flows (none for a journal)")
  String what;

  @Option(
      names = "--format",
      paramLabel = "csv|json|beancount|ledger",
      description =
          "output format (default: ${DEFAULT-VALUE}); beancount or ledger: the whole history as"
              + " a journal",
      defaultValue = "csv")
  Format format;

  @Option(
      names = "--method",
      paramLabel = "fifo|lifo|hifo",
      description = "a journal's lots taken by this method (default: tax.method, fifo)")
  String method;

  @Option(names = "--from", paramLabel = "DATE", description = "first day, YYYY-MM-DD")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "last day, YYYY-MM-DD (default: today)")
  String to;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "write to FILE (whole or not at all) instead of the terminal")
  Path output;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    Optional<LocalDate> first = DateArgument.parse("--from", from);
    Optional<LocalDate> last = DateArgument.parse("--to", to);
    if (first.isPresent() && last.isPresent() && first.get().isAfter(last.get())) {
      throw new IllegalArgumentException("--from " + first.get() + " is after --to " + last.get());
    }
    TallyConfig config = configuration.load();
    ReportOutput destination =
        new ReportOutput(Optional.ofNullable(output), spec.commandLine().getOut());
    if (format.journal()) {
      if (what != null || first.isPresent() || last.isPresent()) {
        throw new IllegalArgumentException(
            "--format " + format + " writes the whole history: give no WHAT, --from or --to");
      }
      destination.write(journal(config));
      return 0;
    }
    if (what == null) {
      throw new IllegalArgumentException(
          "export what? history, snapshots, trades, lifecycle or flows (or --format beancount|ledger)");
    }
    if (method != null) {
      throw new IllegalArgumentException("--method is for a journal (--format beancount|ledger)");
    }
    BookRows.Kind kind = BookRows.Kind.parse(what);
    String text;
    try (ServiceSession session =
        ServiceSession.open(
            database, tally, config, Optional.empty(), clock, spec.commandLine().getErr())) {
      PortfolioService service = session.service();
      List<Map<String, Object>> rows = BookRows.of(service, kind, first, last);
      text =
          format == Format.json
              ? Json.write(BookRows.document(service, kind, first, last, rows)) + "\n"
              : RowsCsv.of(rows);
    }
    destination.write(text);
    return 0;
  }

  /**
   * The whole history of the store as a beancount or ledger journal: every event, each lot opened
   * and taken as the tax lots have it, by the method and fee treatment of {@code tax:}.
   */
  private String journal(TallyConfig config) {
    JournalInput input;
    ServiceSession.requireDatabase(database);
    try (PortfolioStore store = PortfolioStore.open(database.location(), tally.env())) {
      TaxRules rules =
          StoredLots.rules(store, config, Optional.ofNullable(method).map(LotMethod::parse));
      input =
          JournalInput.of(
              rules,
              StoredBooks.pricesIn(store, rules.base()),
              StoredBooks.events(store),
              clock.instant());
    }
    return format == Format.beancount ? BeancountJournal.of(input) : LedgerJournal.of(input);
  }
}
