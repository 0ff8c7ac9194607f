package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AmountTest {

  @Test
  void numericallyEqualAmountsAreEqual() {
    assertThat(Amount.of("XBT", "0.00150000")).isEqualTo(Amount.of("XBT", "0.0015"));
    assertThat(Amount.of("USD", "10")).isEqualTo(Amount.of("USD", "1E+1"));
  }

  @Test
  void rejectsMoreDecimalsThanKrakenGivesAnyAssetInsteadOfRounding() {
    assertThatThrownBy(() -> Amount.of("ETH", "0.00000000001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.00000000001")
        .hasMessageContaining("ETH");
  }

  @Test
  void refusesToMixAssets() {
    assertThatThrownBy(() -> Amount.of("XBT", "1").plus(Amount.of("ETH", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("XBT 1")
        .hasMessageContaining("ETH 1");
  }

  @Test
  void arithmeticIsExact() {
    Amount a = Amount.of("XBT", "0.1");
    Amount b = Amount.of("XBT", "0.2");

    assertThat(a.plus(b)).isEqualTo(Amount.of("XBT", "0.3"));
    assertThat(a.minus(b)).isEqualTo(Amount.of("XBT", "-0.1"));
    assertThat(a.minus(b).abs()).isEqualTo(a);
    assertThat(a.negated().signum()).isEqualTo(-1);
    assertThat(a.minus(a).isZero()).isTrue();
  }

  @Test
  void parsingItsOwnTextGivesItBack() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 1_000; i++) {
      BigDecimal value =
          BigDecimal.valueOf(
              random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L), random.nextInt(0, 11));
      Amount amount = new Amount(Asset.of("DOT"), value);

      assertThat(Amount.parse(amount.toString())).as("seed 7, value %s", value).isEqualTo(amount);
    }
  }
}
