package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many decimals a person is shown: an asset's amounts at Kraken's {@code display_decimals} for
 * it, a pair's prices at the pair's {@code pair_decimals}. What Kraken did not say is filled in:
 * fiat amounts at 2 decimals and other amounts at 8; a price at five significant digits (at least 2
 * decimals, at most 8). Only for display: the books and JSON keep every digit.
 *
 * <p>Example: with {@code XBT → 5} and {@code XBTUSD → 1}, {@code amount(XBT, 0.0123456789)} is
 * {@code "0.01235"} and {@code price(XBTUSD, 61234.5678)} is {@code "61234.6"}; without them,
 * {@code price(ADAUSD, 0.4567891)} is {@code "0.45679"}. Immutable.
 *
 * @param amountDecimals display decimals by asset
 * @param priceDecimals price decimals by pair
 */
public record DisplayDecimals(
    Map<Asset, Integer> amountDecimals, Map<Pair, Integer> priceDecimals) {

  /** Decimals of an amount of an asset Kraken gave none for, unless it is fiat. */
  static final int AMOUNT_FALLBACK = 8;

  /** Significant digits of a price whose pair Kraken gave no decimals for. */
  static final int PRICE_DIGITS = 5;

  /** At most this many decimals for a price whose pair Kraken gave no decimals for. */
  static final int PRICE_MAX_FALLBACK = 8;

  public DisplayDecimals {
    amountDecimals = Map.copyOf(new TreeMap<>(amountDecimals));
    priceDecimals = Map.copyOf(priceDecimals);
    amountDecimals.values().forEach(DisplayDecimals::checked);
    priceDecimals.values().forEach(DisplayDecimals::checked);
  }

  /** Nothing known from Kraken: every figure uses the fallbacks. */
  public static DisplayDecimals fallbacks() {
    return new DisplayDecimals(Map.of(), Map.of());
  }

  /** The decimals an amount of {@code asset} is shown at. */
  public int amountDecimals(Asset asset) {
    requireNonNull(asset, "asset");
    return Optional.ofNullable(amountDecimals.get(asset))
        .orElse(asset.isFiat() ? Precision.DISPLAY_SCALE : AMOUNT_FALLBACK);
  }

  /** The decimals a price {@code value} on {@code pair} is shown at. */
  public int priceDecimals(Pair pair, BigDecimal value) {
    requireNonNull(pair, "pair");
    Integer known = priceDecimals.get(pair);
    if (known != null) {
      return known;
    }
    // Five significant digits: 61234.5 → 2 (at least), 7.1234 → 4, 0.045123 → 6.
    int integerDigits = value.signum() == 0 ? 1 : value.precision() - value.scale();
    return Math.max(
        Precision.DISPLAY_SCALE, Math.min(PRICE_MAX_FALLBACK, PRICE_DIGITS - integerDigits));
  }

  /**
   * The decimals a price of {@code asset} in {@code base} is shown at: the pair's, and the base
   * currency's own price (1) as money, at {@link Precision#DISPLAY_SCALE}.
   */
  public int priceDecimals(Asset asset, Asset base, BigDecimal value) {
    requireNonNull(asset, "asset");
    return asset.equals(base)
        ? Precision.DISPLAY_SCALE
        : priceDecimals(new Pair(asset, base), value);
  }

  /** An amount of {@code asset} for a person: {@code "0.01235"}. */
  public String amount(Asset asset, BigDecimal value) {
    return Precision.display(value, amountDecimals(asset)).toPlainString();
  }

  /** A price on {@code pair} for a person: {@code "61234.6"}. */
  public String price(Pair pair, BigDecimal value) {
    return Precision.display(value, priceDecimals(pair, value)).toPlainString();
  }

  /** A price of {@code asset} in {@code base} for a person; the base's own is {@code "1.00"}. */
  public String price(Asset asset, Asset base, BigDecimal value) {
    return Precision.display(value, priceDecimals(asset, base, value)).toPlainString();
  }

  private static void checked(Integer decimals) {
    if (decimals < 0) {
      throw new IllegalArgumentException("decimals must not be negative, got " + decimals);
    }
  }
}
