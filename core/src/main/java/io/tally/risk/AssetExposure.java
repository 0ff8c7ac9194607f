package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;

/**
 * What the account holds of one asset, as the risk layer counts it: the signed exposure in the base
 * currency (spot value plus the net notional of margin positions on the asset), the spot quantity
 * (what a spot sell can give up), and the fraction of the exposure at risk (1 without a registered
 * stop; {@code |price − stop| / price} with one).
 *
 * <p>Example: {@code new AssetExposure(XBT, 30000, 0.5, 1)}: half a bitcoin worth 30,000, all of it
 * at risk. Immutable.
 *
 * @param value signed exposure in the base currency: negative for a net short
 * @param spotQuantity spot units held
 * @param riskFraction the share of the exposure lost at the stop, between 0 and 1
 */
public record AssetExposure(
    Asset asset, BigDecimal value, BigDecimal spotQuantity, BigDecimal riskFraction) {

  public AssetExposure {
    requireNonNull(asset, "asset");
    requireNonNull(value, "value");
    requireNonNull(spotQuantity, "spotQuantity");
    requireNonNull(riskFraction, "riskFraction");
  }

  /** The exposure's size, {@code |value|}. */
  public BigDecimal size() {
    return value.abs();
  }

  /** The exposure lost at the stop: {@code |value| × riskFraction}. */
  public BigDecimal risk() {
    return value.abs().multiply(riskFraction);
  }
}
