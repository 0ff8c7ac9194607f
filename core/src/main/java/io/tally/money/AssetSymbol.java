package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * A Kraken asset name resolved to its canonical {@link Asset} and the {@link Location} it names.
 * Kraken writes one asset many ways: legacy ids ({@code XXBT}, {@code ZUSD}), altnames ({@code
 * XBT}), display names ({@code BTC}) and staking or earn variants ({@code XBT.M}, {@code DOT28.S}).
 *
 * <p>Example: {@code AssetSymbol.parse("DOT28.S")} is {@code DOT} at {@link Location#STAKED}.
 * Immutable.
 */
public record AssetSymbol(Asset asset, Location location) {

  /**
   * Legacy X/Z ids and display names mapped to altnames. Only the explicit list is mapped: a
   * leading X or Z is never stripped by rule, because XTZ, ZRX, ZEC and XCN are real tickers.
   */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("XXBT", "XBT"),
          Map.entry("BTC", "XBT"),
          Map.entry("XXDG", "XDG"),
          Map.entry("DOGE", "XDG"),
          // Kraken's Assets list gives fee credits the altname FEE; their id is KFEE.
          Map.entry("FEE", "KFEE"),
          Map.entry("XETH", "ETH"),
          Map.entry("XETC", "ETC"),
          Map.entry("XLTC", "LTC"),
          Map.entry("XXRP", "XRP"),
          Map.entry("XXLM", "XLM"),
          Map.entry("XXMR", "XMR"),
          Map.entry("XZEC", "ZEC"),
          Map.entry("XMLN", "MLN"),
          Map.entry("XREP", "REP"),
          Map.entry("XICN", "ICN"),
          Map.entry("XXVN", "XVN"),
          Map.entry("XDAO", "DAO"),
          Map.entry("XNMC", "NMC"),
          Map.entry("ZUSD", "USD"),
          Map.entry("ZEUR", "EUR"),
          Map.entry("ZGBP", "GBP"),
          Map.entry("ZCAD", "CAD"),
          Map.entry("ZJPY", "JPY"),
          Map.entry("ZAUD", "AUD"),
          Map.entry("ZKRW", "KRW"),
          Map.entry("ZARS", "ARS"),
          Map.entry("ZCLP", "CLP"),
          Map.entry("ZCOP", "COP"),
          Map.entry("ZDKK", "DKK"),
          Map.entry("ZGEL", "GEL"),
          Map.entry("ZGHS", "GHS"),
          Map.entry("ZLKR", "LKR"),
          Map.entry("ZMXN", "MXN"),
          Map.entry("ZPLN", "PLN"),
          Map.entry("ZSEK", "SEK"),
          Map.entry("ZUGX", "UGX"),
          Map.entry("ZVND", "VND"),
          Map.entry("ZXOF", "XOF"));

  /** Unbonding periods (days) that Kraken writes into bonded staking names such as DOT28.S. */
  private static final Set<String> BONDING_DAYS = Set.of("03", "04", "07", "14", "21", "28");

  /**
   * The locations a name's suffix may name, in {@link Location}'s order: made once, not per name.
   */
  private static final Location[] LOCATIONS = Location.values();

  public AssetSymbol {
    requireNonNull(asset, "asset");
    requireNonNull(location, "location");
  }

  /**
   * Resolves a Kraken asset name as found in ledgers, exports or balances.
   *
   * @throws IllegalArgumentException for a blank name
   */
  public static AssetSymbol parse(String krakenName) {
    requireNonNull(krakenName, "krakenName");
    String name = krakenName.strip();
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Asset name is blank");
    }
    Location location = Location.SPOT;
    for (Location candidate : LOCATIONS) {
      String suffix = candidate.suffix();
      if (!suffix.isEmpty() && name.length() > suffix.length() && name.endsWith(suffix)) {
        location = candidate;
        name = name.substring(0, name.length() - suffix.length());
        break;
      }
    }
    if (location == Location.STAKED && name.length() > 3) {
      String days = name.substring(name.length() - 2);
      if (BONDING_DAYS.contains(days)) {
        name = name.substring(0, name.length() - 2);
      }
    }
    return new AssetSymbol(Asset.of(ALIASES.getOrDefault(name, name)), location);
  }

  /** The canonical asset a Kraken name stands for, whatever its location. */
  public static Asset canonical(String krakenName) {
    return parse(krakenName).asset();
  }

  @Override
  public String toString() {
    return asset.code() + location.suffix();
  }
}
