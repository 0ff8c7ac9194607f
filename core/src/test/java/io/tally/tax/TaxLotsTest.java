package io.tally.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.IssueKind;
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
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked examples of the tax lots (ACCOUNTING.md §10), each with its arithmetic. */
class TaxLotsTest {

  private static final Asset XBT = Asset.of("XBT");
  private static final Asset ETH = Asset.of("ETH");
  private static final Asset DOT = Asset.of("DOT");
  private static final Pair XBTUSD = new Pair(XBT, Asset.USD);
  private static final Pair ETHXBT = new Pair(ETH, XBT);

  private static Instant day(String date) {
    return Instant.parse(date + "T12:00:00Z");
  }

  private static Trade trade(String id, Instant at, Pair pair, String sold, String bought) {
    return trade(id, at, pair, sold, bought, "");
  }

  private static Trade trade(
      String id, Instant at, Pair pair, String sold, String bought, String fee) {
    return new Trade(
        EventId.of(id),
        at,
        TradeKind.ORDER_BOOK,
        pair,
        List.of(Amount.parse(sold)),
        List.of(Amount.parse(bought)),
        fee.isEmpty() ? List.of() : List.of(Amount.parse(fee)),
        Trade.MANUAL);
  }

  private static CashFlow flow(String id, Instant at, FlowKind kind, String amount, String fee) {
    return new CashFlow(EventId.of(id), at, kind, Amount.parse(amount), Amount.parse(fee));
  }

  private static TaxLots replay(TaxRules rules, List<Price> prices, LedgerEvent... events) {
    return TaxLots.replay(rules, PriceTable.of(prices), List.of(events));
  }

  private static TaxRules rules(LotMethod method) {
    return TaxRules.defaults(Asset.USD).withMethod(method);
  }

  private static BigDecimal money(String value) {
    return new BigDecimal(value);
  }

  /** Buys 1 XBT at 10,000 on 2023-01-10, 1 XBT at 20,000 on 2023-06-10; sells 1.5 for 45,000. */
  private static LedgerEvent[] twoLotsAndASale() {
    return new LedgerEvent[] {
      trade("B1", day("2023-01-10"), XBTUSD, "USD 10000", "XBT 1"),
      trade("B2", day("2023-06-10"), XBTUSD, "USD 20000", "XBT 1"),
      trade("S1", day("2024-03-01"), XBTUSD, "XBT 1.5", "USD 45000")
    };
  }

  @Test
  void fifoTakesTheOldestLotFirstAndAPartOfTheNext() {
    // FIFO: all of B1 (1 XBT, cost 10,000), then 0.5 of B2 (cost 20,000 × 0.5 / 1 = 10,000).
    // Proceeds by quantity: 45,000 × 1 / 1.5 = 30,000 and the rest, 15,000.
    // B1 held 2023-01-10 → 2024-03-01 = 416 days > 365: long; B2 265 days: short.
    List<Disposal> rows = replay(rules(LotMethod.FIFO), List.of(), twoLotsAndASale()).disposals();

    assertThat(rows).hasSize(2);
    assertRow(rows.get(0), "1", "30000", "10000", "20000", HoldingTerm.LONG, "B1");
    assertRow(rows.get(1), "0.5", "15000", "10000", "5000", HoldingTerm.SHORT, "B2");
  }

  @Test
  void lifoTakesTheNewestLotFirst() {
    // LIFO: all of B2 (cost 20,000, proceeds 30,000: +10,000 short), then 0.5 of B1 (cost 5,000,
    // proceeds 15,000: +10,000 long).
    List<Disposal> rows = replay(rules(LotMethod.LIFO), List.of(), twoLotsAndASale()).disposals();

    assertRow(rows.get(0), "1", "30000", "20000", "10000", HoldingTerm.SHORT, "B2");
    assertRow(rows.get(1), "0.5", "15000", "5000", "10000", HoldingTerm.LONG, "B1");
  }

