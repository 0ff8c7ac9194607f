package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.PortfolioService;
import io.tally.report.RowsCsv;
import io.tally.report.rows.BookRows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
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
 * <p>Example: {@code tally export trades --from 2025-01-01 --format csv --output trades.csv}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export the daily history, snapshots, trades, margin trade lifecycles or cash flows as CSV"
            + " or JSON.")
final class ExportCommand implements Callable<Integer> {

  /** What can be exported. */
  enum Kind {
    history,
    snapshots,
    trades,
    lifecycle,
    flows
  }

  /** The formats of an export. */
  enum Format {
    csv,
    json
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Mixin ConfigOption configuration;

  @Parameters(
      index = "0",
      paramLabel = "WHAT",
      description = "history, snapshots, trades, lifecycle or flows")
  Kind kind;

  @Option(
      names = "--format",
      paramLabel = "csv|json",
      description = "output format (default: ${DEFAULT-VALUE})",
      defaultValue = "csv")
  Format format;

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
    List<Map<String, Object>> rows;
    String base;
    try (ServiceSession session =
        ServiceSession.open(
            database, tally, config, Optional.empty(), clock, spec.commandLine().getErr())) {
      PortfolioService service = session.service();
      base = service.config().portfolio().baseCurrency().code();
      rows = BookRows.of(service, BookRows.Kind.parse(kind.name()), first, last);
    }
    String text;
    if (format == Format.json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("export", kind.name());
      doc.put("base_currency", base);
      doc.put("from", first.map(Object::toString).orElse(null));
      doc.put("to", last.map(Object::toString).orElse(null));
      doc.put("rows", rows);
      text = Json.write(doc) + "\n";
    } else {
      text = RowsCsv.of(rows);
    }
    new ReportOutput(Optional.ofNullable(output), spec.commandLine().getOut()).write(text);
    return 0;
  }
}
