package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.money.Asset;
import io.tally.money.Pair;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PairInferenceTest {

  @ParameterizedTest(name = "{0} is {1}/{2}")
  @CsvSource({
    "XETHZUSD, ETH, USD",
    "XXBTZEUR, XBT, EUR",
    "DOTUSD, DOT, USD",
    "ETHUSDT, ETH, USDT",
    "USDTZUSD, USDT, USD",
    "XETHXXBT, ETH, XBT",
    "ALGO/EUR, ALGO, EUR",
    "BTC/USD, XBT, USD"
  })
  void readsAPairKeyOrSlashedName(String name, String base, String quote) {
    assertThat(PairInference.parsePairNameOrKey(name))
        .contains(new Pair(Asset.of(base), Asset.of(quote)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"FOO", "USD", "/EUR", "ZUSDZUSD"})
  void aNameWithoutAKnownQuoteIsNoPair(String name) {
    assertThat(PairInference.parsePairNameOrKey(name)).isEmpty();
  }
}
