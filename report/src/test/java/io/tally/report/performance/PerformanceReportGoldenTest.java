package io.tally.report.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON and CSV of the seeded report ({@link ReportSamples#seeded()}, generated at a fixed
 * instant) against the golden files in {@code src/test/resources/golden/}. On a mismatch the output
 * is written next to the golden file as {@code <name>.actual} to compare.
 *
 * <p>To regenerate the golden files after an intended change, run the test with {@code
 * -Dtally.golden.update=true}, for example {@code ./mvnw -B -o verify -pl report -am
 * -Dtest='io/tally/report/**' -Dsurefire.failIfNoSpecifiedTests=false -Dtally.golden.update=true},
 * then read the diff before committing it.
 */
class PerformanceReportGoldenTest {

  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Test
  void theJsonOfTheSeededReportIsTheGoldenOne() throws IOException {
    String json =
        MAPPER.writeValueAsString(PerformanceReportJson.of(ReportSamples.seeded(), true)) + "\n";
    matchesGolden("performance-report.json", json);
  }

  @Test
  void theCsvOfTheSeededReportIsTheGoldenOne() throws IOException {
    matchesGolden("performance-report.csv", PerformanceReportCsv.of(ReportSamples.seeded()));
  }

  private static void matchesGolden(String name, String actual) throws IOException {
    Path golden = GOLDEN.resolve(name);
    Path mismatch = GOLDEN.resolve(name + ".actual");
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
  }
}
