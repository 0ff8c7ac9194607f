package io.tally.cli;

import io.tally.engine.config.ConfigFile;
import io.tally.engine.config.TallyConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option: the YAML configuration, {@code ./tally.yaml} when that file
 * exists and no option is given, every default otherwise.
 *
 * <p>Example: {@code @Mixin ConfigOption configuration;} then {@code configuration.load()}.
 */
final class ConfigOption {

  /** The file read when {@code --config} is not given, if it exists. */
  static final Path DEFAULT_FILE = Path.of("tally.yaml");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "YAML configuration (default: ./tally.yaml when present)")
  private Path file;

  /** The configuration, checked; a bad file fails here, before anything runs. */
  TallyConfig load() {
    return chosen().map(ConfigFile::load).orElseGet(TallyConfig::defaults);
  }

  private Optional<Path> chosen() {
    if (file != null) {
      return Optional.of(file);
    }
    return Files.exists(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty();
  }
}
