package io.tally.margin;

import static io.tally.margin.MarginFixtures.ETHUSD;
import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.buy;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarginPositionTest {

  @Test
  void aLongAveragesItsEntryAndAPartialCloseRealizesAgainstIt() {
    MarginPosition position = MarginPosition.flat(XBTUSD);
    position = position.apply(buy("T1", 0, XBTUSD, "0.1", "60000", "0", 5)).after();
    position = position.apply(buy("T2", 1, XBTUSD, "0.1", "62000", "0", 5)).after();
    // entry value 6,000 + 6,200 = 12,200 over 0.2 → entry 61,000
    assertThat(position.size()).isEqualByComparingTo("0.2");
    assertThat(position.entryValue()).isEqualByComparingTo("12200");
    assertThat(position.entryPrice()).contains(d("61000"));
    assertThat(position.side()).contains(PositionSide.LONG);

    MarginPosition.Change close = position.apply(sell("T3", 2, XBTUSD, "0.05", "63000", "0", 5));
    // released 12,200 × 0.05 / 0.2 = 3,050; proceeds 0.05 × 63,000 = 3,150;
    // realized 3,150 − 3,050 = 100 = 0.05 × (63,000 − 61,000) × (+1)
    assertThat(close.realized()).isEqualByComparingTo("100");
    MarginPosition after = close.after();
    assertThat(after.size()).isEqualByComparingTo("0.15");
    assertThat(after.entryValue()).isEqualByComparingTo("9150");
    assertThat(after.entryPrice()).contains(d("61000"));
    assertThat(after.realizedPnl()).isEqualByComparingTo("100");
    // marked at 60,000: 0.15 × 60,000 − 9,150 = −150
    assertThat(after.unrealizedPnl(d("60000"))).isEqualByComparingTo("-150");
    // initial margin 9,150 / 5 = 1,830; borrowed 9,150 − 1,830 = 7,320
    assertThat(after.initialMargin()).isEqualByComparingTo("1830");
    assertThat(after.borrowed()).isEqualByComparingTo("7320");
  }

  @Test
  void aShortGainsWhenThePriceFalls() {
    MarginPosition position =
        MarginPosition.flat(ETHUSD).apply(sell("T1", 0, ETHUSD, "2", "3000", "0", 2)).after();
    assertThat(position.size()).isEqualByComparingTo("-2");
    assertThat(position.side()).contains(PositionSide.SHORT);
    // marked at 3,100: (2 × 3,100 − 6,000) × (−1) = −200
    assertThat(position.unrealizedPnl(d("3100"))).isEqualByComparingTo("-200");

    MarginPosition.Change cover = position.apply(buy("T2", 1, ETHUSD, "0.5", "2800", "0", 2));
    // 0.5 × (2,800 − 3,000) × (−1) = +100
    assertThat(cover.realized()).isEqualByComparingTo("100");
    assertThat(cover.after().size()).isEqualByComparingTo("-1.5");
    assertThat(cover.after().entryPrice()).contains(d("3000"));
  }

  @Test
  void closingEverythingReleasesTheWholeEntryValueWithoutDust() {
    MarginPosition position = MarginPosition.flat(XBTUSD);
    position = position.apply(buy("T1", 0, XBTUSD, "1", "100", "0", 1)).after();
    position = position.apply(buy("T2", 1, XBTUSD, "2", "101", "0", 1)).after();
    // entry 302 / 3 = 100.666…; three closes of a third each must leave exactly zero
    position = position.apply(sell("T3", 2, XBTUSD, "1", "110", "0", 1)).after();
    position = position.apply(sell("T4", 3, XBTUSD, "1", "110", "0", 1)).after();
    MarginPosition.Change last = position.apply(sell("T5", 4, XBTUSD, "1", "110", "0", 1));
    assertThat(last.after().isFlat()).isTrue();
    assertThat(last.after().entryValue()).isEqualByComparingTo("0");
    assertThat(last.after().entryPrice()).isEmpty();
    // realized in total 3 × 110 − 302 = 28, however the shares rounded
    assertThat(last.after().realizedPnl()).isEqualByComparingTo("28");
  }

  @Test
  void aFillThroughZeroClosesAllAndReopensTheRestAtTheFillPrice() {
    MarginPosition position =
        MarginPosition.flat(XBTUSD).apply(buy("T1", 0, XBTUSD, "0.3", "50000", "0", 5)).after();
    MarginPosition.Change flip = position.apply(sell("T2", 1, XBTUSD, "0.5", "52000", "13", 3));
    // closes 0.3: 0.3 × (52,000 − 50,000) = 600; opens 0.2 short at 52,000 with the fill's 3×
    assertThat(flip.closedQuantity()).isEqualByComparingTo("0.3");
    assertThat(flip.realized()).isEqualByComparingTo("600");
    assertThat(flip.openedQuantity()).isEqualByComparingTo("0.2");
    // opened value 0.5 × 52,000 − 0.3 × 52,000 = 10,400
    assertThat(flip.openedValue()).isEqualByComparingTo("10400");
    // fee 13 split by quantity: 13 × 0.3 / 0.5 = 7.8 closes, 5.2 opens
    assertThat(flip.closingFee()).isEqualByComparingTo("7.8");
    assertThat(flip.openingFee()).isEqualByComparingTo("5.2");
    MarginPosition after = flip.after();
    assertThat(after.size()).isEqualByComparingTo("-0.2");
    assertThat(after.entryPrice()).contains(d("52000"));
    assertThat(after.leverage()).isEqualTo(3);
    assertThat(after.feesPaid()).isEqualByComparingTo("13");
    assertThat(after.netPnl()).isEqualByComparingTo("587");
  }

  @Test
  void addingAtAnotherLeverageIsRejectedButReducingAtAnyIsNot() {
    MarginPosition position =
        MarginPosition.flat(XBTUSD).apply(buy("T1", 0, XBTUSD, "1", "100", "0", 5)).after();
    assertThatThrownBy(() -> position.apply(buy("T2", 1, XBTUSD, "1", "100", "0", 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("leverage 3 of fill T2 differs from the 5 of the open XBTUSD position");
    assertThat(position.apply(sell("T3", 1, XBTUSD, "0.5", "100", "0", 3)).after().leverage())
        .isEqualTo(5);
  }

  @Test
  void carryOnAFlatPositionIsRejected() {
    assertThatThrownBy(
            () ->
                MarginPosition.flat(XBTUSD)
                    .charged(MarginFixtures.carry("R1", 0, XBTUSD, CarryKind.ROLLOVER, "1.2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no open XBTUSD position to charge ROLLOVER 1.20000000 to (R1)");
  }

  @Test
  void aFlatPositionHasNoSideEntryOrMargin() {
    MarginPosition flat = MarginPosition.flat(XBTUSD);
    assertThat(flat.side()).isEqualTo(Optional.empty());
    assertThat(flat.initialMargin()).isEqualByComparingTo("0");
    assertThat(flat.unrealizedPnl(d("1"))).isEqualByComparingTo("0");
  }
}
