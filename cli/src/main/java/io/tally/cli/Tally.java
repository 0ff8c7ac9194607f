package io.tally.cli;

import io.tally.engine.config.ConfigException;
import io.tally.kraken.KrakenException;
import io.tally.store.StoreException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
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
    description = "Exact portfolio books and PnL for Kraken accounts.")
public final class Tally implements Runnable {

  /**
   * Tally's commands, in the order its help lists them. Only the one a command line names is built:
   * picocli reads each command's options by reflection, and building all of them took a fifth of a
   * short command's run (docs/BENCHMARKS.md §20).
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
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
          ConfigCommand.class);

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
    // The engine's log lines, one a line (LogLines), unless the caller configures logging itself.
    if (System.getProperty(LogLines.CONFIG_CLASS) == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty(LogLines.CONFIG_CLASS, LogLines.class.getName());
    }
    System.exit(
        execute(
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            System.getenv(),
            args));
  }

  /** Runs the command line and returns its exit status, printing errors without stack traces. */
  static int execute(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    CommandLine commandLine = new CommandLine(new Tally(env));
    for (Class<?> command : commandsFor(args)) {
      commandLine.addSubcommand(command);
    }
    commandLine.setOut(out).setErr(err);
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

  /**
   * The command the first argument names, or every command when it names none (no arguments, an
   * option such as {@code --help}, or a mistyped name, which the usage and suggestions need all
   * commands for).
   */
  static List<Class<?>> commandsFor(String... args) {
    if (args.length > 0) {
      for (Class<?> command : COMMANDS) {
        Command annotation = command.getAnnotation(Command.class);
        if (annotation.name().equals(args[0])
            || Arrays.asList(annotation.aliases()).contains(args[0])) {
          return List.of(command);
        }
      }
    }
    return COMMANDS;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
