package io.tally.report.performance;

import io.tally.report.GoldenFile;
import org.junit.jupiter.api.Test;

/**
 * The JSON and CSV of the seeded report ({@link ReportSamples#seeded()}, generated at a fixed
 * instant) against the golden files ({@link GoldenFile}).
 */
class PerformanceReportGoldenTest {

  @Test
  void theJsonOfTheSeededReportIsTheGoldenOne() {
    GoldenFile.matchesJson(
        "performance-report.json", PerformanceReportJson.of(ReportSamples.seeded(), true));
  }

  @Test
  void theCsvOfTheSeededReportIsTheGoldenOne() {
    GoldenFile.matches("performance-report.csv", PerformanceReportCsv.of(ReportSamples.seeded()));
  }
}
