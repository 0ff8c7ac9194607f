package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PrecisionTest {

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void moneyRoundsHalfEvenToEightDecimals() {
    assertThat(Precision.money(d("0.123456785")).toPlainString()).isEqualTo("0.12345678");
    assertThat(Precision.money(d("0.123456775")).toPlainString()).isEqualTo("0.12345678");
    assertThat(Precision.money(d("1")).toPlainString()).isEqualTo("1.00000000");
  }

  @Test
  void aShareRoundsOnceNotTwice() {
    // 100 × 1 / 3 = 33.333333333... → 33.33333333 (one rounding of the exact quotient)
    assertThat(Precision.share(d("100"), d("1"), d("3")).toPlainString()).isEqualTo("33.33333333");
    // the remainder of three shares is what rounding left: 100 - 2 × 33.33333333 = 33.33333334
  }

  @Test
  void valueOfMultipliesThenRounds() {
    // 0.00012345 XBT × 61,234.56 = 7.55940643... → 7.55940643
    assertThat(Precision.valueOf(d("0.00012345"), d("61234.56")).toPlainString())
        .isEqualTo("7.55940643");
  }

  @Test
  void displayRoundsToCents() {
    assertThat(Precision.display(d("2.345")).toPlainString()).isEqualTo("2.34");
    assertThat(Precision.display(d("2.355")).toPlainString()).isEqualTo("2.36");
  }

  @Test
  void percentOfZeroIsZero() {
    assertThat(Precision.percent(d("5"), BigDecimal.ZERO)).isEqualByComparingTo("0");
    assertThat(Precision.percent(d("1"), d("3")).toPlainString()).isEqualTo("33.3333");
  }

  @Test
  void canonicalFormHasNoTrailingZerosAndNoNegativeScale() {
    assertThat(Precision.canonical(d("1.2300")).toPlainString()).isEqualTo("1.23");
    assertThat(Precision.canonical(d("1E+3")).scale()).isZero();
    assertThat(Precision.canonical(d("1E+3")).toPlainString()).isEqualTo("1000");
  }

  @Test
  void aMoneyQuotientRoundsOnceHalfEven() {
    // 1,000 / 3 = 333.333333333... → 333.33333333; 9,150 / 5 = 1,830 exactly
    assertThat(Precision.moneyQuotient(d("1000"), d("3")).toPlainString())
        .isEqualTo("333.33333333");
    assertThat(Precision.moneyQuotient(d("9150"), d("5")).toPlainString())
        .isEqualTo("1830.00000000");
  }

  @Test
  void exactMoneyKeepsEightDecimalsAndRejectsMore() {
    assertThat(Precision.exactMoney(d("24.2"), "fee").toPlainString()).isEqualTo("24.20000000");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Precision.exactMoney(d("0.123456789"), "fee"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fee must have at most 8 decimals, got 0.123456789");
  }
}
