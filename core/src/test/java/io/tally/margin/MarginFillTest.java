package io.tally.margin;

import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.buy;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import org.junit.jupiter.api.Test;

class MarginFillTest {

  @Test
  void aNonPositiveVolumeIsRejectedByName() {
    assertThatThrownBy(() -> buy("T1", 0, XBTUSD, "0", "60000", "0", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be positive, got 0");
    assertThatThrownBy(() -> buy("T1", 0, XBTUSD, "-0.1", "60000", "0", 1))
        .hasMessage("quantity must be positive, got -0.1");
  }

  @Test
  void priceFeeAndLeverageAreCheckedByName() {
    assertThatThrownBy(() -> buy("T1", 0, XBTUSD, "1", "0", "0", 1))
        .hasMessage("price must be positive, got 0");
    assertThatThrownBy(() -> buy("T1", 0, XBTUSD, "1", "1", "-0.01", 1))
        .hasMessage("fee must not be negative, got -0.01");
    assertThatThrownBy(() -> buy("T1", 0, XBTUSD, "1", "1", "0.000000001", 1))
        .hasMessage("fee must have at most 8 decimals, got 0.000000001");
    assertThatThrownBy(() -> buy("T1", 0, XBTUSD, "1", "1", "0", 0))
        .hasMessage("leverage must be at least 1, got 0");
    assertThatThrownBy(() -> buy("T1", 0, XBTUSD, "0.00000000001", "1", "0", 1))
        .hasMessageContaining("more than 10 decimals");
  }

  @Test
  void aSellHasANegativeSignedQuantityAndAValueAtEightDecimals() {
    MarginFill sell =
        new MarginFill(
            EventId.of("T1"),
            minute(0),
            XBTUSD,
            Side.SELL,
            d("0.00012345"),
            d("61234.56"),
            d("0"),
            1);
    assertThat(sell.signedQuantity()).isEqualByComparingTo("-0.00012345");
    // 0.00012345 × 61,234.56 = 7.5594064... → 7.55940643
    assertThat(sell.value().toPlainString()).isEqualTo("7.55940643");
  }
}
