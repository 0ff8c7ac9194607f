package io.tally.tax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The realized-gains and income reports' ranges and totals, worked by hand. */
class TaxReportTest {

  private static final Asset XBT = Asset.of("XBT");
  private static final Asset DOT = Asset.of("DOT");
  private static final Pair XBTUSD = new Pair(XBT, Asset.USD);

  private static Trade trade(String id, String date, String sold, String bought) {
    return new Trade(
        EventId.of(id),
        Instant.parse(date + "T12:00:00Z"),
        TradeKind.ORDER_BOOK,
        XBTUSD,
        List.of(Amount.parse(sold)),
        List.of(Amount.parse(bought)),
        List.of(),
        Trade.MANUAL);
  }

  private static CashFlow reward(String id, String date, String amount) {
    return new CashFlow(
        EventId.of(id),
        Instant.parse(date + "T12:00:00Z"),
        FlowKind.REWARD,
        Amount.parse(amount),
        Amount.parse("DOT 0"));
  }

  /**
   * Three lots of 1 XBT (10,000 in 2023-01, 20,000 in 2024-06, 30,000 in 2024-09) and three sales
   * by FIFO: 2024-03 sells 1 (B1, 2023-01-10 → 2024-03-01 is 416 days: long, +5,000), 2025-02 sells
   * 1 (B2, 2024-06-10 → 2025-02-01: short, 40,000 − 20,000 = +20,000) and 2025-08 sells 1 (B3,
   * 2024-09-10 → 2025-08-01: short, 25,000 − 30,000 = −5,000).
   */
  private static TaxLots lots() {
    List<LedgerEvent> events =
        List.of(
            trade("B1", "2023-01-10", "USD 10000", "XBT 1"),
            trade("S1", "2024-03-01", "XBT 1", "USD 15000"),
            trade("B2", "2024-06-10", "USD 20000", "XBT 1"),
            trade("B3", "2024-09-10", "USD 30000", "XBT 1"),
            trade("S2", "2025-02-01", "XBT 1", "USD 40000"),
            trade("S3", "2025-08-01", "XBT 1", "USD 25000"),
            reward("R1", "2025-02-03", "DOT 0.25"),
            reward("R2", "2025-02-20", "DOT 0.5"),
            reward("R3", "2025-03-03", "DOT 1"));
    List<Price> prices =
        List.of(
            new Price(DOT, new BigDecimal("6"), Instant.parse("2025-02-01T00:00:00Z"), "test"),
            new Price(DOT, new BigDecimal("5"), Instant.parse("2025-03-01T00:00:00Z"), "test"));
    return TaxLots.replay(TaxRules.defaults(Asset.USD), PriceTable.of(prices), events);
  }

  @Test
  void aYearHoldsItsOwnDisposalsAddedUpByTerm() {
    // 2025: S2 (+20,000) and S3 (−5,000), both short: 2 rows, proceeds 65,000, cost 50,000,
    // gain 15,000.
    TaxReport year = TaxReport.of(lots(), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

    assertThat(year.rows()).extracting(row -> row.eventId().value()).containsExactly("S2", "S3");
    assertThat(year.totals()).hasSize(1);
    TermTotal shortTerm = year.totals().get(0);
    assertThat(shortTerm.year()).isEqualTo(2025);
    assertThat(shortTerm.term()).isEqualTo(HoldingTerm.SHORT);
    assertThat(shortTerm.sum().rows()).isEqualTo(2);
    assertThat(shortTerm.sum().proceeds()).isEqualByComparingTo("65000");
    assertThat(shortTerm.sum().costBasis()).isEqualByComparingTo("50000");
    assertThat(shortTerm.sum().gain()).isEqualByComparingTo("15000");
  }

  @Test
  void aRangeOverYearsTotalsEachYearAndTermApart() {
    // 2024 long: S1, 15,000 − 10,000 = 5,000. 2025 short: 15,000. All: 20,000 over 3 rows.
    TaxReport all = TaxReport.of(lots(), LocalDate.of(2020, 1, 1), LocalDate.of(2030, 1, 1));

    assertThat(all.totals())
        .extracting(
            TermTotal::year, TermTotal::term, total -> total.sum().gain().stripTrailingZeros())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2024, HoldingTerm.LONG, new BigDecimal("5E+3")),
            org.assertj.core.groups.Tuple.tuple(2025, HoldingTerm.SHORT, new BigDecimal("1.5E+4")));
    assertThat(all.total().rows()).isEqualTo(3);
    assertThat(all.total().gain()).isEqualByComparingTo("20000");
  }

  @Test
  void incomeIsTotalledPerAssetAndMonth() {
    // February: 0.25 + 0.5 DOT at 6 = 1.50 + 3.00 = 4.50 over 2 receipts; March: 1 DOT at 5.
    IncomeReport income =
        IncomeReport.of(lots(), LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31));

    assertThat(income.months()).hasSize(2);
    IncomeMonth february = income.months().get(0);
    assertThat(february.month()).isEqualTo(YearMonth.of(2025, 2));
    assertThat(february.receipts()).isEqualTo(2);
    assertThat(february.quantity()).isEqualByComparingTo("0.75");
    assertThat(february.value()).isEqualByComparingTo("4.5");
    assertThat(income.months().get(1).value()).isEqualByComparingTo("5");
    assertThat(income.total()).isEqualByComparingTo("9.5");
    assertThat(
            IncomeReport.of(lots(), LocalDate.of(2025, 3, 1), LocalDate.of(2025, 3, 31)).receipts())
        .extracting(Income::id)
        .containsExactly(EventId.of("R3"));
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsRefused() {
    assertThatThrownBy(
            () -> TaxReport.of(lots(), LocalDate.of(2025, 2, 1), LocalDate.of(2025, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends (2025-01-01) before it starts (2025-02-01)");
  }
}
