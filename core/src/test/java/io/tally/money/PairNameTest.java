package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PairNameTest {

  private static final Pair XBTUSD = new Pair(Asset.XBT, Asset.USD);

  @ParameterizedTest(name = "''{0}'' names XBTUSD: {1}")
  @CsvSource({
    "XBTUSD, true",
    "xbtusd, true",
    "'  XBTUSD ', true",
    "XBT/USD, true",
    "BTC/USD, true",
    "btc / usd, true",
    "XXBT/ZUSD, true",
    "USD/XBT, false",
    "ETHUSD, false",
    "XBT/, false",
    "/USD, false",
    "XBT/XBT, false"
  })
  void aNameMatchesItsPairByAltnameOrSlashFormWithAliases(String text, boolean names) {
    assertThat(PairName.of(text).matches(XBTUSD)).isEqualTo(names);
  }
}
