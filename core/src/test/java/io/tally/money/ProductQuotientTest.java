package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProductQuotientTest {

  private static final RoundingMode[] ROUNDINGS = {
    RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.HALF_UP
  };

  @Test
  void dividesOneHundredIntoThirdsAtMoneyScale() {
    // 100.00000000 × 1 ÷ 3 = 33.333333333…: HALF_EVEN at 8 decimals keeps 33.33333333.
    assertThat(
            ProductQuotient.of(
                new BigDecimal("100.00000000"),
                BigDecimal.ONE,
                new BigDecimal("3"),
                8,
                RoundingMode.HALF_EVEN))
        .isEqualTo(new BigDecimal("33.33333333"));
  }

  @Test
  void roundsAnExactHalfToTheEvenDigitAndDownTowardZero() {
    // 0.5 × 5 ÷ 1 = 2.5 at 0 decimals: HALF_EVEN gives 2 (even), 3.5 gives 4; DOWN gives 2 and -2.
    BigDecimal half = new BigDecimal("0.5");
    assertThat(
            ProductQuotient.of(
                half, BigDecimal.valueOf(5), BigDecimal.ONE, 0, RoundingMode.HALF_EVEN))
        .isEqualTo(BigDecimal.valueOf(2));
    assertThat(
            ProductQuotient.of(
                half, BigDecimal.valueOf(7), BigDecimal.ONE, 0, RoundingMode.HALF_EVEN))
        .isEqualTo(BigDecimal.valueOf(4));
    assertThat(
            ProductQuotient.of(half, BigDecimal.valueOf(5), BigDecimal.ONE, 0, RoundingMode.DOWN))
        .isEqualTo(BigDecimal.valueOf(2));
    assertThat(
            ProductQuotient.of(half, BigDecimal.valueOf(-5), BigDecimal.ONE, 0, RoundingMode.DOWN))
        .isEqualTo(BigDecimal.valueOf(-2));
  }

  @Test
  void sharesMoneyOfAQuantityPastALongsRange() {
    // 123456.78901234 × 0.0340556576 = 4204.402134999693214784 (its digits, 12345678901234 ×
    // 340556576 ≈ 4.2e21, are past a long: the 128-bit path); ÷ 1.0029385267 = 4192.083585455…,
    // which HALF_EVEN keeps as 4192.08358546 at 8 decimals.
    BigDecimal total = new BigDecimal("123456.78901234");
    BigDecimal part = new BigDecimal("0.0340556576");
    BigDecimal whole = new BigDecimal("1.0029385267");
    assertThat(ProductQuotient.of(total, part, whole, 8, RoundingMode.HALF_EVEN))
        .isEqualTo(total.multiply(part).divide(whole, 8, RoundingMode.HALF_EVEN))
        .isEqualTo(new BigDecimal("4192.08358546"));
  }

  @Test
  void refusesAZeroDivisorAsBigDecimalDoes() {
    assertThatThrownBy(
            () ->
                ProductQuotient.of(
                    BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, 8, RoundingMode.HALF_EVEN))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void givesBigDecimalsDigitsScaleAndCanonicalFormForEveryOperand() {
    // Seeded: 1 to 20 digits (a long holds 18), scales 0 to 14, either sign, zeros now and then,
    // target scales 0 to 12, three roundings (HALF_UP goes to BigDecimal itself). Every answer
    // must equal BigDecimal's, scale included; so must the canonical form (no trailing zeros,
    // scale never below zero), and x × y rounded once to money, which Precision.valueOf takes as
    // x × y ÷ 1 at 8 decimals.
    Random random = new Random(20261205);
    for (int i = 0; i < 500_000; i++) {
      BigDecimal x = randomDecimal(random);
      BigDecimal y = randomDecimal(random);
      BigDecimal z = randomDecimal(random);
      assertThat(Precision.valueOf(x, y))
          .as("%s × %s", x, y)
          .isEqualTo(x.multiply(y).setScale(Precision.MONEY_SCALE, Precision.ROUNDING));
      if (z.signum() == 0) {
        continue;
      }
      int scale = random.nextInt(13);
      RoundingMode rounding = ROUNDINGS[random.nextInt(ROUNDINGS.length)];
      BigDecimal expected = x.multiply(y).divide(z, scale, rounding);
      assertThat(ProductQuotient.of(x, y, z, scale, rounding))
          .as("%s × %s ÷ %s at %d, %s", x, y, z, scale, rounding)
          .isEqualTo(expected);
      assertThat(ProductQuotient.canonical(x, y, z, scale, rounding))
          .as("canonical %s × %s ÷ %s at %d, %s", x, y, z, scale, rounding)
          .isEqualTo(Precision.canonical(expected));
    }
  }

  @Test
  void givesBigDecimalsDigitsForTheBooksOwnNumbers() {
    // Seeded, shaped like the books' shares: money at 8 decimals of 1 to 17 digits, quantities at
    // 0 to 10 decimals of 1 to 13 digits, a part no larger than its whole; each answer at money's
    // 8 decimals (HALF_EVEN) and at a quantity's 10 (HALF_EVEN and DOWN) must equal BigDecimal's.
    Random random = new Random(7);
    for (int i = 0; i < 500_000; i++) {
      BigDecimal money = digits(random, 1 + random.nextInt(17), 8);
      BigDecimal whole = digits(random, 1 + random.nextInt(13), random.nextInt(11));
      if (whole.signum() == 0) {
        continue;
      }
      BigDecimal part = whole.multiply(BigDecimal.valueOf(random.nextInt(1001), 3));
      if (random.nextBoolean()) {
        money = money.negate();
      }
      assertThat(ProductQuotient.of(money, part, whole, 8, RoundingMode.HALF_EVEN))
          .isEqualTo(money.multiply(part).divide(whole, 8, RoundingMode.HALF_EVEN));
      assertThat(ProductQuotient.of(whole, money, part.add(whole), 10, RoundingMode.HALF_EVEN))
          .isEqualTo(whole.multiply(money).divide(part.add(whole), 10, RoundingMode.HALF_EVEN));
      assertThat(ProductQuotient.of(part, money.abs(), whole, 10, RoundingMode.DOWN))
          .isEqualTo(part.multiply(money.abs()).divide(whole, 10, RoundingMode.DOWN));
    }
  }

  private static BigDecimal digits(Random random, int count, int scale) {
    long unscaled = 0;
    for (int i = 0; i < count; i++) {
      unscaled = unscaled * 10 + random.nextInt(10);
    }
    return BigDecimal.valueOf(unscaled, scale);
  }

  @Test
  void dividesEveryUnsigned128BitNumberAsBigIntegerDoes() {
    // Seeded: divisors of 1 to 64 bits (the top bit set included), dividends whose high half is
    // below the divisor, so the quotient fits 64 bits; a quarter of them of 64 bits alone.
    Random random = new Random(42);
    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    long[] remainder = new long[1];
    for (int i = 0; i < 1_000_000; i++) {
      int bits = 1 + random.nextInt(64);
      long divisor =
          bits == 64 ? random.nextLong() | Long.MIN_VALUE : random.nextLong() >>> (64 - bits);
      if (divisor == 0) {
        divisor = 1;
      }
      long high =
          i % 4 == 0
              ? 0
              : Long.remainderUnsigned(random.nextLong() >>> random.nextInt(64), divisor);
      long low = random.nextLong();
      BigInteger dividend = unsigned(high).shiftLeft(64).add(unsigned(low));
      BigInteger[] expected = dividend.divideAndRemainder(unsigned(divisor));

      long quotient = ProductQuotient.divideUnsigned(high, low, divisor, remainder);

      assertThat(unsigned(quotient))
          .as("%s / %s", dividend, unsigned(divisor))
          .isEqualTo(expected[0]);
      assertThat(unsigned(remainder[0])).isEqualTo(expected[1]);
      assertThat(expected[0]).isLessThan(two64);
    }
  }

  private static BigInteger unsigned(long value) {
    BigInteger signed = BigInteger.valueOf(value);
    return value >= 0 ? signed : signed.add(BigInteger.ONE.shiftLeft(64));
  }

  private static BigDecimal randomDecimal(Random random) {
    if (random.nextInt(20) == 0) {
      return BigDecimal.ZERO.setScale(random.nextInt(9));
    }
    int digits = 1 + random.nextInt(20);
    StringBuilder text = new StringBuilder().append(1 + random.nextInt(9));
    for (int i = 1; i < digits; i++) {
      text.append(random.nextInt(10));
    }
    BigDecimal value = new BigDecimal(new BigInteger(text.toString()), random.nextInt(15));
    return random.nextBoolean() ? value : value.negate();
  }
}
