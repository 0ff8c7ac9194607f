package io.tally.report.performance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceReportCsvTest {

  @Test
  @SuppressWarnings("unchecked")
  void theFourSectionsAreSeparatedByEmptyLinesAndStartWithTheirName() {
    PerformanceReport report = ReportSamples.seeded();
    String csv = PerformanceReportCsv.of(report);
    String[] sections = csv.split("\r\n\r\n");
    assertThat(sections).hasSize(4);
    assertThat(sections[0]).startsWith("summary\r\nkey,value\r\n");
    assertThat(sections[1]).startsWith("monthly_returns\r\nyear,jan,");
    assertThat(sections[2]).startsWith("strategies\r\nstrategy,realized_base,");
    assertThat(sections[3]).startsWith("data_issues\r\nkind,event_id,");
    // The summary's money is the JSON's, digit for digit.
    Map<String, Object> summary =
        (Map<String, Object>) PerformanceReportJson.of(report, false).get("summary");
    for (String key : List.of("equity_end_base", "total_pnl_base", "fees_base")) {
      assertThat(sections[0]).contains("\r\n" + key + "," + summary.get(key) + "\r\n");
    }
    // One row per strategy tag of the period.
    assertThat(sections[2].split("\r\n")).hasSize(2 + report.performance().byStrategy().size());
  }

  @Test
  void aPeriodWithoutTradesKeepsItsFlowsAndSaysItDidNotTrade() {
    String csv = PerformanceReportCsv.of(ReportSamples.noTrading());
    assertThat(csv)
        .contains("\r\ninflows_base,2500.00000000\r\n")
        .contains("\r\noutflows_base,1000.00000000\r\n")
        .contains("\r\ntrading_activity,false\r\n");
  }
}