  @Test
  void hifoTakesTheDearestLotFirstWhateverItsAge() {
    // The dear lot is the older one here, so HIFO and LIFO part ways: HIFO takes D1 (25,000) whole,
    // then 0.5 of D3 (the dearer of 15,000 and 12,000 per unit: cost 7,500). Proceeds 30,000 and
    // 15,000: gains 5,000 (long: 2023-01-10 → 2024-03-01) and 7,500 (short).
    List<Disposal> rows =
        replay(
                rules(LotMethod.HIFO),
                List.of(),
                trade("D1", day("2023-01-10"), XBTUSD, "USD 25000", "XBT 1"),
                trade("D2", day("2023-06-10"), XBTUSD, "USD 12000", "XBT 1"),
                trade("D3", day("2023-09-10"), XBTUSD, "USD 15000", "XBT 1"),
                trade("S1", day("2024-03-01"), XBTUSD, "XBT 1.5", "USD 45000"))
            .disposals();

    assertRow(rows.get(0), "1", "30000", "25000", "5000", HoldingTerm.LONG, "D1");
    assertRow(rows.get(1), "0.5", "15000", "7500", "7500", HoldingTerm.SHORT, "D3");
  }

  @Test
  void averageCostIsOneRowAtTheAverageDatedByItsEarliestAndLatestUnits() {
    // WAC: cost 30,000 × 1.5 / 2 = 22,500; gain 45,000 − 22,500 = 22,500. The units came from B1
    // and B2 (first in, first out, for dating only): acquired "various", and short because B2's
    // units were held 265 days.
    TaxLots lots = replay(rules(LotMethod.WAC), List.of(), twoLotsAndASale());
    Disposal row = lots.disposals().get(0);

    assertThat(lots.disposals()).hasSize(1);
    assertRow(row, "1.5", "45000", "22500", "22500", HoldingTerm.SHORT, "B1");
    assertThat(row.variousDates()).isTrue();
    assertThat(row.acquiredLatest()).isEqualTo(day("2023-06-10"));
    // What is left: 0.5 XBT at 7,500, dated by B2, the earliest units still held.
    OpenLot left = lots.openLots().get(XBT).get(0);
    assertThat(left.quantity()).isEqualByComparingTo("0.5");
    assertThat(left.cost()).isEqualByComparingTo("7500");
    assertThat(left.acquired()).isEqualTo(day("2023-06-10"));
  }

  @Test
  void longMeansMoreThanTheThresholdInDaysOfTheReportingZone() {
    // 2024-03-01 → 2025-03-01 is 365 days: short. → 2025-03-02 is 366: long. A sale at
    // 2025-03-01T23:30Z is already 2025-03-02 in Berlin (UTC+1 in March): long there, short in
    // UTC.
    HoldingPeriod utc = HoldingPeriod.defaults();
    HoldingPeriod berlin = new HoldingPeriod(365, ZoneId.of("Europe/Berlin"));
    Instant bought = Instant.parse("2024-03-01T10:00:00Z");

    assertThat(utc.term(bought, Instant.parse("2025-03-01T10:00:00Z")))
        .isEqualTo(HoldingTerm.SHORT);
    assertThat(utc.term(bought, Instant.parse("2025-03-02T00:00:00Z"))).isEqualTo(HoldingTerm.LONG);
    assertThat(utc.term(bought, Instant.parse("2025-03-01T23:30:00Z")))
        .isEqualTo(HoldingTerm.SHORT);
    assertThat(berlin.term(bought, Instant.parse("2025-03-01T23:30:00Z")))
        .isEqualTo(HoldingTerm.LONG);
    assertThat(new HoldingPeriod(0, ZoneId.of("UTC")).term(bought, bought))
        .isEqualTo(HoldingTerm.SHORT);
  }

