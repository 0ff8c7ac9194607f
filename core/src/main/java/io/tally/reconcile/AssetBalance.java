package io.tally.reconcile;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;

/**
 * What the books hold of one asset, split by what the exchange's open orders hold of it: {@code
 * total} is the books' holding, {@code reserved} the part open orders hold (Kraken's {@code
 * hold_trade}), {@code free} the rest, which a new order may use. Always {@code free + reserved =
 * total}, and neither part is negative.
 *
 * <p>Example: the books hold 0.5 XBT and a sell order holds 0.1 XBT: {@code AssetBalance[asset=XBT,
 * free=0.4, reserved=0.1, total=0.5]}. Immutable; the amounts are kept in their shortest form, so
 * numerically equal balances are equal.
 *
 * @param asset the asset
 * @param free the part no open order holds
 * @param reserved the part open orders hold
 * @param total the books' holding
 */
public record AssetBalance(Asset asset, BigDecimal free, BigDecimal reserved, BigDecimal total) {

  public AssetBalance {
    requireNonNull(asset, "asset");
    free = Precision.canonical(requireNonNull(free, "free"));
    reserved = Precision.canonical(requireNonNull(reserved, "reserved"));
    total = Precision.canonical(requireNonNull(total, "total"));
    if (free.signum() < 0 || reserved.signum() < 0) {
      throw new IllegalArgumentException(
          "Free and reserved must not be negative: "
              + asset
              + " free "
              + free.toPlainString()
              + ", reserved "
              + reserved.toPlainString());
    }
    if (free.add(reserved).compareTo(total) != 0) {
      throw new IllegalArgumentException(
          "Free plus reserved must be the total: "
              + asset
              + " "
              + free.toPlainString()
              + " + "
              + reserved.toPlainString()
              + " != "
              + total.toPlainString());
    }
  }

  /**
   * The books' {@code total} of {@code asset} split by what open orders {@code held} of it. The
   * reserved part is the hold, but never more than the total: a hold larger than the books' holding
   * (the books and the exchange disagree, or the hold was read at another moment than the books)
   * reserves the whole holding and leaves nothing free, so a free balance is never overstated.
   * {@link #unbacked(BigDecimal, BigDecimal)} says by how much the hold exceeded the holding.
   *
   * <p>Example: {@code of(XBT, 0.5, 0.1)} is free 0.4, reserved 0.1; {@code of(XBT, 0.5, 0.7)} is
   * free 0, reserved 0.5.
   *
   * @throws IllegalArgumentException when {@code total} or {@code held} is negative
   */
  public static AssetBalance of(Asset asset, BigDecimal total, BigDecimal held) {
    requireNonNull(total, "total");
    requireNonNull(held, "held");
    if (total.signum() < 0) {
      throw new IllegalArgumentException(
          "A holding to split must not be negative: " + asset + " " + total.toPlainString());
    }
    if (held.signum() < 0) {
      throw new IllegalArgumentException(
          "A hold must not be negative: " + asset + " " + held.toPlainString());
    }
    BigDecimal reserved = held.min(total);
    return new AssetBalance(asset, total.subtract(reserved), reserved, total);
  }

  /** The books' {@code total} of {@code asset} with nothing held by open orders: all of it free. */
  public static AssetBalance unreserved(Asset asset, BigDecimal total) {
    return of(asset, total, BigDecimal.ZERO);
  }

  /**
   * How much of a hold {@code held} exceeds the holding {@code total}: the part {@link #of} could
   * not reserve; zero when the holding covers the hold. Example: {@code unbacked(0.5, 0.7)} is 0.2.
   */
  public static BigDecimal unbacked(BigDecimal total, BigDecimal held) {
    return Precision.canonical(held.subtract(total).max(BigDecimal.ZERO));
  }

  /** Whether open orders hold any of it. */
  public boolean isReserved() {
    return reserved.signum() > 0;
  }
}
