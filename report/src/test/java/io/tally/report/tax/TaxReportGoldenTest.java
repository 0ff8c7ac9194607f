package io.tally.report.tax;

import static io.tally.report.SampleEvents.at;
import static io.tally.report.SampleEvents.flow;
import static io.tally.report.SampleEvents.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.report.GoldenFile;
import io.tally.tax.IncomeReport;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxLots;
import io.tally.tax.TaxReport;
import io.tally.tax.TaxRules;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tax and income reports of one small history, by every lot method, against their golden files
 * (JSON and CSV). The history has what a tax report must get right: lots bought over two years, a
 * partial sale, a fee paid in the coin bought, a crypto swap, a withdrawal with its fee, staking
 * rewards, and a sale beyond the holding.
 */
class TaxReportGoldenTest {

  private static final Instant GENERATED = Instant.parse("2026-01-15T09:30:00Z");
  private static final Asset XBT = Asset.of("XBT");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset DOT = Asset.of("DOT");

  /** The history every golden file reports. */
  static TaxLots lots(LotMethod method) {
    List<LedgerEvent> events =
        List.of(
            flow("D1", "2023-01-02", FlowKind.DEPOSIT, "USD 100000", "USD 0"),
            trade("B1", "2023-01-10", "XBT/USD", "USD 16000", "XBT 1", "USD 16"),
            trade("B2", "2024-02-10", "XBT/USD", "USD 42000", "XBT 1", "XBT 0.002"),
            trade("B3", "2024-06-10", "ETH/USD", "USD 7000", "ETH 2", "USD 7"),
            trade("S1", "2024-03-01", "XBT/USD", "XBT 0.5", "USD 31000", "USD 31"),
            trade("X1", "2024-11-20", "ETH/XBT", "ETH 1", "XBT 0.03", "USD 3.10"),
            flow("W1", "2025-01-05", FlowKind.WITHDRAWAL, "XBT -0.2", "XBT 0.0002"),
            flow("R1", "2025-02-03", FlowKind.REWARD, "DOT 0.25", "DOT 0"),
            flow("R2", "2025-02-20", FlowKind.REWARD, "DOT 0.5", "DOT 0"),
            trade("S2", "2025-03-15", "XBT/USD", "XBT 0.9", "USD 75600", "USD 75.60"),
            trade("S3", "2025-04-01", "DOT/USD", "DOT 1", "USD 4.80", ""));
    List<Price> prices =
        List.of(
            new Price(ETH, new BigDecimal("3100"), at("2024-11-20"), "test"),
            new Price(XBT, new BigDecimal("97000"), at("2025-01-05"), "test"),
            new Price(DOT, new BigDecimal("6"), at("2025-02-01"), "test"));
    return TaxLots.replay(
        TaxRules.defaults(Asset.USD).withMethod(method), PriceTable.of(prices), events);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(LotMethod.class)
  void theTaxReportOfEachMethodIsTheGoldenOne(LotMethod method) {
    TaxReport report =
        TaxReport.of(lots(method), LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31));
    String name = "tax-report-" + method.code();

    GoldenFile.matchesJson(name + ".json", TaxReportJson.of(report, Asset.USD, GENERATED));
    GoldenFile.matches(name + ".csv", TaxReportCsv.of(report));
  }

  @Test
  void theIncomeReportIsTheGoldenOne() {
    IncomeReport report =
        IncomeReport.of(lots(LotMethod.FIFO), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

    GoldenFile.matchesJson("income-report.json", IncomeReportJson.of(report, Asset.USD, GENERATED));
    GoldenFile.matches("income-report.csv", IncomeReportCsv.of(report));
  }

  @Test
  void theCsvStartsWithForm8949sColumnsInItsOrder() {
    String csv =
        TaxReportCsv.of(
            TaxReport.of(
                lots(LotMethod.FIFO), LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)));

    assertThat(csv)
        .startsWith("description,date_acquired,date_sold,proceeds,cost_basis,gain_or_loss,");
  }
}
