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
 * The holdings, trades and cash flows of the imported history ({@link ImportedHistory}), as {@code
 * tally report --type holdings|trades|flows} writes them in JSON and CSV, against their golden
 * files ({@link GoldenFile}; regenerate with {@code -Dtally.golden.update=true}). Each is asked for
 * a fixed day: today, the default, would change them every day.
 */
class ReportGoldenTest {

  @TempDir Path dir;

  private String db;

  @BeforeEach
  void importAHistory() throws IOException {
    db = ImportedHistory.importInto(dir);
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
    "holdings, json, --as-of",
    "holdings, csv, --as-of",
    "trades, json, --to",
    "trades, csv, --to",
    "flows, json, --to",
    "flows, csv, --to"
  })
  void theReportIsTheGoldenOne(String type, String format, String dayOption) {
    TallyRun run =
        TallyRun.of(
            "report", "--db", db, "--type", type, dayOption, "2025-12-31", "--format", format);

    assertThat(run.status()).as(run.err()).isZero();
    GoldenFile.matches(type + "." + format, run.out());
  }
}
