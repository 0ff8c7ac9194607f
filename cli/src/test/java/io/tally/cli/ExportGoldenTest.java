package io.tally.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.report.GoldenFile;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trades and cash flows of the imported history ({@link ImportedHistory}), as {@code tally
 * report --type trades|flows} writes them in JSON and CSV, against their golden files ({@link
 * GoldenFile}; regenerate with {@code -Dtally.golden.update=true}).
 */
class ExportGoldenTest {

  @TempDir Path dir;

  private String db;

  @BeforeEach
  void importAHistory() throws IOException {
    db = ImportedHistory.importInto(dir);
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({"trades, json", "trades, csv", "flows, json", "flows, csv"})
  void theListingIsTheGoldenOne(String type, String format) {
    // A fixed last day: the default, today, would change the JSON every day.
    TallyRun run =
        TallyRun.of("report", "--db", db, "--type", type, "--to", "2025-12-31", "--format", format);

    assertThat(run.status()).as(run.err()).isZero();
    GoldenFile.matches(type + "." + format, run.out());
  }
}
