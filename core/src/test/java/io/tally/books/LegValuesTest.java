package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Asset;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LegValuesTest {

  @Test
  void keepsEachLegsLatestValueUntilCleared() {
    LegValues values = new LegValues();
    values.put(Asset.XBT, new BigDecimal("20000.00000000"));
    values.put(Asset.USD, new BigDecimal("19990.00000000"));
    // A leg given twice (an asset both sold and bought) keeps the later value.
    values.put(Asset.XBT, new BigDecimal("20010.00000000"));

    assertThat(values.has(Asset.XBT)).isTrue();
    assertThat(values.of(Asset.XBT)).isEqualTo(new BigDecimal("20010.00000000"));
    assertThat(values.of(Asset.USD)).isEqualTo(new BigDecimal("19990.00000000"));
    assertThat(values.has(Asset.KFEE)).isFalse();
    assertThatThrownBy(() -> values.of(Asset.KFEE)).hasMessageContaining("KFEE");

    values.clear();
    assertThat(values.has(Asset.XBT)).isFalse();
    assertThat(values.has(Asset.USD)).isFalse();
  }

  @Test
  void growsPastItsFirstFourLegs() {
    // A dust sweep sells many assets at once: ten legs, each found with its own value.
    LegValues values = new LegValues();
    for (int i = 0; i < 10; i++) {
      values.put(Asset.of("A" + i), BigDecimal.valueOf(i));
    }
    for (int i = 0; i < 10; i++) {
      assertThat(values.of(Asset.of("A" + i))).isEqualTo(BigDecimal.valueOf(i));
    }
  }
}
