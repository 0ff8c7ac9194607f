package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredEquityPointTest {

  @Test
  void decimalTextIsKeptAsGiven() {
    StoredEquityPoint point =
        new StoredEquityPoint(T0, "12345.123456789012345678", "1.50", "-0.000000001", "1E+3");

    assertThat(point.equity()).isEqualTo("12345.123456789012345678");
    assertThat(point.cash()).isEqualTo("1.50");
    assertThat(point.flows()).isEqualTo("-0.000000001");
    assertThat(point.botPnl()).isEqualTo("1E+3");
  }

  @Test
  void aValueThatIsNotDecimalTextIsRejectedByName() {
    assertThatThrownBy(() -> new StoredEquityPoint(T0, "", "0", "0", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("equity");
    assertThatThrownBy(() -> new StoredEquityPoint(T0, "0", "1,5", "0", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cash")
        .hasMessageContaining("'1,5'");
    assertThatThrownBy(() -> new StoredEquityPoint(T0, "0", "0", "NaN", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flows");
    assertThatThrownBy(() -> new StoredEquityPoint(T0, "0", "0", "0", " 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("botPnl");
    assertThatThrownBy(() -> new StoredEquityPoint(T0, "0", "0", "0", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("botPnl");
  }

  @Test
  void aTimeTheStoreCannotKeepIsRejected() {
    assertThatThrownBy(
            () -> new StoredEquityPoint(Instant.EPOCH.minusSeconds(1L << 40), "0", "0", "0", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at");
  }
}
