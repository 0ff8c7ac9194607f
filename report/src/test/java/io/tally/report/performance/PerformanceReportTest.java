package io.tally.report.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.books.IssueKind;
import io.tally.series.Attribution;
import io.tally.series.DayEnd;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerformanceReportTest {

  @Test
  void aPeriodWithOnlyFlowsHasNoTradingActivityButItsFlows() {
    // 2025-03-02 .. 2025-03-20: the trade of 03-01 is before the period; 2,500 USD in on 03-05,
    // 1,000 USD out on 03-12.
    PerformanceReport report = ReportSamples.noTrading();
    assertThat(report.from()).isEqualTo(LocalDate.parse("2025-03-02"));
    assertThat(report.to()).isEqualTo(LocalDate.parse("2025-03-20"));
    assertThat(report.tradingActivity()).isFalse();
    assertThat(report.inflows()).isEqualByComparingTo("2500");
    assertThat(report.outflows()).isEqualByComparingTo("1000");
    assertThat(report.fees()).isEqualByComparingTo("0");
    // Start: 6,000 USD + 0.1 XBT at 40,000 = 10,000 at the end of 03-01; XBT at 41,000 from 03-03:
    // end 6,000 + 2,500 - 1,000 + 4,100 = 11,600; PnL = 11,600 - 10,000 - 1,500 = 100.
    assertThat(report.startEquity()).isEqualByComparingTo("10000");
    assertThat(report.endEquity()).isEqualByComparingTo("11600");
    assertThat(report.performance().returns().totalPnl()).isEqualByComparingTo("100");
    assertThat(report.flowsByMonth())
        .singleElement()
        .satisfies(
            month -> {
              assertThat(month.period()).isEqualTo("2025-03");
              assertThat(month.net()).isEqualByComparingTo("1500");
            });
    Map<String, Object> summary = cast(PerformanceReportJson.of(report, false).get("summary"));
    assertThat(summary).containsEntry("trading_activity", false);
    assertThat(summary).containsEntry("inflows_base", "2500.00000000");
    assertThat(summary).containsEntry("outflows_base", "1000.00000000");
  }

  @Test
  void theSeededReportTradedAndItsFeesAreEveryAssetsFeesInThePeriod() {
    PerformanceReport report = ReportSamples.seeded();
    assertThat(report.tradingActivity()).isTrue();
    BigDecimal fees = BigDecimal.ZERO;
    for (Attribution asset : report.performance().byAsset().values()) {
      fees = fees.add(asset.fees());
    }
    assertThat(report.fees()).isEqualByComparingTo(fees).isPositive();
    // From inception, so the period's fees are the last day's total since the first event.
    DayEnd last = report.performance().days().get(report.performance().days().size() - 1);
    assertThat(report.fees()).isEqualByComparingTo(last.fees());
    // PnL = end - start - (inflows - outflows), exactly.
    assertThat(report.performance().returns().totalPnl())
        .isEqualByComparingTo(
            report
                .endEquity()
                .subtract(report.startEquity())
                .subtract(report.inflows().subtract(report.outflows())));
  }

  @Test
  void theMonthlyGridChainsToTheYearsReturn() {
    PerformanceReport report = ReportSamples.longHistory(5, 6_000, 500, 3, 0);
    assertThat(report.monthlyReturns()).hasSizeGreaterThanOrEqualTo(2);
    for (ReturnYear year : report.monthlyReturns()) {
      BigDecimal chained = BigDecimal.ONE;
      for (var month : year.months().values()) {
        chained = chained.multiply(BigDecimal.ONE.add(month.value()));
      }
      assertThat(chained.subtract(BigDecimal.ONE).doubleValue())
          .isCloseTo(
              year.whole().value().doubleValue(), org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  void everyIssueKindHasAnAsciiEffect() {
    for (IssueKind kind : IssueKind.values()) {
      assertThat(ReportedIssue.effect(kind)).isNotBlank().matches("[\\x20-\\x7e]+");
    }
  }

  @Test
  void aPeriodThatIsNotThePerformancesDaysIsRefused() {
    PerformanceReport report = ReportSamples.noTrading();
    assertThatThrownBy(
            () ->
                new PerformanceReport(
                    report.performance(),
                    report.base(),
                    report.from().minusDays(1),
                    report.to(),
                    report.generatedAt(),
                    report.issues()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2025-03-01..2025-03-20");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }
}
