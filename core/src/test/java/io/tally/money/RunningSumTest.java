package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunningSumTest {

  @Test
  void keepsTheLargerScaleAsBigDecimalDoes() {
    // 1.50 + 0.125 = 1.625 (scale max(2, 3) = 3); - 1.625 = 0.000, still at scale 3; + 2 = 2.000.
    RunningSum fees = new RunningSum(new BigDecimal("1.50"));
    fees.add(new BigDecimal("0.125"));
    assertThat(fees.value()).isEqualTo(new BigDecimal("1.625"));
    fees.subtract(new BigDecimal("1.625"));
    assertThat(fees.value()).isEqualTo(new BigDecimal("0.000"));
    assertThat(fees.signum()).isZero();
    fees.add(BigDecimal.valueOf(2));
    assertThat(fees.value()).isEqualTo(new BigDecimal("2.000"));
  }

  @Test
  void goesOnPastALongsDigitsAndBack() {
    // 9e17 + 9e17 = 1.8e18: 19 digits, past the 18 an amount may have in longs but not past a
    // long; + 9e18 = 1.08e19 is past a long, so the total goes on as a BigDecimal; - 1.08e19 = 0.
    BigDecimal big = new BigDecimal("900000000000000000");
    RunningSum total = new RunningSum(big);
    total.add(big);
    assertThat(total.value()).isEqualTo(new BigDecimal("1800000000000000000"));
    total.add(new BigDecimal("9000000000000000000"));
    assertThat(total.value()).isEqualTo(new BigDecimal("10800000000000000000"));
    assertThat(total.signum()).isOne();
    total.subtract(new BigDecimal("10800000000000000000"));
    assertThat(total.value()).isEqualTo(BigDecimal.ZERO);
    assertThat(total.signum()).isZero();
  }

  @Test
  void startsATotalPerKeyAtItsFirstAmountAsMapMergeDoes() {
    Map<String, RunningSum> totals = new HashMap<>();
    RunningSum.addTo(totals, "XBT", new BigDecimal("0.10000000"));
    RunningSum.addTo(totals, "ETH", new BigDecimal("-2.5"));
    RunningSum.addTo(totals, "XBT", new BigDecimal("0.2"));
    // XBT: 0.10000000 + 0.2 = 0.30000000; ETH: -2.5 as given.
    assertThat(RunningSum.values(totals))
        .containsExactly(
            Map.entry("ETH", new BigDecimal("-2.5")),
            Map.entry("XBT", new BigDecimal("0.30000000")));
  }

  @Test
  void equalsBigDecimalsOwnSumsDigitForDigitAndScaleForScale() {
    // Seeded sequences of amounts of 1 to 40 digits at scales -20 to 40, both signs, added or
    // subtracted: after every step the total is what BigDecimal's add or subtract gives.
    Random random = new Random(20261205);
    for (int sequence = 0; sequence < 20_000; sequence++) {
      BigDecimal expected = amount(random);
      RunningSum total = new RunningSum(expected);
      int steps = 1 + random.nextInt(30);
      for (int step = 0; step < steps; step++) {
        BigDecimal amount = amount(random);
        if (random.nextBoolean()) {
          total.add(amount);
          expected = expected.add(amount);
        } else {
          total.subtract(amount);
          expected = expected.subtract(amount);
        }
        assertThat(total.value()).as("sequence %d step %d", sequence, step).isEqualTo(expected);
        assertThat(total.signum()).isEqualTo(expected.signum());
      }
    }
  }

  @Test
  void equalsBigDecimalsSumsOfTheBooksOwnShapes() {
    // The books' totals: money at 8 decimals and quantities of up to 10, near a long's edge too.
    Random random = new Random(7);
    List<Integer> scales = List.of(0, 2, 8, 8, 8, 10);
    for (int sequence = 0; sequence < 5_000; sequence++) {
      BigDecimal expected = BigDecimal.ZERO.setScale(8);
      RunningSum total = new RunningSum(expected);
      for (int step = 0; step < 200; step++) {
        long digits = random.nextLong() / (1L << random.nextInt(64));
        BigDecimal amount = BigDecimal.valueOf(digits, scales.get(random.nextInt(scales.size())));
        total.add(amount);
        expected = expected.add(amount);
      }
      assertThat(total.value()).as("sequence %d", sequence).isEqualTo(expected);
    }
  }

  /** A number of 1 to 40 random digits, either sign, at a scale from -20 to 40. */
  private static BigDecimal amount(Random random) {
    int digits = 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 18);
    BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
    if (random.nextBoolean()) {
      unscaled = unscaled.negate();
    }
    return new BigDecimal(unscaled, random.nextInt(61) - 20);
  }
}
