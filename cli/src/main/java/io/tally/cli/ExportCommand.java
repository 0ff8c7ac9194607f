package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.performance.PerformanceJson;
import io.tally.engine.performance.PerformanceQuery;
import io.tally.engine.service.CashFlowRecord;
import io.tally.engine.service.ContractAnswers;
import io.tally.engine.service.ContractJson;
import io.tally.engine.service.PortfolioService;
import io.tally.engine.service.TradeQuery;
import io.tally.money.DisplayDecimals;
import io.tally.report.RowsCsv;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
    if (kind == Kind.lifecycle && (first.isPresent() || last.isPresent())) {
      throw new IllegalArgumentException(
          "--from/--to are not for lifecycle: a position cycle spans days; export them all");
    }
    TallyConfig config = configuration.load();
    ZoneId zone = config.performance().zone();
    List<Map<String, Object>> rows;
    String base;
    try (ServiceSession session =
        ServiceSession.open(
            database, tally, config, Optional.empty(), clock, spec.commandLine().getErr())) {
      PortfolioService service = session.service();
      base = service.config().portfolio().baseCurrency().code();
      Optional<Instant> start = first.map(day -> day.atStartOfDay(zone).toInstant());
      // The last microsecond of the last day: the ranges below include both ends.
      Optional<Instant> end =
          last.map(day -> day.plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1_000));
      rows = rows(service, start, end, first, last);
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

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> rows(
      PortfolioService service,
      Optional<Instant> start,
      Optional<Instant> end,
      Optional<LocalDate> first,
      Optional<LocalDate> last) {
    ContractAnswers answers = new ContractAnswers(service);
    switch (kind) {
      case history:
        {
          Map<String, Object> doc =
              PerformanceJson.of(
                  service.getPerformance(new PerformanceQuery(first, last, Optional.empty())),
                  service.config().portfolio().baseCurrency(),
                  true);
          return (List<Map<String, Object>>) doc.get("daily");
        }
      case snapshots:
        {
          List<Map<String, Object>> rows =
              oldestFirst(
                  (List<Map<String, Object>>)
                      answers.snapshots(start, Integer.MAX_VALUE).get("snapshots"));
          rows.removeIf(
              row ->
                  end.isPresent()
                      && Instant.parse((String) row.get("taken_at")).isAfter(end.get()));
          return rows;
        }
      case trades:
        return oldestFirst(
            (List<Map<String, Object>>)
                answers
                    .records(
                        new TradeQuery(
                            Optional.empty(),
                            Optional.empty(),
                            start,
                            end,
                            Integer.MAX_VALUE,
                            Optional.of(true)))
                    .get("records"));
      case lifecycle:
        return (List<Map<String, Object>>)
            answers.lifecycles(Optional.empty(), Optional.empty()).get("trades");
      case flows:
        {
          DisplayDecimals display = service.displayDecimals();
          List<Map<String, Object>> rows = new ArrayList<>();
          for (CashFlowRecord record : service.getCashFlows(Optional.empty(), Integer.MAX_VALUE)) {
            Instant at = record.flow().at();
            if (start.map(at::isBefore).orElse(false) || end.map(at::isAfter).orElse(false)) {
              continue;
            }
            rows.add(ContractJson.cashFlow(record, display));
          }
          return oldestFirst(rows);
        }
    }
    throw new IllegalStateException("Unhandled " + kind.name().toLowerCase(Locale.ROOT));
  }

  /** The rows in time order: the API lists newest first. */
  private static List<Map<String, Object>> oldestFirst(List<Map<String, Object>> newestFirst) {
    List<Map<String, Object>> rows = new ArrayList<>(newestFirst);
    Collections.reverse(rows);
    return rows;
  }
}
