package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.List;

/**
 * Maker and taker fee rates by 30-day trading volume, as Kraken publishes them per pair ({@code
 * AssetPairs} {@code fees} and {@code fees_maker}). A fill pays {@code value × rate ÷ 100} in the
 * collateral asset, rounded once to 8 decimals HALF_EVEN by {@link Precision#moneyQuotient}, at the
 * tier of the account's volume over the 30 days before it.
 *
 * <p>Example: {@code FeeSchedule.krakenSpot().fee(Liquidity.TAKER, new BigDecimal("6000"),
 * BigDecimal.ZERO)} is {@code 24.00000000} (0.40 %). Immutable.
 *
 * @param tiers from the lowest volume up: the first starts at 0, minima strictly increase
 */
public record FeeSchedule(List<FeeTier> tiers) {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public FeeSchedule {
    tiers = List.copyOf(requireNonNull(tiers, "tiers"));
    if (tiers.isEmpty() || tiers.get(0).minimumVolume().signum() != 0) {
      throw new IllegalArgumentException("tiers must start with a tier at volume 0, got " + tiers);
    }
    for (int i = 1; i < tiers.size(); i++) {
      if (tiers.get(i).minimumVolume().compareTo(tiers.get(i - 1).minimumVolume()) <= 0) {
        throw new IllegalArgumentException(
            "tier minimum volumes must increase, got "
                + tiers.get(i).minimumVolume().toPlainString()
                + " after "
                + tiers.get(i - 1).minimumVolume().toPlainString());
      }
    }
  }

  /**
   * Kraken's spot schedule (maker % / taker % from a 30-day USD volume): 0 → 0.25 / 0.40, 10,000 →
   * 0.20 / 0.35, 50,000 → 0.14 / 0.24, 100,000 → 0.12 / 0.22, 250,000 → 0.10 / 0.20, 500,000 → 0.08
   * / 0.18, 1,000,000 → 0.06 / 0.16, 2,500,000 → 0.04 / 0.14, 5,000,000 → 0.02 / 0.12, 10,000,000 →
   * 0.00 / 0.10. The first two rungs are those of {@code AssetPairs} for XBTUSD.
   */
  public static FeeSchedule krakenSpot() {
    return new FeeSchedule(
        List.of(
            tier("0", "0.25", "0.40"),
            tier("10000", "0.20", "0.35"),
            tier("50000", "0.14", "0.24"),
            tier("100000", "0.12", "0.22"),
            tier("250000", "0.10", "0.20"),
            tier("500000", "0.08", "0.18"),
            tier("1000000", "0.06", "0.16"),
            tier("2500000", "0.04", "0.14"),
            tier("5000000", "0.02", "0.12"),
            tier("10000000", "0.00", "0.10")));
  }

  /** One flat rate for every volume (zero for a fee-free account). */
  public static FeeSchedule flat(BigDecimal makerPercent, BigDecimal takerPercent) {
    return new FeeSchedule(List.of(new FeeTier(BigDecimal.ZERO, makerPercent, takerPercent)));
  }

  /** The tier that applies at a 30-day volume. */
  public FeeTier tier(BigDecimal thirtyDayVolume) {
    Checks.notNegative("thirtyDayVolume", thirtyDayVolume);
    FeeTier applies = tiers.get(0);
    for (FeeTier tier : tiers) {
      if (tier.minimumVolume().compareTo(thirtyDayVolume) > 0) {
        break;
      }
      applies = tier;
    }
    return applies;
  }

  /** {@code value × rate ÷ 100} at the tier of {@code thirtyDayVolume}, 8 decimals HALF_EVEN. */
  public BigDecimal fee(Liquidity liquidity, BigDecimal value, BigDecimal thirtyDayVolume) {
    BigDecimal percent = tier(thirtyDayVolume).percent(liquidity);
    return Precision.moneyQuotient(Checks.notNegative("value", value).multiply(percent), HUNDRED);
  }

  private static FeeTier tier(String minimum, String maker, String taker) {
    return new FeeTier(new BigDecimal(minimum), new BigDecimal(maker), new BigDecimal(taker));
  }
}
