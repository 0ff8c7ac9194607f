package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;

/**
 * One rung of a maker/taker fee schedule: from a 30-day trading volume on, fills pay these rates,
 * in percent of the fill's value.
 *
 * <p>Example: {@code new FeeTier(new BigDecimal("10000"), new BigDecimal("0.20"), new
 * BigDecimal("0.35"))}: from 10,000 of 30-day volume, makers pay 0.20 % and takers 0.35 %.
 * Immutable.
 *
 * @param minimumVolume the 30-day volume (in the collateral asset) from which the tier applies
 * @param makerPercent fee rate of a maker fill, in percent, not negative
 * @param takerPercent fee rate of a taker fill, in percent, not negative
 */
public record FeeTier(BigDecimal minimumVolume, BigDecimal makerPercent, BigDecimal takerPercent) {

  public FeeTier {
    minimumVolume = Precision.canonical(Checks.notNegative("minimumVolume", minimumVolume));
    makerPercent = Precision.canonical(Checks.notNegative("makerPercent", makerPercent));
    takerPercent = Precision.canonical(Checks.notNegative("takerPercent", takerPercent));
  }

  /** The rate in percent for a fill of this liquidity. */
  public BigDecimal percent(Liquidity liquidity) {
    return requireNonNull(liquidity, "liquidity") == Liquidity.MAKER ? makerPercent : takerPercent;
  }
}
