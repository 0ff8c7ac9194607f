package io.tally.risk;

import static io.tally.risk.TestBook.ETH;
import static io.tally.risk.TestBook.XBT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConcentrationTest {

  /**
   * 0.6 XBT at 50,000 = 30,000 and 4 ETH at 2,500 = 10,000 of 100,000 equity: gross 40,000, shares
   * 0.75 and 0.25, Herfindahl 0.5625 + 0.0625 = 0.625; the largest, XBT, is 30 % of equity.
   */
  @Test
  void theLargestPositionAndTheHerfindahlIndexOfTheShares() {
    RiskBook book = TestBook.of("100000", "60000").spot(XBT, "0.6").spot(ETH, "4").build();

    Concentration concentration = Concentration.of(book);

    assertThat(concentration.largestAsset()).contains(XBT);
    assertThat(concentration.largestPct()).isEqualByComparingTo("30");
    assertThat(concentration.herfindahl()).isEqualByComparingTo("0.625");
  }

  @Test
  void anAccountOfCashHasNoLargestPositionAndNoIndex() {
    Concentration concentration = Concentration.of(TestBook.cash("1000").build());

    assertThat(concentration.largestAsset()).isEmpty();
    assertThat(concentration.herfindahl()).isEqualByComparingTo("0");
  }
}
