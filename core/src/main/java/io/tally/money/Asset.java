package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One asset in its canonical code: Kraken's altname, such as {@code XBT}, {@code ETH}, {@code USD}
 * or {@code KFEE}. Staking and earn variants ({@code DOT.S}, {@code XBT.M}) are not assets of their
 * own but locations of the base asset: see {@link AssetSymbol}.
 *
 * <p>Example: {@code Asset.of("XBT")}. Immutable.
 */
public record Asset(String code) implements Comparable<Asset> {

  /** US dollar, the default base currency. */
  public static final Asset USD = new Asset("USD");

  /** Bitcoin under Kraken's altname. */
  public static final Asset XBT = new Asset("XBT");

  /** Kraken fee credits: 100 KFEE pay 1 USD of trading fees. */
  public static final Asset KFEE = new Asset("KFEE");

  /** Government currencies Kraken lists; they count as cash. Stablecoins are not fiat. */
  private static final Set<String> FIAT =
      Set.of(
          "USD", "EUR", "GBP", "CAD", "JPY", "AUD", "CHF", "KRW", "ARS", "CLP", "COP", "DKK", "GEL",
          "GHS", "LKR", "MXN", "PLN", "SEK", "UGX", "VND", "XOF", "AED", "NZD", "NOK", "CZK", "HKD",
          "SGD", "TRY", "ZAR", "BRL");

  public Asset {
    requireNonNull(code, "code");
    if (code.isBlank() || !code.strip().equals(code) || code.contains(" ")) {
      throw new IllegalArgumentException("Asset code must be one word: '" + code + "'");
    }
  }

  /**
   * How many codes {@link #of} keeps one instance of. An account has tens of assets; the bound only
   * keeps input of arbitrary codes (an API's mistyped assets) from growing the table for ever.
   */
  private static final int KEPT = 4_096;

  private static final Map<String, Asset> KNOWN = new ConcurrentHashMap<>();

  /**
   * The asset with this canonical code; no alias is resolved here (see {@link AssetSymbol}). The
   * same instance for the same code: every parsed event and fill names its assets, and a paper
   * account keeps two per fill (docs/BENCHMARKS.md §20); equality stays by value either way.
   */
  public static Asset of(String code) {
    Asset known = KNOWN.get(requireNonNull(code, "code"));
    if (known != null) {
      return known;
    }
    Asset asset = new Asset(code);
    if (KNOWN.size() < KEPT) {
      Asset raced = KNOWN.putIfAbsent(code, asset);
      return raced == null ? asset : raced;
    }
    return asset;
  }

  /** Whether this is a government currency (cash), as opposed to a crypto asset or stablecoin. */
  public boolean isFiat() {
    return FIAT.contains(code);
  }

  @Override
  public int compareTo(Asset other) {
    return code.compareTo(other.code);
  }

  @Override
  public String toString() {
    return code;
  }
}
