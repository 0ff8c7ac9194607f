package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Kraken requires of an order's size on one pair (its {@code AssetPairs} entry): a volume of
 * at least {@code ordermin} base units, a cost (volume × price) of at least {@code costmin} quote
 * units where Kraken sets one, and no more than {@code lotDecimals} decimals in the volume. An
 * order that breaks one is refused by Kraken ({@code EOrder:Order minimum not met}, {@code
 * EOrder:Cost minimum not met}, {@code EGeneral:Invalid arguments:volume}), so the pre-trade check
 * asks these first.
 *
 * <p>Example: XBT/USD, {@code new OrderRules(new BigDecimal("0.0001"), Optional.of(new
 * BigDecimal("0.5")), 8)}: a buy of 0.0001 XBT at 60,000 USD costs 6 USD and passes every rule; a
 * buy of 0.00005 XBT is under ordermin; 0.000012345 XBT has 9 decimals, and {@code roundDown} makes
 * it 0.00001234.
 *
 * <p>The numbers are kept in their shortest form, so two rules of the same numbers are equal.
 * Immutable.
 *
 * @param ordermin the smallest volume, in base units; zero when Kraken sets none
 * @param costmin the smallest cost, volume × price in quote units; empty when Kraken sets none
 * @param lotDecimals how many decimals a volume may have
 */
public record OrderRules(BigDecimal ordermin, Optional<BigDecimal> costmin, int lotDecimals) {

  public OrderRules {
    ordermin = Precision.canonical(notNegative(requireNonNull(ordermin, "ordermin"), "ordermin"));
    costmin =
        requireNonNull(costmin, "costmin")
            .map(value -> Precision.canonical(notNegative(value, "costmin")));
    if (lotDecimals < 0) {
      throw new IllegalArgumentException("lotDecimals must not be negative: " + lotDecimals);
    }
  }

  /** Whether {@code volume} (base units) is at least {@link #ordermin()}. */
  public boolean meetsOrdermin(BigDecimal volume) {
    return requireNonNull(volume, "volume").compareTo(ordermin) >= 0;
  }

  /**
   * Whether an order of {@code volume} base units at {@code price} (quote units per base unit)
   * costs at least {@link #costmin()}: true when Kraken sets no costmin. The cost is the exact
   * product, never rounded.
   */
  public boolean meetsCostmin(BigDecimal volume, BigDecimal price) {
    BigDecimal cost = requireNonNull(volume, "volume").multiply(requireNonNull(price, "price"));
    return costmin.map(min -> cost.compareTo(min) >= 0).orElse(true);
  }

  /**
   * Whether {@code volume} has at most {@link #lotDecimals()} decimals once trailing zeros are
   * dropped ({@code 0.10000000000} fits 8 decimals: it is 0.1).
   */
  public boolean fitsLot(BigDecimal volume) {
    return requireNonNull(volume, "volume").stripTrailingZeros().scale() <= lotDecimals;
  }

  /**
   * {@code volume} cut to {@link #lotDecimals()} decimals, rounded DOWN (toward zero): the largest
   * volume Kraken accepts that is not more than the one asked for, at scale {@link #lotDecimals()}.
   */
  public BigDecimal roundDown(BigDecimal volume) {
    return requireNonNull(volume, "volume").setScale(lotDecimals, RoundingMode.DOWN);
  }

  private static BigDecimal notNegative(BigDecimal value, String name) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " must not be negative: " + value.toPlainString());
    }
    return value;
  }

  /**
   * The rules {@code volume} at {@code price} (in {@code quote}) breaks, in the order ordermin,
   * costmin, lot decimals: what a pre-trade check lists.
   */
  public List<RuleFailure> failures(BigDecimal volume, BigDecimal price, Asset quote) {
    List<RuleFailure> failures = new ArrayList<>();
    if (!meetsOrdermin(volume)) {
      failures.add(
          RuleFailure.of(
              RiskRule.ORDERMIN,
              ordermin,
              volume,
              "the volume is under the pair's ordermin of " + ordermin.toPlainString()));
    }
    if (!meetsCostmin(volume, price)) {
      failures.add(
          RuleFailure.of(
              RiskRule.COSTMIN,
              costmin.orElseThrow(),
              volume.multiply(price),
              "the cost is under the pair's costmin of "
                  + costmin.orElseThrow().toPlainString()
                  + " "
                  + quote.code()));
    }
    if (!fitsLot(volume)) {
      failures.add(
          RuleFailure.of(
              RiskRule.LOT_DECIMALS,
              BigDecimal.valueOf(lotDecimals),
              BigDecimal.valueOf(volume.stripTrailingZeros().scale()),
              "the volume has more than the pair's " + lotDecimals + " lot decimals"));
    }
    return failures;
  }
}
