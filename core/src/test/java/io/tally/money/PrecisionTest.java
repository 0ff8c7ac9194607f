package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
  void aSumIsBigDecimalsOwnAndTheSecondTermItselfAfterANarrowZero() {
    // 0.00000000 + 1.50000000: the zero is no wider, so the sum is that very 1.50000000.
    BigDecimal term = d("1.50000000");
    assertThat(Precision.sum(d("0.00000000"), term)).isSameAs(term);
    // 0.00000000 + 1.5 = 1.50000000 (the wider scale); 0.1 + 0 = 0.1; -0.5 + 0.25 = -0.25.
    assertThat(Precision.sum(d("0.00000000"), d("1.5"))).isEqualTo(d("1.50000000"));
    assertThat(Precision.sum(d("0.1"), d("0"))).isEqualTo(d("0.1"));
    assertThat(Precision.sum(d("-0.5"), d("0.25"))).isEqualTo(d("-0.25"));
    // Seeded: zeros and non-zeros at scales -3 to 12, both orders, always BigDecimal's add.
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 100_000; i++) {
      BigDecimal a =
          BigDecimal.valueOf(
              random.nextInt(3) == 0 ? 0 : random.nextLong(), random.nextInt(16) - 3);
      BigDecimal b =
          BigDecimal.valueOf(
              random.nextInt(3) == 0 ? 0 : random.nextLong(), random.nextInt(16) - 3);
      assertThat(Precision.sum(a, b)).as("%s + %s", a, b).isEqualTo(a.add(b));
      assertThat(Precision.sum(b, a)).as("%s + %s", b, a).isEqualTo(b.add(a));
    }
  }

  @Test
  void aShareRoundsOnceNotTwice() {
    // 100 × 1 / 3 = 33.333333333... → 33.33333333 (one rounding of the exact quotient)
    assertThat(Precision.share(d("100"), d("1"), d("3")).toPlainString()).isEqualTo("33.33333333");
    // the remainder of three shares is what rounding left: 100 - 2 × 33.33333333 = 33.33333334
  }

  @Test
  void aQuantityShareKeepsTenDecimalsRoundedHalfEvenAndTheDownShareIsShortest() {
    // 2 × 1 / 3 = 0.66666666666… → 0.6666666667 HALF_EVEN at 10 decimals, kept at that scale;
    // rounded DOWN it is 0.6666666666, and 2 × 1 / 4 = 0.5000000000 DOWN is 0.5 in its shortest
    // form
    assertThat(Precision.quantityShare(d("2"), d("1"), d("3")).toPlainString())
        .isEqualTo("0.6666666667");
    assertThat(Precision.quantityShare(d("2"), d("1"), d("4")).toPlainString())
        .isEqualTo("0.5000000000");
    assertThat(Precision.quantityShareDown(d("2"), d("1"), d("3")).toPlainString())
        .isEqualTo("0.6666666666");
    assertThat(Precision.quantityShareDown(d("2"), d("1"), d("4")).toPlainString())
        .isEqualTo("0.5");
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

  @Test
  void aPriceIsTheQuotientAtTwelveDecimalsWithoutTrailingZeros() {
    // 12,200 / 0.2 = 61,000; 1 / 3 = 0.333333333333 (HALF_EVEN at the 12th decimal)
    assertThat(Precision.price(d("12200.00000000"), d("0.2")).toPlainString()).isEqualTo("61000");
    assertThat(Precision.price(d("12200.00000000"), d("0.2")).scale()).isZero();
    assertThat(Precision.price(d("1"), d("3")).toPlainString()).isEqualTo("0.333333333333");
    assertThat(Precision.price(d("2"), d("3")).toPlainString()).isEqualTo("0.666666666667");
    // ties go to the even digit: 1 / 2e12 = 0.0000000000005 → 0; 3 / 2e12 → 0.000000000002
    assertThat(Precision.price(d("1"), d("2000000000000")).toPlainString()).isEqualTo("0");
    assertThat(Precision.price(d("3"), d("2000000000000")).toPlainString())
        .isEqualTo("0.000000000002");
    // a short's cross liquidation price beyond a long's range: 10,003,456.12345678 / 0.001
    assertThat(Precision.price(d("10003456.12345678"), d("0.001")).toPlainString())
        .isEqualTo("10003456123.45678");
    assertThat(Precision.price(d("-7.5"), d("2.5")).toPlainString()).isEqualTo("-3");
    // more digits than a long holds: 12,345,678,901,234,567 / −3
    assertThat(Precision.price(d("12345678901234567"), d("-3")).toPlainString())
        .isEqualTo("-4115226300411522.333333333333");
  }

  /**
   * {@link Precision#price} divides numbers of up to 17 digits with long arithmetic; over random
   * numerators and denominators (1 to 20 digits, scales −2 to 14, either sign, some that divide to
   * ties at the 13th decimal) it gives exactly what {@link BigDecimal#divide} and {@code
   * stripTrailingZeros} give: the same digits and the same scale.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void aPriceIsExactlyWhatBigDecimalDivisionGives(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 500; i++) {
      BigDecimal numerator = randomNumber(random);
      BigDecimal denominator = randomNumber(random);
      if (random.nextInt(4) == 0) {
        // a denominator of 2^a × 5^b: the quotient ends, often at a tie
        denominator =
            new BigDecimal(
                BigInteger.TWO
                    .pow(random.nextInt(20))
                    .multiply(BigInteger.valueOf(5).pow(random.nextInt(8))),
                random.nextInt(-2, 15));
      }
      if (random.nextInt(8) == 0) {
        // (10k + 5) × 10^-13 × an even denominator: an exact tie at the 13th decimal
        BigDecimal tie = BigDecimal.valueOf(random.nextLong(1_000_000_000L) * 10 + 5, 13);
        denominator = BigDecimal.valueOf(2L * (1 + random.nextInt(50_000)), random.nextInt(0, 6));
        numerator = Precision.canonical(tie.multiply(denominator));
      }
      if (denominator.signum() == 0) {
        continue;
      }
      BigDecimal expected =
          numerator
              .divide(denominator, Precision.PRICE_SCALE, RoundingMode.HALF_EVEN)
              .stripTrailingZeros();
      if (expected.scale() < 0) {
        expected = expected.setScale(0, RoundingMode.UNNECESSARY);
      }
      assertThat(Precision.price(numerator, denominator))
          .as("seed %d: %s / %s", seed, numerator, denominator)
          .isEqualTo(expected);
    }
  }

  /** A number of 1 to 20 digits at a scale from −2 to 14, either sign; zero now and then. */
  private static BigDecimal randomNumber(SplittableRandom random) {
    int digits = 1 + random.nextInt(20);
    StringBuilder unscaled = new StringBuilder(random.nextBoolean() ? "-" : "");
    for (int i = 0; i < digits; i++) {
      unscaled.append((char) ('0' + random.nextInt(i == 0 && digits > 1 ? 1 : 0, 10)));
    }
    if (random.nextInt(10) == 0) {
      // trailing zeros, which the quotient may or may not keep
      unscaled.append("000");
    }
    return new BigDecimal(new BigInteger(unscaled.toString()), random.nextInt(-2, 15));
  }
}
