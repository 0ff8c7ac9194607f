package io.tally.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderRulesTest {

  /** XBT/USD as Kraken lists it: ordermin 0.0001 XBT, costmin 0.5 USD, 8 lot decimals. */
  private static final OrderRules XBTUSD =
      new OrderRules(new BigDecimal("0.0001"), Optional.of(new BigDecimal("0.5")), 8);

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Nested
  class Ordermin {

    @Test
    void aVolumeAtOrderminMeetsIt() {
      assertThat(XBTUSD.meetsOrdermin(d("0.0001"))).isTrue();
      assertThat(XBTUSD.meetsOrdermin(d("0.00010000"))).as("trailing zeros").isTrue();
    }

    @Test
    void aVolumeJustUnderOrderminDoesNot() {
      // 0.0001 − 0.00000001 (one lot step) = 0.00009999
      assertThat(XBTUSD.meetsOrdermin(d("0.00009999"))).isFalse();
    }

    @Test
    void aVolumeJustOverOrderminMeetsIt() {
      // 0.0001 + 0.00000001 = 0.00010001
      assertThat(XBTUSD.meetsOrdermin(d("0.00010001"))).isTrue();
    }

    @Test
    void aZeroOrderminIsMetByAnyVolume() {
      OrderRules none = new OrderRules(BigDecimal.ZERO, Optional.empty(), 8);
      assertThat(none.meetsOrdermin(d("0.00000001"))).isTrue();
      assertThat(none.meetsOrdermin(BigDecimal.ZERO)).isTrue();
    }
  }

  @Nested
  class Costmin {

    @Test
    void aCostAtCostminMeetsIt() {
      // 0.00001 XBT × 50,000 USD = 0.5 USD, exactly costmin
      assertThat(XBTUSD.meetsCostmin(d("0.00001"), d("50000"))).isTrue();
    }

    @Test
    void aCostJustUnderCostminDoesNot() {
      // 0.00001 × 49,999.9 = 0.499999 USD < 0.5
      assertThat(XBTUSD.meetsCostmin(d("0.00001"), d("49999.9"))).isFalse();
      // 0.00000999 × 50,000 = 0.4995 USD < 0.5
      assertThat(XBTUSD.meetsCostmin(d("0.00000999"), d("50000"))).isFalse();
    }

    @Test
    void aCostJustOverCostminMeetsIt() {
      // 0.00001 × 50,000.1 = 0.500001 USD ≥ 0.5
      assertThat(XBTUSD.meetsCostmin(d("0.00001"), d("50000.1"))).isTrue();
    }

    @Test
    void theCostIsTheExactProductNeverRounded() {
      // 0.00000001 × 49,999,999.99 = 0.4999999999 USD: rounded to 8 decimals it would be 0.5
      assertThat(XBTUSD.meetsCostmin(d("0.00000001"), d("49999999.99"))).isFalse();
    }

    @Test
    void withoutACostminAnyCostMeetsIt() {
      OrderRules ethUsdt = new OrderRules(d("0.002"), Optional.empty(), 8);
      // 0.002 × 0.01 = 0.00002 USDT: tiny, but Kraken sets no costmin here
      assertThat(ethUsdt.meetsCostmin(d("0.002"), d("0.01"))).isTrue();
    }
  }

  @Nested
  class LotDecimals {

    @Test
    void aVolumeWithExactlyLotDecimalsFits() {
      assertThat(XBTUSD.fitsLot(d("0.12345678"))).isTrue();
    }

    @Test
    void aVolumeWithOneDecimalMoreDoesNotFit() {
      assertThat(XBTUSD.fitsLot(d("0.123456789"))).isFalse();
    }

    @Test
    void aVolumeWithFewerDecimalsFits() {
      assertThat(XBTUSD.fitsLot(d("0.1234567"))).isTrue();
      assertThat(XBTUSD.fitsLot(d("2"))).isTrue();
      assertThat(XBTUSD.fitsLot(d("1E+2"))).as("100").isTrue();
    }

    @Test
    void trailingZerosDoNotCount() {
      // 0.12345678000 has 11 digits after the point, but is 0.12345678: 8 decimals
      assertThat(XBTUSD.fitsLot(d("0.12345678000"))).isTrue();
      assertThat(XBTUSD.fitsLot(d("0.123456780001"))).isFalse();
    }

    @Test
    void aPairOfWholeLotsTakesNoDecimals() {
      OrderRules whole = new OrderRules(d("1"), Optional.empty(), 0);
      assertThat(whole.fitsLot(d("15.000"))).isTrue();
      assertThat(whole.fitsLot(d("15.5"))).isFalse();
    }
  }

  @Nested
  class RoundDown {

    @Test
    void cutsTheDecimalsPastLotDecimals() {
      // 0.123456789 → 0.12345678 (the 9 is dropped, not rounded up to ...79)
      assertThat(XBTUSD.roundDown(d("0.123456789"))).isEqualTo(d("0.12345678"));
      assertThat(XBTUSD.roundDown(d("0.000012345"))).isEqualTo(d("0.00001234"));
    }

    @Test
    void keepsAVolumeThatFitsAtLotDecimals() {
      assertThat(XBTUSD.roundDown(d("0.12345678"))).isEqualTo(d("0.12345678"));
      assertThat(XBTUSD.roundDown(d("0.5"))).isEqualTo(d("0.50000000"));
    }

    @Test
    void theResultAlwaysFitsAndNeverExceedsTheVolume() {
      for (String volume : new String[] {"0.999999999", "1.000000001", "0.000000009", "7"}) {
        BigDecimal rounded = XBTUSD.roundDown(d(volume));
        assertThat(XBTUSD.fitsLot(rounded)).as(volume).isTrue();
        assertThat(rounded).as(volume).isLessThanOrEqualTo(d(volume));
        // less than one lot step (0.00000001) below the volume asked for
        assertThat(d(volume).subtract(rounded)).as(volume).isLessThan(d("0.00000001"));
      }
    }

    @Test
    void canLeaveAVolumeUnderOrdermin() {
      // 0.000099999 → 0.00009999 < 0.0001: rounding never rounds up into the rule
      BigDecimal rounded = XBTUSD.roundDown(d("0.000099999"));
      assertThat(rounded).isEqualTo(d("0.00009999"));
      assertThat(XBTUSD.meetsOrdermin(rounded)).isFalse();
    }
  }

  @Test
  void rulesOfTheSameNumbersAreEqual() {
    assertThat(new OrderRules(d("0.00010"), Optional.of(d("0.50")), 8)).isEqualTo(XBTUSD);
    assertThat(XBTUSD.ordermin()).hasToString("0.0001");
  }

  @Test
  void refusesNegativeRules() {
    assertThatThrownBy(() -> new OrderRules(d("-0.1"), Optional.empty(), 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ordermin must not be negative: -0.1");
    assertThatThrownBy(() -> new OrderRules(d("0.1"), Optional.of(d("-1")), 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("costmin must not be negative: -1");
    assertThatThrownBy(() -> new OrderRules(d("0.1"), Optional.empty(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lotDecimals must not be negative: -1");
  }
}
