package io.tally.cli;

import io.tally.engine.config.ConfigException;
import io.tally.kraken.KrakenException;
import io.tally.store.StoreException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tally} command: exact books for a Kraken account. Subcommands import Kraken's CSV
 * exports into a local store and report holdings, cost basis, PnL, fees and flows.
 *
 * <p>Example: {@code tally import ledgers.csv trades.csv} then {@code tally report --prices
 * prices.csv}. Exit status: 0 done, 1 bad input or failure (the message says what and where), 2 bad
 * usage.
 */
@Command(
    name = "tally",
    mixinStandardHelpOptions = true,
    version = "tally 0.1.0",
    description = "Exact portfolio books and PnL for Kraken accounts.",
    subcommands = {
      ImportCommand.class,
      PricesCommand.class,
      ReportCommand.class,
      PerformanceCommand.class,
      ExportCommand.class,
      SyncCommand.class,
      PaperCommand.class,
      RiskCommand.class,
      ReconcileCommand.class,
      SnapshotCommand.class,
      HistoryCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      SimCommand.class,
      ConfigCommand.class
    })
public final class Tally implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The environment commands read secrets from (the process's own, or a test's). */
  private final Map<String, String> env;

  Tally(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Map<String, String> env() {
    return env;
  }

  public static void main(String[] args) {
    System.exit(
        execute(
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            System.getenv(),
            args));
  }

  /** Runs the command line and returns its exit status, printing errors without stack traces. */
  static int execute(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    CommandLine commandLine = new CommandLine(new Tally(env)).setOut(out).setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, line, parsed) -> {
          if (exception instanceof KrakenException
              || exception instanceof StoreException
              || exception instanceof ConfigException
              || exception instanceof IllegalArgumentException) {
            line.getErr().println("tally: " + exception.getMessage());
            return 1;
          }
          throw exception;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
