package io.tally.cli;

import io.tally.engine.config.TallyConfig;
import io.tally.engine.service.ContractJson;
import io.tally.engine.service.PortfolioSnapshot;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code tally snapshot [--db PATH|URL] [--config FILE] [--format text|json]}: values the stored
 * books with the stored prices and persists the result as a snapshot ({@code tally history} lists
 * them). It syncs nothing: run {@code tally sync} first for current prices.
 *
 * <p>Example: {@code tally snapshot} prints {@code snapshot taken at 2026-11-23T10:00:00Z: equity
 * 25300.00 USD}.
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    description = "Persist a snapshot of the books (equity, cash, PnL, holdings).")
final class SnapshotCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @ParentCommand Tally tally;

  @Mixin DatabaseOption database;

  @Mixin ConfigOption configuration;

  @Mixin FormatOption format;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    TallyConfig config = configuration.load();
    PrintWriter out = spec.commandLine().getOut();
    PortfolioSnapshot snapshot;
    try (ServiceSession session =
        ServiceSession.open(
            database, tally, config, Optional.empty(), clock, spec.commandLine().getErr())) {
      snapshot = session.service().createSnapshot();
    }
    if (format.json()) {
      out.println(Json.write(ContractJson.snapshot(snapshot)));
    } else {
      out.printf(
          "snapshot taken at %s: equity %s %s, cash %s, realized %s, unrealized %s%s%n",
          snapshot.takenAt(),
          HistoryCommand.display(snapshot.equity()),
          snapshot.base(),
          HistoryCommand.display(snapshot.cash()),
          HistoryCommand.display(snapshot.realized()),
          HistoryCommand.display(snapshot.unrealized()),
          snapshot.stale() ? " (stale prices)" : "");
    }
    out.flush();
    return 0;
  }
}
