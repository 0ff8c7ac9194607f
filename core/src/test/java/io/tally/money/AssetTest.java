package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssetTest {

  @Test
  void theSameCodeGivesTheSameInstanceAndEqualityStaysByValue() {
    Asset first = Asset.of(new String("DOT"));
    Asset second = Asset.of(new String("DOT"));

    assertThat(second).isSameAs(first);
    assertThat(new Asset("DOT")).isEqualTo(first).isNotSameAs(first);
    assertThat(Asset.of("XBT")).isEqualTo(Asset.XBT);
  }

  @Test
  void aCodeThatIsNotOneWordIsRefusedEveryTime() {
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> Asset.of(" XBT")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Asset.of(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("code");
    }
  }
}
