package io.tally.margin;

import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.buy;
import static io.tally.margin.MarginFixtures.carry;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.deposit;
import static io.tally.margin.MarginFixtures.minute;
import static io.tally.margin.MarginFixtures.paper;
import static io.tally.margin.MarginFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.EventId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeLifecycleTest {

  @Test
  void aLongOpenedAndClosedWithTakerFeesIsClosedWithItsHandComputedPnl() {
    // Kraken Pro's 0.40 % taker fee: 0.1 × 60,000 × 0.004 = 24; 0.1 × 60,500 × 0.004 = 24.20
    MarginAccount account =
        MarginBook.replay(
            paper(),
            List.of(
                deposit("D1", 0, "10000"),
                buy("T1", 1, XBTUSD, "0.1", "60000", "24", 5),
                sell("T2", 90, XBTUSD, "0.1", "60500", "24.20", 5)));

    assertThat(account.trades()).hasSize(1);
    TradeLifecycle trade = account.trades().get(0);
    assertThat(trade.status()).isEqualTo(TradeStatus.CLOSED);
    assertThat(trade.id()).isEqualTo(EventId.of("T1"));
    assertThat(trade.side()).isEqualTo(PositionSide.LONG);
    assertThat(trade.entryTime()).isEqualTo(minute(1));
    assertThat(trade.exitTime()).contains(minute(90));
    // realized 0.1 × (60,500 − 60,000) × (+1) = 50; fees 24 + 24.20 = 48.20; net 50 − 48.20 = 1.80
    assertThat(trade.realizedPnl()).isPositive().isEqualByComparingTo("50");
    assertThat(trade.feesPaid()).isPositive().isEqualByComparingTo("48.20");
    assertThat(trade.netPnl()).isEqualByComparingTo("1.80");
    // the collateral moved by the same: 10,000 + 50 − 48.20
    assertThat(account.collateral()).isEqualByComparingTo("10001.80");

    String line = trade.closedLine();
    assertThat(line)
        .isEqualTo(
            "TRADE_CLOSED id=T1 pair=XBT/USD side=long qty=0.1 entry=60000 exit=60500"
                + " fee_paid=48.20000000 funding_paid=0.00000000 realized_pnl=50.00000000"
                + " net_pnl=1.80000000");
    assertThat(line).contains("fee_paid=", "funding_paid=", "realized_pnl=");
  }

  @Test
  void aClosedTradeSharesOneInstanceForItsEqualQuantitiesAndForNoFunding() {
    MarginAccount account =
        MarginBook.replay(
            paper(),
            List.of(
                deposit("D1", 0, "10000"),
                buy("T1", 1, XBTUSD, "0.1", "60000", "24", 5),
                sell("T2", 90, XBTUSD, "0.1", "60500", "24.20", 5),
                buy("T3", 91, XBTUSD, "0.2", "60000", "0", 5),
                sell("T4", 92, XBTUSD, "0.2", "60100", "0", 5)));
    TradeLifecycle first = account.trades().get(0);
    TradeLifecycle second = account.trades().get(1);

    // Books keep every trade: equal values share an instance, and keep their values.
    assertThat(first.closedQuantity()).isSameAs(first.openedQuantity()).isEqualTo(d("0.1"));
    assertThat(first.peakSize()).isSameAs(first.openedQuantity());
    assertThat(first.fundingPaid()).isSameAs(second.fundingPaid()).isEqualTo(d("0.00000000"));
    assertThat(second.closedQuantity()).isSameAs(second.openedQuantity()).isEqualTo(d("0.2"));
  }

  @Test
  void partialClosesGiveAVolumeWeightedExitAndTheTotalOpenedIsTheQuantity() {
    MarginAccount account =
        MarginBook.replay(
            paper(),
            List.of(
                deposit("D1", 0, "100000"),
                sell("T1", 1, XBTUSD, "1", "50000", "0", 2),
                sell("T2", 2, XBTUSD, "1", "52000", "0", 2),
                buy("T3", 3, XBTUSD, "0.5", "49000", "0", 2),
                carry("R1", 4, XBTUSD, CarryKind.ROLLOVER, "3.50"),
                buy("T4", 5, XBTUSD, "1.5", "48000", "0", 2)));

    TradeLifecycle trade = account.trades().get(0);
    assertThat(trade.status()).isEqualTo(TradeStatus.CLOSED);
    // opened 2 at (50,000 + 52,000) / 2 = 51,000; peak size 2
    assertThat(trade.quantity()).isEqualByComparingTo("2");
    assertThat(trade.entryPrice()).isEqualByComparingTo("51000");
    assertThat(trade.peakSize()).isEqualByComparingTo("2");
    // exit (0.5 × 49,000 + 1.5 × 48,000) / 2 = (24,500 + 72,000) / 2 = 48,250
    assertThat(trade.exitPrice()).contains(d("48250"));
    // short: 2 × (48,250 − 51,000) × (−1) = 5,500
    assertThat(trade.realizedPnl()).isEqualByComparingTo("5500");
    assertThat(trade.fundingPaid()).isEqualByComparingTo("3.50");
    assertThat(trade.closedLine()).contains("side=short", "qty=2", "funding_paid=3.50000000");
  }

  @Test
  void anOpenTradeHasNoExitTimeAndNoClosedLine() {
    MarginAccount account =
        MarginBook.replay(
            paper(),
            List.of(
                deposit("D1", 0, "10000"),
                buy("T1", 1, XBTUSD, "1", "100", "0", 1),
                sell("T2", 2, XBTUSD, "0.4", "110", "0", 1)));
    TradeLifecycle trade = account.openTrade(XBTUSD).orElseThrow();
    assertThat(trade.status()).isEqualTo(TradeStatus.OPEN);
    assertThat(trade.exitPrice()).contains(d("110"));
    assertThat(trade.exitTime()).isEmpty();
    assertThatThrownBy(trade::closedLine)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("trade T1 on XBTUSD is still open");
  }

  @Test
  void aFlipClosesOneTradeAndOpensAnotherUnderTheFlippingFill() {
    MarginAccount account =
        MarginBook.replay(
            paper(),
            List.of(
                deposit("D1", 0, "100000"),
                buy("T1", 1, XBTUSD, "0.3", "50000", "6", 5),
                sell("T2", 2, XBTUSD, "0.5", "52000", "13", 3)));
    assertThat(account.trades()).hasSize(2);
    TradeLifecycle closed = account.trades().get(0);
    TradeLifecycle opened = account.trades().get(1);
    // closed: 0.3 × (52,000 − 50,000) = 600; fees 6 + 13 × 0.3 / 0.5 = 6 + 7.8 = 13.8
    assertThat(closed.closedLine())
        .isEqualTo(
            "TRADE_CLOSED id=T1 pair=XBT/USD side=long qty=0.3 entry=50000 exit=52000"
                + " fee_paid=13.80000000 funding_paid=0.00000000 realized_pnl=600.00000000"
                + " net_pnl=586.20000000");
    // opened: short 0.2 at 52,000 under id T2 with the rest of the fee, 5.2
    assertThat(opened.id()).isEqualTo(EventId.of("T2"));
    assertThat(opened.side()).isEqualTo(PositionSide.SHORT);
    assertThat(opened.status()).isEqualTo(TradeStatus.OPEN);
    assertThat(opened.quantity()).isEqualByComparingTo("0.2");
    assertThat(opened.entryPrice()).isEqualByComparingTo("52000");
    assertThat(opened.feesPaid()).isEqualByComparingTo("5.2");
    assertThat(opened.entryTime()).isEqualTo(minute(2));
  }

  @Test
  void aTradeCannotCloseMoreThanItOpened() {
    assertThatThrownBy(
            () ->
                new TradeLifecycle(
                    EventId.of("T1"),
                    XBTUSD,
                    PositionSide.LONG,
                    d("1"),
                    d("100"),
                    d("2"),
                    d("200"),
                    d("1"),
                    minute(0),
                    minute(1),
                    d("0"),
                    d("0"),
                    d("100")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("trade T1 closed 2 of 1 opened");
  }
}
