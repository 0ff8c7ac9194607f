package io.tally.cli;

import io.tally.engine.config.ConfigFile;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tally config template}: prints a commented {@code tally.yaml} with every key at its
 * default; {@code tally config check [--config FILE]} validates a file and says so.
 *
 * <p>Example: {@code tally config template > tally.yaml}.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Print the configuration template, or check a configuration file.",
    subcommands = {ConfigCommand.Template.class, ConfigCommand.Check.class})
final class ConfigCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tally config template}. */
  @Command(name = "template", description = "Print every key with its default, commented.")
  static final class Template implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(ConfigFile.TEMPLATE);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code tally config check}. */
  @Command(name = "check", description = "Check a configuration file and print what it sets.")
  static final class Check implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin ConfigOption configuration;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println("configuration is valid: " + configuration.load());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
