package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one place where Tally decides how many digits a number keeps (ACCOUNTING.md §1). Booked
 * quantities are exact (at most {@value #MAX_QUANTITY_SCALE} decimals, never rounded);
 * base-currency money is rounded HALF_EVEN to {@value #MONEY_SCALE} decimals where digits are
 * created (a product or a quotient); intermediate ratios use {@link MathContext#DECIMAL128};
 * display uses {@value #DISPLAY_SCALE} decimals.
 *
 * <p>Example: {@code Precision.money(new BigDecimal("0.123456789"))} is {@code 0.12345679}.
 * Stateless.
 */
public final class Precision {

  /** Decimals of base-currency money inside the books. */
  public static final int MONEY_SCALE = 8;

  /** Decimals of base-currency money shown to a person. */
  public static final int DISPLAY_SCALE = 2;

  /** The most decimals Kraken gives any asset ({@code Assets.decimals}). */
  public static final int MAX_QUANTITY_SCALE = 10;

  /** Precision of intermediate ratios such as prices derived from two amounts. */
  public static final MathContext RATIO = MathContext.DECIMAL128;

  /** How digits are dropped wherever they are dropped. */
  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  private Precision() {}

  /** Base-currency money at {@value #MONEY_SCALE} decimals, rounded HALF_EVEN. */
  public static BigDecimal money(BigDecimal value) {
    return requireNonNull(value, "value").setScale(MONEY_SCALE, ROUNDING);
  }

  /** {@code quantity × price} as base-currency money. */
  public static BigDecimal valueOf(BigDecimal quantity, BigDecimal price) {
    return money(quantity.multiply(price));
  }

  /** {@code total × part / whole} as money, with a single rounding: a pro-rata share of a total. */
  public static BigDecimal share(BigDecimal total, BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      throw new ArithmeticException("Share of a zero whole");
    }
    return total.multiply(part).divide(whole, MONEY_SCALE, ROUNDING);
  }

  /**
   * {@code quantity × part / whole} rounded DOWN to {@value #MAX_QUANTITY_SCALE} decimals: one
   * holder's pro-rata share of a quantity. Never more than the exact share, so the shares of
   * several holders never add up to more than the quantity they split; whoever takes the remainder
   * absorbs the rounding. Example: {@code quantityShareDown(1, 1, 3)} is {@code 0.3333333333}.
   */
  public static BigDecimal quantityShareDown(
      BigDecimal quantity, BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      throw new ArithmeticException("Share of a zero whole");
    }
    return canonical(quantity.multiply(part).divide(whole, MAX_QUANTITY_SCALE, RoundingMode.DOWN));
  }

  /**
   * {@code numerator / denominator} as base-currency money: {@value #MONEY_SCALE} decimals,
   * HALF_EVEN, one rounding. Example: {@code moneyQuotient(1000, 3)} is {@code 333.33333333}.
   */
  public static BigDecimal moneyQuotient(BigDecimal numerator, BigDecimal denominator) {
    if (denominator.signum() == 0) {
      throw new ArithmeticException("Money divided by zero");
    }
    return numerator.divide(denominator, MONEY_SCALE, ROUNDING);
  }

  /**
   * Money given as a fact (a fee, a charge, a deposit) at {@value #MONEY_SCALE} decimals, never
   * rounded: more decimals are rejected (PP #2312).
   *
   * @throws IllegalArgumentException naming {@code what} when it has more than {@value
   *     #MONEY_SCALE} decimals
   */
  public static BigDecimal exactMoney(BigDecimal value, String what) {
    requireNonNull(value, what);
    try {
      return value.setScale(MONEY_SCALE, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          what + " must have at most " + MONEY_SCALE + " decimals, got " + value.toPlainString(),
          e);
    }
  }

  /** {@code numerator / denominator} to 34 significant digits, for derived prices. */
  public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
    return numerator.divide(denominator, RATIO);
  }

  /** Decimals of a derived price (an average cost, an entry price): enough for sub-cent coins. */
  public static final int PRICE_SCALE = 12;

  /**
   * A derived price {@code numerator / denominator} at {@value #PRICE_SCALE} decimals, HALF_EVEN.
   */
  public static BigDecimal price(BigDecimal numerator, BigDecimal denominator) {
    return canonical(numerator.divide(denominator, PRICE_SCALE, ROUNDING));
  }

  /** Decimals of a percentage. */
  public static final int PERCENT_SCALE = 4;

  /**
   * {@code part / whole × 100} to {@value #PERCENT_SCALE} decimals; zero when the whole is zero.
   */
  public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      return BigDecimal.ZERO.setScale(PERCENT_SCALE);
    }
    return part.multiply(BigDecimal.valueOf(100)).divide(whole, PERCENT_SCALE, ROUNDING);
  }

  /** Money for a person to read: {@value #DISPLAY_SCALE} decimals, HALF_EVEN. */
  public static BigDecimal display(BigDecimal value) {
    return value.setScale(DISPLAY_SCALE, ROUNDING);
  }

  /**
   * A quantity or price for a person to read at {@code decimals} decimals (an asset's display
   * decimals, a pair's price decimals), HALF_EVEN.
   */
  public static BigDecimal display(BigDecimal value, int decimals) {
    if (decimals < 0) {
      throw new IllegalArgumentException("decimals must not be negative, got " + decimals);
    }
    return value.setScale(decimals, ROUNDING);
  }

  /**
   * An exact booked quantity: the same number with trailing zeros removed (so that numerically
   * equal quantities are {@code equals}).
   *
   * @throws IllegalArgumentException when it has more than {@value #MAX_QUANTITY_SCALE} decimals;
   *     quantities are never silently truncated
   */
  public static BigDecimal quantity(BigDecimal value) {
    BigDecimal canonical = canonical(requireNonNull(value, "value"));
    if (canonical.scale() > MAX_QUANTITY_SCALE) {
      throw new IllegalArgumentException(
          "Quantity "
              + value.toPlainString()
              + " has more than "
              + MAX_QUANTITY_SCALE
              + " decimals");
    }
    return canonical;
  }

  /** The same number in its shortest form, never with a negative scale (so {@code 1E+1} is 10). */
  public static BigDecimal canonical(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
  }
}
