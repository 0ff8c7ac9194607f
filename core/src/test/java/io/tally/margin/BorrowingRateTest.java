package io.tally.margin;

import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.buy;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.deposit;
import static io.tally.margin.MarginFixtures.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BorrowingRateTest {

  private static final BorrowingRate ROLLOVER = new BorrowingRate(d("0.0002"), Duration.ofHours(4));

  @Test
  void onlyWholePeriodsAreCharged() {
    // 10 hours hold 2 whole 4-hour periods: 8,000 × 0.0002 × 2 = 3.20
    assertThat(ROLLOVER.periods(Duration.ofHours(10))).isEqualTo(2);
    assertThat(ROLLOVER.carryFor(d("8000"), Duration.ofHours(10))).isEqualByComparingTo("3.20");
    assertThat(ROLLOVER.carryFor(d("8000"), Duration.ofMinutes(239))).isEqualByComparingTo("0");
  }

  @Test
  void aPositionPaysOnlyOnWhatItBorrowed() {
    PositionMargin position =
        MarginBook.replay(
                paper(),
                List.of(deposit("D1", 0, "5000"), buy("T1", 1, XBTUSD, "1", "10000", "0", 5)))
            .summary()
            .positions()
            .get(0);
    // borrowed 10,000 − 10,000 / 5 = 8,000; a day is 6 periods: 8,000 × 0.0002 × 6 = 9.60
    assertThat(position.borrowed()).isEqualByComparingTo("8000");
    assertThat(position.borrowingCost(ROLLOVER, Duration.ofDays(1))).isEqualByComparingTo("9.60");
  }

  @Test
  void badRatesAndDurationsAreRejectedByName() {
    assertThatThrownBy(() -> new BorrowingRate(d("-0.1"), Duration.ofHours(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ratePerPeriod must not be negative, got -0.1");
    assertThatThrownBy(() -> new BorrowingRate(d("0.1"), Duration.ZERO))
        .hasMessage("period must be positive, got PT0S");
    assertThatThrownBy(() -> ROLLOVER.periods(Duration.ofHours(-1)))
        .hasMessage("held must not be negative, got PT-1H");
  }
}
