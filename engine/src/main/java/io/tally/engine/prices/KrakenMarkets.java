package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.api.PairInfo;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kraken's markets as Tally needs them for prices: which pair prices an asset in the base currency
 * (ACCOUNTING.md §5: a configured valuation pair first, then the pair of the asset against the base
 * in Kraken's own list, with Kraken's aliases resolved through {@link AssetSymbol}).
 *
 * <p>Example: with AssetPairs listing {@code XXBTZUSD} (base XXBT, quote ZUSD), {@code pairFor(XBT,
 * USD)} is {@code XXBTZUSD}. Immutable.
 */
public final class KrakenMarkets {

  private final Map<String, PairInfo> byName = new HashMap<>();
  private final Map<String, PairInfo> byAssets = new HashMap<>();
  private final Map<Asset, String> overrides;

  /**
   * Markets from Kraken's AssetPairs, with {@code valuation_pairs} overrides (asset → pair name).
   */
  public KrakenMarkets(List<PairInfo> pairs, Map<Asset, String> overrides) {
    for (PairInfo pair : pairs) {
      byName.put(pair.key(), pair);
      byName.put(pair.altname(), pair);
      if (!pair.wsname().isEmpty()) {
        byName.put(pair.wsname(), pair);
      }
      if (!pair.base().contains(".") && !pair.quote().contains(".")) {
        byAssets.putIfAbsent(key(canonical(pair.base()), canonical(pair.quote())), pair);
      }
    }
    this.overrides = Map.copyOf(requireNonNull(overrides, "overrides"));
  }

  /** The pair that prices one {@code asset} in {@code base}, if Kraken lists one. */
  public Optional<PairInfo> pairFor(Asset asset, Asset base) {
    String override = overrides.get(asset);
    if (override != null) {
      return Optional.ofNullable(byName.get(override));
    }
    return Optional.ofNullable(byAssets.get(key(asset, base)));
  }

  /** A pair by its key, altname or wsname. */
  public Optional<PairInfo> pair(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The canonical assets of a pair: base first. */
  public static Asset[] assetsOf(PairInfo pair) {
    return new Asset[] {canonical(pair.base()), canonical(pair.quote())};
  }

  private static Asset canonical(String krakenId) {
    return AssetSymbol.canonical(krakenId);
  }

  private static String key(Asset base, Asset quote) {
    return base.code() + "/" + quote.code();
  }
}
