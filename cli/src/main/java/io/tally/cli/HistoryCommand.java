package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.ContractJson;
import io.tally.engine.service.PortfolioSnapshot;
import io.tally.money.Precision;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally history [--since T] [--limit N] [--db PATH|URL] [--format text|json]}: the stored
 * snapshots, newest first — those taken at or after {@code T} (ISO-8601, such as {@code
 * 2026-11-01T00:00:00Z}), at most {@code N} (default 50).
 *
 * <p>Example: {@code tally history --since 2026-11-01T00:00:00Z --limit 10 --format json}.
 */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = "List stored snapshots, newest first.")
final class HistoryCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Mixin ConfigOption configuration;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description = "only snapshots taken at or after this ISO-8601 time")
  Instant since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "at most this many snapshots (default: ${DEFAULT-VALUE})",
      defaultValue = "50")
  int limit;

  @Mixin FormatOption format;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
    }
    TallyConfig config = configuration.load();
    PrintWriter out = spec.commandLine().getOut();
    List<PortfolioSnapshot> snapshots;
    try (ServiceSession session =
        ServiceSession.open(
            database, tally, config, Optional.empty(), clock, spec.commandLine().getErr())) {
      snapshots = session.service().getSnapshots(Optional.ofNullable(since), limit);
    }
    if (format.json()) {
      List<Object> list = new ArrayList<>();
      snapshots.forEach(snapshot -> list.add(ContractJson.snapshot(snapshot)));
      out.println(Json.write(list));
    } else if (snapshots.isEmpty()) {
      out.println("no snapshots" + (since == null ? "" : " since " + since));
    } else {
      TextTable table =
          new TextTable("taken at", "equity", "cash", "realized", "unrealized", "flows", "flags")
              .right(1, 2, 3, 4, 5);
      for (PortfolioSnapshot snapshot : snapshots) {
        table.row(
            snapshot.takenAt().toString(),
            display(snapshot.equity()),
            display(snapshot.cash()),
            display(snapshot.realized()),
            display(snapshot.unrealized()),
            display(snapshot.netFlows()),
            (snapshot.driftFlag() ? "drift " : "") + (snapshot.stale() ? "stale" : ""));
      }
      out.print(table.render());
    }
    out.flush();
    return 0;
  }

  /** Money as text shows it: two decimals. */
  static String display(BigDecimal value) {
    return Precision.display(value).toPlainString();
  }
}
