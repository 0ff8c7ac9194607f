package io.tally.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssetSymbolTest {

  @ParameterizedTest(name = "{0} is {1} at {2}")
  @CsvSource({
    "XXBT, XBT, SPOT",
    "XBT, XBT, SPOT",
    "BTC, XBT, SPOT",
    "XXDG, XDG, SPOT",
    "DOGE, XDG, SPOT",
    "ZUSD, USD, SPOT",
    "ZEUR, EUR, SPOT",
    "XETH, ETH, SPOT",
    "XLTC, LTC, SPOT",
    "CHF, CHF, SPOT",
    "USDT, USDT, SPOT",
    "DOT.S, DOT, STAKED",
    "DOT28.S, DOT, STAKED",
    "SOL03.S, SOL, STAKED",
    "ETH2.S, ETH2, STAKED",
    "XBT.M, XBT, OPT_IN_REWARDS",
    "USD.M, USD, OPT_IN_REWARDS",
    "SOL.F, SOL, FLEXIBLE",
    "ETH.B, ETH, BONDED",
    "KSM.P, KSM, PARACHAIN",
    "EUR.HOLD, EUR, HOLD",
    "C98.S, C98, STAKED",
    "KFEE, KFEE, SPOT",
    "FEE, KFEE, SPOT"
  })
  void resolvesKrakensNamesToCanonicalAssetsAndLocations(
      String kraken, String asset, Location location) {
    AssetSymbol symbol = AssetSymbol.parse(kraken);

    assertThat(symbol.asset()).isEqualTo(Asset.of(asset));
    assertThat(symbol.location()).isEqualTo(location);
  }

  @ParameterizedTest
  @CsvSource({"XTZ", "ZRX", "ZEC", "XCN", "ZETA", "ZK"})
  void neverStripsALeadingXOrZByRule(String ticker) {
    assertThat(AssetSymbol.canonical(ticker)).isEqualTo(Asset.of(ticker));
  }

  @ParameterizedTest
  @CsvSource({"DOT.S", "XBT.M", "EUR.HOLD"})
  void printsTheCanonicalAssetWithItsLocationSuffix(String kraken) {
    assertThat(AssetSymbol.parse(kraken).toString()).isEqualTo(kraken);
  }

  @ParameterizedTest
  @CsvSource(value = {"''", "'   '"})
  void rejectsABlankName(String blank) {
    assertThatThrownBy(() -> AssetSymbol.parse(blank)).isInstanceOf(IllegalArgumentException.class);
  }
}
