package io.tally.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --db PATH} option every command that reads or writes the store shares: the SQLite
 * file, {@code ./tally.db} by default.
 *
 * <p>Example: {@code @Mixin DatabaseOption database;} then {@code database.path()}.
 */
final class DatabaseOption {

  @Option(
      names = "--db",
      paramLabel = "PATH",
      description = "SQLite file (default: ${DEFAULT-VALUE})",
      defaultValue = "tally.db")
  private Path path;

  Path path() {
    return path;
  }
}
