package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assets and pairs the simulated exchange lists, with Kraken's ids, altnames and precisions
 * (kraken-api.md §5; values as in Kraken's public Assets and AssetPairs responses).
 *
 * <p>Example: {@code Listing.kraken().pair("XXBTZUSD").altname()} is {@code XBTUSD}. Immutable.
 */
public final class Listing {

  private static final Listing KRAKEN = buildKraken();

  private final Map<String, ListedAsset> assets;
  private final Map<String, ListedPair> pairs;
  private final List<String> pairKeys;

  private Listing(List<ListedAsset> assets, List<ListedPair> pairs) {
    Map<String, ListedAsset> assetsById = new LinkedHashMap<>();
    assets.forEach(asset -> assetsById.put(asset.id(), asset));
    Map<String, ListedPair> pairsByKey = new LinkedHashMap<>();
    pairs.forEach(pair -> pairsByKey.put(pair.key(), pair));
    this.assets = Collections.unmodifiableMap(assetsById);
    this.pairs = Collections.unmodifiableMap(pairsByKey);
    this.pairKeys = List.copyOf(pairsByKey.keySet());
  }

  /**
   * The simulator's listing: assets {@code XXBT XETH ZUSD ZEUR DOT USDT KFEE DOT.S} and pairs
   * {@code XXBTZUSD XETHZUSD XETHXXBT DOTUSD XXBTZEUR USDTZUSD}.
   */
  public static Listing kraken() {
    return KRAKEN;
  }

  /** Every listed asset, in listing order. */
  public List<ListedAsset> assets() {
    return List.copyOf(assets.values());
  }

  /** Every listed pair, in listing order. */
  public List<ListedPair> pairs() {
    return List.copyOf(pairs.values());
  }

  /** The asset with this Kraken id, such as {@code XXBT}; throws if it is not listed. */
  public ListedAsset asset(String id) {
    ListedAsset asset = assets.get(requireNonNull(id, "id"));
    if (asset == null) {
      throw new IllegalArgumentException("Unknown asset id: '" + id + "'");
    }
    return asset;
  }

  /** The asset with this id or altname ({@code XXBT} or {@code XBT}), if listed. */
  public Optional<ListedAsset> findAsset(String idOrAltname) {
    ListedAsset byId = assets.get(idOrAltname);
    if (byId != null) {
      return Optional.of(byId);
    }
    return assets.values().stream().filter(a -> a.altname().equals(idOrAltname)).findFirst();
  }

  /** The pair with this key, such as {@code XXBTZUSD}; throws if it is not listed. */
  public ListedPair pair(String key) {
    ListedPair pair = pairs.get(requireNonNull(key, "key"));
    if (pair == null) {
      throw new IllegalArgumentException("Unknown pair key: '" + key + "'");
    }
    return pair;
  }

  /**
   * The pair with this key, altname or wsname ({@code XXBTZUSD}, {@code XBTUSD}, {@code XBT/USD}).
   */
  public Optional<ListedPair> findPair(String name) {
    ListedPair byKey = pairs.get(name);
    if (byKey != null) {
      return Optional.of(byKey);
    }
    return pairs.values().stream()
        .filter(p -> p.altname().equals(name) || p.wsname().equals(name))
        .findFirst();
  }

  /** The index of a pair in listing order, a stable number for seeding per-pair streams. */
  int indexOf(ListedPair pair) {
    return pairKeys.indexOf(pair.key());
  }

  private static Listing buildKraken() {
    ListedAsset xbt = asset("XXBT", "XBT", 10, 5, "1.0");
    ListedAsset eth = asset("XETH", "ETH", 10, 5, "1.0");
    ListedAsset usd = asset("ZUSD", "USD", 4, 2, "1.0");
    ListedAsset eur = asset("ZEUR", "EUR", 4, 2, "1.0");
    ListedAsset dot = asset("DOT", "DOT", 10, 8, "0.9");
    ListedAsset usdt = asset("USDT", "USDT", 8, 4, "1.0");
    ListedAsset kfee = asset("KFEE", "FEE", 2, 2, "");
    ListedAsset dotStaked = asset("DOT.S", "DOT.S", 10, 8, "");
    List<Integer> crypto = List.of(2, 3, 4, 5);
    List<ListedPair> pairs =
        List.of(
            pair("XXBTZUSD", "XBTUSD", "XBT/USD", xbt, usd, 1, 5, "0.0001", "0.5", crypto),
            pair("XETHZUSD", "ETHUSD", "ETH/USD", eth, usd, 2, 5, "0.001", "0.5", crypto),
            pair("XETHXXBT", "ETHXBT", "ETH/XBT", eth, xbt, 5, 8, "0.001", "0.00002", crypto),
            pair("DOTUSD", "DOTUSD", "DOT/USD", dot, usd, 4, 5, "0.2", "0.5", List.of(2, 3)),
            pair("XXBTZEUR", "XBTEUR", "XBT/EUR", xbt, eur, 1, 5, "0.0001", "0.45", crypto),
            new ListedPair(
                "USDTZUSD",
                "USDTUSD",
                "USDT/USD",
                usdt,
                usd,
                4,
                8,
                5,
                new BigDecimal("5"),
                new BigDecimal("0.5"),
                new BigDecimal("0.2"),
                new BigDecimal("0.2"),
                List.of(2)));
    return new Listing(List.of(xbt, eth, usd, eur, dot, usdt, kfee, dotStaked), pairs);
  }

  private static ListedAsset asset(
      String id, String altname, int decimals, int display, String collateral) {
    return new ListedAsset(
        id,
        altname,
        decimals,
        display,
        collateral.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(collateral)));
  }

  private static ListedPair pair(
      String key,
      String altname,
      String wsname,
      ListedAsset base,
      ListedAsset quote,
      int pairDecimals,
      int costDecimals,
      String ordermin,
      String costmin,
      List<Integer> leverage) {
    return new ListedPair(
        key,
        altname,
        wsname,
        base,
        quote,
        pairDecimals,
        8,
        costDecimals,
        new BigDecimal(ordermin),
        new BigDecimal(costmin),
        new BigDecimal("0.4"),
        new BigDecimal("0.25"),
        leverage);
  }
}
