package io.tally.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A report's output compared with its golden file in {@code src/test/resources/golden/}. On a
 * mismatch the output is written next to the golden file as {@code <name>.actual} to compare.
 *
 * <p>To regenerate the golden files after an intended change, run the tests with {@code
 * -Dtally.golden.update=true}, for example {@code ./mvnw -B -o verify -pl report -am
 * -Dtest='io/tally/report/**' -Dsurefire.failIfNoSpecifiedTests=false -Dtally.golden.update=true},
 * then read the diff before committing it.
 *
 * <p>Example: {@code GoldenFile.matches("tax-report.csv", TaxReportCsv.of(report))}.
 */
public final class GoldenFile {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private GoldenFile() {}

  /** Asserts that {@code document}, written as indented JSON, is the golden file {@code name}. */
  public static void matchesJson(String name, Object document) {
    matches(name, MAPPER.writeValueAsString(document) + "\n");
  }

  /** Asserts that {@code actual} is the golden file {@code name}, byte for byte. */
  public static void matches(String name, String actual) {
    Path golden = GOLDEN.resolve(name);
    Path mismatch = GOLDEN.resolve(name + ".actual");
    try {
      if (Boolean.getBoolean("tally.golden.update")) {
        Files.createDirectories(GOLDEN);
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      if (!expected.equals(actual)) {
        Files.writeString(mismatch, actual, StandardCharsets.UTF_8);
      } else {
        Files.deleteIfExists(mismatch);
      }
      assertThat(actual).as("%s (see %s)", golden, mismatch).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