  @Test
  void taxStyleFeesJoinTheBuysCostAndLeaveTheSalesProceeds() {
    // Buy 1 XBT for 40,000 with a 10 USD fee: the lot costs 40,010. Sell 0.5 for 25,000 with a
    // 10 USD fee: proceeds 24,990, cost 40,010 × 0.5 = 20,005, gain 4,985. (With fees apart the
    // books realize 25,000 − 20,000 − 10 − 10 = 4,980; the other 5 of the buy's fee stays in the
    // lot still held.)
    TaxLots lots =
        replay(
            rules(LotMethod.FIFO),
            List.of(),
            trade("B", day("2024-01-10"), XBTUSD, "USD 40000", "XBT 1", "USD 10"),
            trade("S", day("2024-02-10"), XBTUSD, "XBT 0.5", "USD 25000", "USD 10"));

    assertThat(lots.disposals()).hasSize(1);
    assertRow(lots.disposals().get(0), "0.5", "24990", "20005", "4985", HoldingTerm.SHORT, "B");
    assertThat(lots.openLots().get(XBT).get(0).cost()).isEqualByComparingTo("20005");
    assertThat(lots.tradeFees()).isEqualByComparingTo("20");

    // Fees apart: proceeds 25,000, cost 20,000.
    TaxLots apart =
        replay(
            rules(LotMethod.FIFO).withFeesInCostBasis(false),
            List.of(),
            trade("B", day("2024-01-10"), XBTUSD, "USD 40000", "XBT 1", "USD 10"),
            trade("S", day("2024-02-10"), XBTUSD, "XBT 0.5", "USD 25000", "USD 10"));
    assertRow(apart.disposals().get(0), "0.5", "25000", "20000", "5000", HoldingTerm.SHORT, "B");
  }

  @Test
  void aFeePaidInTheCoinBoughtIsAlsoADisposalOfThoseUnits() {
    // Buy 1 XBT for 50,000 USD, fee 0.001 XBT. The fee's value at the trade's own price:
    // 50,000 × 0.001 / 1 = 50, added to the lot: 1 XBT at 50,050. Then the fee units leave that
    // lot: proceeds 50, cost 50,050 × 0.001 = 50.05, gain −0.05. Left: 0.999 XBT at
    // 50,050 − 50.05 = 49,999.95; with the 0.05 lost, the 50,000 paid is all accounted for.
    TaxLots lots =
        replay(
            rules(LotMethod.FIFO),
            List.of(),
            trade("B", day("2024-01-10"), XBTUSD, "USD 50000", "XBT 1", "XBT 0.001"));

    Disposal fee = lots.disposals().get(0);
    assertThat(lots.disposals()).hasSize(1);
    assertThat(fee.kind()).isEqualTo(DisposalKind.FEE);
    assertRow(fee, "0.001", "50", "50.05", "-0.05", HoldingTerm.SHORT, "B");
    OpenLot left = lots.openLots().get(XBT).get(0);
    assertThat(left.quantity()).isEqualByComparingTo("0.999");
    assertThat(left.cost()).isEqualByComparingTo("49999.95");
  }

  @Test
  void aCryptoSwapsFeeComesOffTheProceedsOfWhatItSold() {
    // 10 ETH bought for 20,000; swapped for 0.5 XBT when ETH is 3,000: V = 10 × 3,000 = 30,000,
    // fee 30 USD. ETH disposal: proceeds 30,000 − 30 = 29,970, cost 20,000, gain 9,970. The XBT
    // lot costs V, 30,000.
    Instant swap = day("2024-05-01");
    TaxLots lots =
        replay(
            rules(LotMethod.FIFO),
            List.of(new Price(ETH, money("3000"), swap, "test")),
            trade("B", day("2024-01-10"), new Pair(ETH, Asset.USD), "USD 20000", "ETH 10"),
            trade("X", swap, ETHXBT, "ETH 10", "XBT 0.5", "USD 30"));

    assertRow(lots.disposals().get(0), "10", "29970", "20000", "9970", HoldingTerm.SHORT, "B");
    assertThat(lots.openLots().get(XBT).get(0).cost()).isEqualByComparingTo("30000");
  }

