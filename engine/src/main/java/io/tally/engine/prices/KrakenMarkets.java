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

  /** The assets a cross rate may go through (ACCOUNTING.md §5). */
  static final List<Asset> CROSS_ASSETS = List.of(Asset.XBT, Asset.of("USDT"));

  /**
   * How to price {@code asset} in {@code base}: a configured or direct pair, that pair upside down
   * (USD in EUR from EURUSD), else a cross through XBT or USDT when both legs exist.
   */
  public Optional<PriceRoute> routeFor(Asset asset, Asset base) {
    Optional<PriceRoute.Leg> direct = leg(asset, base);
    if (direct.isPresent()) {
      return Optional.of(new PriceRoute(List.of(direct.get())));
    }
    for (Asset via : CROSS_ASSETS) {
      if (via.equals(asset) || via.equals(base)) {
        continue;
      }
      Optional<PriceRoute.Leg> first = leg(asset, via);
      Optional<PriceRoute.Leg> second = leg(via, base);
      if (first.isPresent() && second.isPresent()) {
        return Optional.of(new PriceRoute(List.of(first.get(), second.get())));
      }
    }
    return Optional.empty();
  }

  /** One pair giving the price of {@code asset} in {@code quote}, as listed or inverted. */
  private Optional<PriceRoute.Leg> leg(Asset asset, Asset quote) {
    Optional<PairInfo> straight = pairFor(asset, quote);
    if (straight.isPresent()) {
      return Optional.of(new PriceRoute.Leg(straight.get(), false));
    }
    return Optional.ofNullable(byAssets.get(key(quote, asset)))
        .map(pair -> new PriceRoute.Leg(pair, true));
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
