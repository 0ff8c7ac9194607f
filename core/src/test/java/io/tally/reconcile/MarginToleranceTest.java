package io.tally.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MarginToleranceTest {

  /** The balances' default tolerance, 1.00, with Tally's relative part, 0.5 %. */
  private static final MarginTolerance TOLERANCE = MarginTolerance.of(new BigDecimal("1.00"));

  @Test
  void aMoneyFigureMayLieHalfAPercentOfKrakensFromItAtTheLimitAndJustUnderButNotJustOver() {
    BigDecimal kraken = new BigDecimal("10000.00");
    // max(1.00, 0.005 × 10,000.00) = 50.00
    assertThat(TOLERANCE.limit(MarginFigure.EQUITY, kraken)).isEqualByComparingTo("50.00");
    assertThat(TOLERANCE.allows(MarginFigure.EQUITY, new BigDecimal("10050.00"), kraken))
        .as("at: 10,050.00 − 10,000.00 = 50.00")
        .isTrue();
    assertThat(TOLERANCE.allows(MarginFigure.EQUITY, new BigDecimal("10049.99"), kraken))
        .as("just under: 49.99")
        .isTrue();
    assertThat(TOLERANCE.allows(MarginFigure.EQUITY, new BigDecimal("10050.01"), kraken))
        .as("just over: 50.01")
        .isFalse();
    assertThat(TOLERANCE.allows(MarginFigure.FREE_MARGIN, new BigDecimal("9949.99"), kraken))
        .as("just over below Kraken's: −50.01")
        .isFalse();
  }

  @Test
  void aSmallAccountHasTheBalancesAbsoluteToleranceAtLeast() {
    BigDecimal kraken = new BigDecimal("100.00");
    // max(1.00, 0.005 × 100.00 = 0.50) = 1.00
    assertThat(TOLERANCE.limit(MarginFigure.MARGIN_USED, kraken)).isEqualByComparingTo("1.00");
    assertThat(TOLERANCE.allows(MarginFigure.MARGIN_USED, new BigDecimal("101.00"), kraken))
        .isTrue();
    assertThat(TOLERANCE.allows(MarginFigure.MARGIN_USED, new BigDecimal("101.01"), kraken))
        .isFalse();
  }

  @Test
  void aMarginLevelIsMeasuredRelativelyWithKrakensRoundingAsTheFloor() {
    BigDecimal kraken = new BigDecimal("339.68");
    // 0.005 × 339.68 = 1.6984 percentage points; the absolute 1.00 (money) does not apply.
    assertThat(TOLERANCE.limit(MarginFigure.MARGIN_LEVEL, kraken)).isEqualByComparingTo("1.6984");
    assertThat(TOLERANCE.allows(MarginFigure.MARGIN_LEVEL, new BigDecimal("341.3784"), kraken))
        .isTrue();
    assertThat(TOLERANCE.allows(MarginFigure.MARGIN_LEVEL, new BigDecimal("341.3785"), kraken))
        .isFalse();
    // A level of 1 %: 0.005 × 1 = 0.005 is below Kraken's 2-decimal rounding, so 0.01.
    assertThat(TOLERANCE.limit(MarginFigure.MARGIN_LEVEL, BigDecimal.ONE))
        .isEqualByComparingTo("0.01");
  }

  @Test
  void aToleranceIsNotNegative() {
    assertThatThrownBy(() -> new MarginTolerance(new BigDecimal("-1"), MarginTolerance.RELATIVE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
