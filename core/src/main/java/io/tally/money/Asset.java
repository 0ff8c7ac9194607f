package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.util.Set;

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

  /** The asset with this canonical code; no alias is resolved here (see {@link AssetSymbol}). */
  public static Asset of(String code) {
    return new Asset(code);
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
