package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * An asset as Kraken's {@code /0/public/Assets} lists it: the internal id used in balances and
 * ledgers, the altname, and how many decimals its amounts carry.
 *
 * <p>Example: {@code new ListedAsset("XXBT", "XBT", 10, 5, Optional.of(new BigDecimal("1.0")))}.
 * Immutable.
 *
 * @param id Kraken's internal asset id, such as {@code XXBT}, {@code ZUSD} or {@code DOT.S}
 * @param altname the alternative name, such as {@code XBT} (and {@code FEE} for {@code KFEE})
 * @param decimals the scale of every booked amount and balance of this asset
 * @param displayDecimals the scale Kraken shows to people
 * @param collateralValue the margin collateral weight, for the assets Kraken gives one
 */
public record ListedAsset(
    String id,
    String altname,
    int decimals,
    int displayDecimals,
    Optional<BigDecimal> collateralValue) {

  public ListedAsset {
    requireNonNull(id, "id");
    requireNonNull(altname, "altname");
    requireNonNull(collateralValue, "collateralValue");
    if (decimals < 0 || displayDecimals < 0) {
      throw new IllegalArgumentException("Negative decimals for " + id);
    }
  }

  /** Zero at this asset's scale, such as {@code 0.0000} for {@code ZUSD}. */
  public BigDecimal zero() {
    return BigDecimal.ZERO.setScale(decimals);
  }

  /**
   * The same number at this asset's scale; more decimals than the asset has are rejected, never
   * rounded.
   */
  public BigDecimal scaled(BigDecimal value) {
    try {
      return requireNonNull(value, "value").setScale(decimals, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "Too many decimals for " + id + " (" + decimals + "): " + value.toPlainString(), e);
    }
  }
}
