package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DisplayDecimalsTest {

  private static final Asset ADA = Asset.of("ADA");
  private static final Asset EUR = Asset.of("EUR");
  private static final Pair XBTUSD = new Pair(Asset.XBT, Asset.USD);
  private static final Pair ADAUSD = new Pair(ADA, Asset.USD);

  private final DisplayDecimals kraken =
      new DisplayDecimals(Map.of(Asset.XBT, 5), Map.of(XBTUSD, 1));

  @Test
  void krakensDecimalsRoundHalfEven() {
    // 0.012345|6789 at 5 decimals rounds up; 61234.5|5 at 1 decimal is a half: even stays 61234.6.
    assertThat(kraken.amount(Asset.XBT, new BigDecimal("0.0123456789"))).isEqualTo("0.01235");
    assertThat(kraken.price(XBTUSD, new BigDecimal("61234.55"))).isEqualTo("61234.6");
    assertThat(kraken.price(XBTUSD, new BigDecimal("61234.65"))).isEqualTo("61234.6");
  }

  @Test
  void withoutKrakensDecimalsFiatShowsCentsAndCryptoEightDecimals() {
    assertThat(kraken.amount(EUR, new BigDecimal("1756.3912"))).isEqualTo("1756.39");
    assertThat(kraken.amount(ADA, new BigDecimal("12.123456789012"))).isEqualTo("12.12345679");
  }

  @Test
  void withoutAPairsDecimalsAPriceKeepsFiveSignificantDigits() {
    // 5 significant digits: 0.4567891 → 0.45679 (5 decimals); 0.0451234 → 0.045123 (6);
    // 7.123456 → 7.1235 (4); 61234.5678 → 2 decimals at least, 61234.57.
    assertThat(kraken.price(ADAUSD, new BigDecimal("0.4567891"))).isEqualTo("0.45679");
    assertThat(kraken.price(ADAUSD, new BigDecimal("0.0451234"))).isEqualTo("0.045123");
    assertThat(kraken.price(ADAUSD, new BigDecimal("7.123456"))).isEqualTo("7.1235");
    assertThat(kraken.price(ADAUSD, new BigDecimal("61234.5678"))).isEqualTo("61234.57");
    assertThat(kraken.price(ADAUSD, new BigDecimal("0.000000123"))).isEqualTo("0.00000012");
  }

  @Test
  void aTwelveDigitAverageCostIsNeverShownWhole() {
    BigDecimal average = Precision.price(new BigDecimal("1000"), new BigDecimal("3"));

    assertThat(average.scale()).isEqualTo(Precision.PRICE_SCALE);
    assertThat(kraken.price(XBTUSD, average)).isEqualTo("333.3");
  }

  @Test
  void negativeDecimalsAreRefused() {
    assertThatThrownBy(() -> new DisplayDecimals(Map.of(ADA, -1), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
