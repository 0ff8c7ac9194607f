package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The project's own Kraken samples ({@code src/test/resources/kraken}), the shared real-format
 * fixtures ({@code <tally.shared>/fixtures/kraken}, optional) and golden-file comparison.
 */
final class Samples {

  private Samples() {}

  /** The folder of the project's samples on the test class path. */
  static Path folder() {
    URL url = Samples.class.getResource("/kraken");
    assertThat(url).as("test resources folder kraken/").isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One of the project's samples by file name, such as {@code ledgers-L1.csv}. */
  static Path sample(String fileName) {
    Path file = folder().resolve(fileName);
    assertThat(file).exists();
    return file;
  }

  /** One of the project's broken samples by file name. */
  static Path broken(String fileName) {
    return sample("broken/" + fileName);
  }

  /** Every sample export of the project, broken ones excluded, by file name. */
  static List<Path> all() {
    return csvFiles(folder());
  }

  /** The project's ledgers samples. */
  static List<Path> ledgers() {
    return all().stream().filter(p -> p.getFileName().toString().startsWith("ledgers-")).toList();
  }

  /** The shared fixtures folder, when {@code tally.shared} names an existing folder. */
  static Optional<Path> sharedFixtures() {
    String shared = System.getProperty("tally.shared");
    if (shared == null || shared.isBlank()) {
      return Optional.empty();
    }
    Path folder = Path.of(shared, "fixtures", "kraken");
    return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
  }

  /** The {@code *.csv} files directly in a folder, sorted by name. */
  static List<Path> csvFiles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".csv"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compares lines with the golden file {@code <name>.<suffix>.expected.txt} beside the sample. On
   * a mismatch it writes {@code target/<name>.<suffix>.actual.txt} and fails with a diff hint.
   */
  static void assertGolden(Path sample, String suffix, List<String> actual) {
    String name = sample.getFileName().toString().replaceFirst("\\.csv$", "");
    Path expectedFile = sample.resolveSibling(name + "." + suffix + ".expected.txt");
    List<String> expected;
    try {
      expected =
          Files.exists(expectedFile)
              ? Files.readAllLines(expectedFile, StandardCharsets.UTF_8)
              : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (expected.equals(actual)) {
      return;
    }
    Path actualFile = Path.of("target", name + "." + suffix + ".actual.txt").toAbsolutePath();
    try {
      Files.createDirectories(actualFile.getParent());
      Files.write(actualFile, actual, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int line = 0;
    while (line < expected.size()
        && line < actual.size()
        && expected.get(line).equals(actual.get(line))) {
      line++;
    }
    fail(
        "Golden file mismatch for %s at line %d%n  expected: %s%n  actual:   %s%n"
            + "Compare: diff src/test/resources/kraken/%s %s",
        sample.getFileName(),
        line + 1,
        line < expected.size() ? expected.get(line) : "<end of file>",
        line < actual.size() ? actual.get(line) : "<end of file>",
        expectedFile.getFileName(),
        actualFile);
  }
}