  @Test
  void aWithdrawalRealizesNothingAndItsFeeIsListedAsACost() {
    // 1 XBT bought for 10,000; 0.4 XBT withdrawn with a 0.0005 XBT fee when XBT is 30,000.
    // No disposal. The withdrawal takes 0.4 × 10,000 = 4,000 of cost (value 12,000); the fee
    // 0.0005 × 10,000 = 5 of cost (value 12,000 × 0.0005 / 0.4 = 15). Left: 0.5995 XBT at 5,995.
    Instant out = day("2024-06-01");
    List<Price> prices = List.of(new Price(XBT, money("30000"), out, "test"));
    LedgerEvent[] events = {
      trade("B", day("2024-01-10"), XBTUSD, "USD 10000", "XBT 1"),
      flow("W", out, FlowKind.WITHDRAWAL, "XBT -0.4", "XBT 0.0005")
    };
    TaxLots lots = replay(rules(LotMethod.FIFO), prices, events);

    assertThat(lots.disposals()).isEmpty();
    assertThat(lots.movements())
        .containsExactly(
            new LotMovement(
                MovementKind.WITHDRAWAL,
                XBT,
                money("-0.4"),
                money("4000.00000000"),
                money("12000.00000000"),
                out,
                EventId.of("W")),
            new LotMovement(
                MovementKind.TRANSFER_FEE,
                XBT,
                money("-0.0005"),
                money("5.00000000"),
                money("15.00000000"),
                out,
                EventId.of("W")));
    assertThat(lots.openLots().get(XBT).get(0).cost()).isEqualByComparingTo("5995");

    // Where the jurisdiction says a withdrawal is a disposal: 12,000 − 4,000 = 8,000.
    TaxLots realized = replay(rules(LotMethod.FIFO).withWithdrawalsRealize(true), prices, events);
    Disposal row = realized.disposals().get(0);
    assertThat(row.kind()).isEqualTo(DisposalKind.WITHDRAWAL);
    assertRow(row, "0.4", "12000", "4000", "8000", HoldingTerm.SHORT, "B");
  }

  @Test
  void aRewardIsIncomeAtItsValueAndOpensALotAtThatCost() {
    // 0.25 DOT of staking when DOT is 6.00: income 1.50, a lot of 0.25 DOT at 1.50.
    Instant at = day("2025-02-03");
    TaxLots lots =
        replay(
            rules(LotMethod.FIFO),
            List.of(new Price(DOT, money("6.00"), at, "test")),
            flow("R", at, FlowKind.REWARD, "DOT 0.25", "DOT 0"));

    assertThat(lots.income())
        .containsExactly(new Income(DOT, money("0.25"), money("1.50000000"), at, EventId.of("R")));
    assertThat(lots.openLots().get(DOT).get(0).cost()).isEqualByComparingTo("1.5");
  }

  @Test
  void unitsSoldBeyondTheHoldingAreAssumedBoughtAtTheSalesPriceAndListed() {
    // 1 XBT sold for 30,000 with nothing held: the unit is assumed acquired for 30,000 at the sale,
    // so the row gains nothing, and a missing-acquisition issue names it.
    TaxLots lots =
        replay(
            rules(LotMethod.FIFO),
            List.of(),
            trade("S", day("2024-03-01"), XBTUSD, "XBT 1", "USD 30000"));

    assertRow(lots.disposals().get(0), "1", "30000", "30000", "0", HoldingTerm.SHORT, "S");
    assertThat(lots.issues())
        .extracting(issue -> issue.kind())
        .containsExactly(IssueKind.MISSING_ACQUISITION);
  }

  private static void assertRow(
      Disposal row,
      String quantity,
      String proceeds,
      String cost,
      String gain,
      HoldingTerm term,
      String acquiredBy) {
    assertThat(row.quantity()).as("quantity").isEqualByComparingTo(quantity);
    assertThat(row.proceeds()).as("proceeds").isEqualByComparingTo(proceeds);
    assertThat(row.costBasis()).as("cost basis").isEqualByComparingTo(cost);
    assertThat(row.gain()).as("gain").isEqualByComparingTo(gain);
    assertThat(row.term()).as("term").isEqualTo(term);
    assertThat(row.acquiredBy()).as("acquired by").isEqualTo(EventId.of(acquiredBy));
  }
}
