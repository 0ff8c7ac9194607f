package io.tally.margin;

import static io.tally.margin.MarginFixtures.ETHUSD;
import static io.tally.margin.MarginFixtures.SOLUSD;
import static io.tally.margin.MarginFixtures.XBTEUR;
import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.buy;
import static io.tally.margin.MarginFixtures.carry;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.deposit;
import static io.tally.margin.MarginFixtures.mark;
import static io.tally.margin.MarginFixtures.paper;
import static io.tally.margin.MarginFixtures.sell;
import static io.tally.margin.MarginFixtures.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tally.ledger.EventId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarginBookTest {

  @Test
  void carryIsTakenFromTheCollateralAndKeptOnThePositionAndItsTrade() {
    MarginBook book = new MarginBook(paper());
    List.of(
            deposit("D1", 0, "5000"),
            buy("T1", 1, XBTUSD, "1", "10000", "0", 5),
            carry("R1", 240, XBTUSD, CarryKind.ROLLOVER, "2.00"),
            carry("F1", 480, XBTUSD, CarryKind.FUNDING, "-0.50"),
            carry("I1", 720, XBTUSD, CarryKind.INTEREST, "1.60"))
        .forEach(book::apply);
    MarginAccount account = book.account();
    // 2.00 − 0.50 + 1.60 = 3.10 paid; collateral 5,000 − 3.10
    assertThat(account.position(XBTUSD).fundingPaid()).isEqualByComparingTo("3.10");
    assertThat(account.collateral()).isEqualByComparingTo("4996.90");
    assertThat(account.openTrade(XBTUSD).orElseThrow().fundingPaid()).isEqualByComparingTo("3.10");

    book.apply(sell("T2", 721, XBTUSD, "1", "10000", "0", 5));
    TradeLifecycle trade = book.account().trades().get(0);
    // no price PnL, no fees: net −3.10
    assertThat(trade.netPnl()).isEqualByComparingTo("-3.10");
    assertThat(trade.closedLine()).contains("funding_paid=3.10000000", "realized_pnl=0.00000000");
  }

  @Test
  void anAccountTakenEarlierKeepsItsTradesAsTheyWereWhileTheBookGoesOn() {
    // Accounts share the book's trades (TradeList): what changes later must not show through.
    MarginBook book = new MarginBook(paper());
    book.apply(deposit("D1", 0, "50000"));
    book.apply(buy("T1", 1, XBTUSD, "1", "10000", "0", 5));
    book.apply(buy("E1", 2, ETHUSD, "2", "1000", "0", 5));
    book.apply(sell("E2", 3, ETHUSD, "2", "1100", "0", 5));
    MarginAccount early = book.account();
    List<TradeLifecycle> earlyCopy = new ArrayList<>(early.trades());
    assertThat(earlyCopy)
        .extracting(TradeLifecycle::status)
        .containsExactly(TradeStatus.OPEN, TradeStatus.CLOSED);

    // T1's trade grows, is charged and closes; 40 more trades open and close (the array grows).
    book.apply(buy("T2", 4, XBTUSD, "1", "11000", "0", 5));
    book.apply(carry("F1", 5, XBTUSD, CarryKind.FUNDING, "1.00"));
    book.apply(sell("T3", 6, XBTUSD, "2", "12000", "0", 5));
    for (int i = 0; i < 40; i++) {
      book.apply(buy("S" + i, 10 + 2 * i, SOLUSD, "1", "100", "0", 5));
      book.apply(sell("C" + i, 11 + 2 * i, SOLUSD, "1", "101", "0", 5));
    }

    assertThat(early.trades()).isEqualTo(earlyCopy).hasSize(2);
    assertThat(early.trades().get(0).status()).isEqualTo(TradeStatus.OPEN);
    MarginAccount now = book.account();
    assertThat(now.trades()).hasSize(42);
    assertThat(now.trades().get(0).status()).isEqualTo(TradeStatus.CLOSED);
    // The same account resumed by a book, and built from a copy of its own trades.
    assertThat(MarginBook.resume(now).account()).isEqualTo(now);
    assertThat(
            new MarginAccount(
                now.terms(),
                now.collateral(),
                now.netDeposits(),
                now.positions(),
                now.marks(),
                new ArrayList<>(now.trades()),
                now.lastEventAt()))
        .isEqualTo(now)
        .hasSameHashCodeAs(now);
  }

  @Test
  void aBookThatForgetsItsClosedTradesKeepsEverythingElseAndGoesOn() {
    MarginBook book = new MarginBook(paper());
    book.apply(deposit("D1", 0, "50000"));
    book.apply(buy("T1", 1, XBTUSD, "1", "10000", "0", 5));
    book.apply(buy("E1", 2, ETHUSD, "2", "1000", "0", 5));
    book.apply(sell("E2", 3, ETHUSD, "2", "1100", "0", 5));
    MarginAccount before = book.account();

    book.forgetClosedTrades();

    MarginAccount after = book.account();
    // E1's closed trade is gone; T1's open one, the positions, collateral and marks are not.
    assertThat(after.trades()).containsExactly(before.openTrade(XBTUSD).orElseThrow());
    assertThat(after.positions()).isEqualTo(before.positions());
    assertThat(after.collateral()).isEqualByComparingTo(before.collateral());
    assertThat(after.summary()).isEqualTo(before.summary());
    assertThat(before.trades()).hasSize(2);
    // The book goes on: T1 closes, a new ETH trade opens after it.
    book.apply(sell("T2", 4, XBTUSD, "1", "10500", "0", 5));
    book.apply(buy("E3", 5, ETHUSD, "1", "1000", "0", 5));
    assertThat(book.account().trades())
        .extracting(TradeLifecycle::id, TradeLifecycle::status)
        .containsExactly(
            tuple(EventId.of("T1"), TradeStatus.CLOSED), tuple(EventId.of("E3"), TradeStatus.OPEN));
    // 50,000 + (1,100 − 1,000) × 2 + (10,500 − 10,000) × 1 = 50,700
    assertThat(book.account().collateral()).isEqualByComparingTo("50700");
  }

  @Test
  void leverageAboveThePaperMaximumOrAPairsOwnIsRejected() {
    MarginBook book = new MarginBook(paper().withMaxLeverage(XBTUSD, 5));
    book.apply(deposit("D1", 0, "5000"));
    assertThatThrownBy(() -> book.apply(buy("T1", 1, ETHUSD, "1", "100", "0", 126)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leverage must be between 1 and 125 for ETHUSD, got 126");
    assertThatThrownBy(() -> book.apply(buy("T2", 1, XBTUSD, "1", "100", "0", 10)))
        .hasMessage("leverage must be between 1 and 5 for XBTUSD, got 10");
    book.apply(buy("T3", 1, ETHUSD, "1", "100", "0", 125));
    assertThat(book.account().position(ETHUSD).leverage()).isEqualTo(125);
  }

  @Test
  void aPairNotQuotedInTheCollateralIsRejected() {
    MarginBook book = new MarginBook(paper());
    assertThatThrownBy(() -> book.apply(buy("T1", 1, XBTEUR, "1", "100", "0", 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pair XBTEUR is quoted in EUR, not in the collateral USD");
  }

  @Test
  void eventsOutOfTimeOrderAreRejectedAndLeaveTheBookUnchanged() {
    MarginBook book = new MarginBook(paper());
    book.apply(deposit("D1", 10, "5000"));
    MarginAccount before = book.account();
    assertThatThrownBy(() -> book.apply(buy("T1", 9, XBTUSD, "1", "100", "0", 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "event T1 at 2025-03-01T10:09:00Z is before the last event at 2025-03-01T10:10:00Z");
    assertThat(book.account()).isEqualTo(before);
  }

  @Test
  void carryOnAPairWithNoOpenPositionIsRejected() {
    MarginBook book = new MarginBook(paper());
    book.apply(deposit("D1", 0, "5000"));
    assertThatThrownBy(() -> book.apply(carry("F1", 1, ETHUSD, CarryKind.FUNDING, "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no open ETHUSD position to charge FUNDING 1.00000000 to (F1)");
  }

  @Test
  void aWithdrawalMayNotLeaveTheCashBelowMinusTheEquity() {
    MarginBook book = new MarginBook(paper());
    book.apply(deposit("D1", 0, "1000"));
    book.apply(buy("T1", 1, XBTUSD, "1", "10000", "0", 125));
    book.apply(mark("M1", 2, XBTUSD, "8000"));
    // equity 1,000 − 2,000 = −1,000; withdrawing 600 leaves cash 400 and equity −1,600: 400 < 1,600
    assertThatThrownBy(() -> book.apply(withdrawal("W1", 3, "600")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "withdrawal 600.00000000 (W1) would leave cash 400.00000000 below -equity 1600.00000000");
    book.apply(mark("M2", 4, XBTUSD, "10500"));
    // equity 1,500; withdrawing 600 leaves cash 400 ≥ −900
    book.apply(withdrawal("W2", 5, "600"));
    assertThat(book.account().collateral()).isEqualByComparingTo("400");
    assertThat(book.account().netDeposits()).isEqualByComparingTo("400");
  }

  @Test
  void aMarkPriceRevaluesTheOpenPositionWithoutBookingAnything() {
    MarginBook book = new MarginBook(paper());
    book.apply(deposit("D1", 0, "5000"));
    book.apply(buy("T1", 1, XBTUSD, "1", "10000", "0", 5));
    book.apply(mark("M1", 2, XBTUSD, "10250"));
    MarginAccount account = book.account();
    assertThat(account.collateral()).isEqualByComparingTo("5000");
    assertThat(account.summary().unrealizedPnl()).isEqualByComparingTo("250");
    assertThat(account.summary().equity()).isEqualByComparingTo("5250");
  }

  @Test
  void switchingModeChangesOnlyTheLiquidationView() {
    MarginBook book = new MarginBook(paper());
    book.apply(deposit("D1", 0, "5000"));
    book.apply(buy("T1", 1, XBTUSD, "1", "10000", "0", 5));
    MarginAccount cross = book.account();
    book.switchMode(MarginMode.ISOLATED);
    MarginAccount isolated = book.account();
    assertThat(isolated.terms().mode()).isEqualTo(MarginMode.ISOLATED);
    assertThat(isolated.collateral()).isEqualTo(cross.collateral());
    assertThat(isolated.positions()).isEqualTo(cross.positions());
    assertThat(isolated.summary().positions().get(0).liquidationPrice())
        .isNotEqualTo(cross.summary().positions().get(0).liquidationPrice());
  }

  @Test
  void resumingFromAnAccountContinuesAsIfNeverStopped() {
    List<MarginEvent> events =
        List.of(
            deposit("D1", 0, "5000"),
            buy("T1", 1, XBTUSD, "1", "10000", "1", 5),
            sell("T2", 2, XBTUSD, "0.4", "10100", "1", 5),
            carry("R1", 3, XBTUSD, CarryKind.ROLLOVER, "0.8"),
            sell("T3", 4, XBTUSD, "1", "10200", "1", 5));
    MarginBook first = new MarginBook(paper());
    events.subList(0, 3).forEach(first::apply);
    MarginBook resumed = MarginBook.resume(first.account());
    events.subList(3, events.size()).forEach(resumed::apply);
    assertThat(resumed.account()).isEqualTo(MarginBook.replay(paper(), events));
    assertThat(resumed.account().position(XBTUSD).size()).isEqualByComparingTo(d("-0.4"));
  }
}
