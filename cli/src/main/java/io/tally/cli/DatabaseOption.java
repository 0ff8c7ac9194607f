package io.tally.cli;

import io.tally.store.PortfolioStore;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --db PATH|URL} option every command that reads or writes the store shares: a SQLite
 * file, {@code ./tally.db} by default, or a {@code jdbc:postgresql://host/database} URL. A
 * PostgreSQL user and password may be in the URL ({@code ?user=...&password=...}) or, when it has
 * none, in {@code TALLY_DB_USER} and {@code TALLY_DB_PASSWORD}; progress lines show the URL without
 * its password.
 *
 * <p>{@code tally sync} keeps its Kraken nonce file beside a SQLite file ({@code PATH.nonce}); a
 * PostgreSQL database has no directory of its own, so with a URL the nonce file is {@code
 * ./tally.nonce} in the working directory (run every sync of one key from the same directory).
 *
 * <p>Example: {@code @Mixin DatabaseOption database;} then {@code
 * PortfolioStore.open(database.location(), tally.env())}.
 */
final class DatabaseOption {

  @Option(
      names = "--db",
      paramLabel = "PATH|URL",
      description =
          "SQLite file, or jdbc:postgresql://host/database URL (credentials in the URL or"
              + " TALLY_DB_USER/TALLY_DB_PASSWORD) (default: ${DEFAULT-VALUE})",
      defaultValue = "tally.db")
  private String location;

  /** The location as given: a file path or a database URL. */
  String location() {
    return location;
  }

  /** The SQLite file, or empty when the location is a database URL. */
  Optional<Path> file() {
    return location.startsWith("jdbc:") ? Optional.empty() : Optional.of(Path.of(location));
  }

  /** Where {@code tally sync} keeps its nonces: {@code PATH.nonce}, or {@code ./tally.nonce}. */
  Path nonceFile() {
    return file().map(file -> Path.of(file + ".nonce")).orElse(Path.of("tally.nonce"));
  }

  /** The location as messages show it: a URL without its password. */
  String display() {
    return PortfolioStore.describe(location);
  }
}
