package io.tally.money;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
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

  /**
   * {@code quantity × price} as base-currency money: the exact product rounded once, as {@code
   * money(quantity.multiply(price))} gives it (a quotient by one at {@value #MONEY_SCALE}
   * decimals).
   */
  public static BigDecimal valueOf(BigDecimal quantity, BigDecimal price) {
    return ProductQuotient.of(quantity, price, BigDecimal.ONE, MONEY_SCALE, ROUNDING);
  }

  /** {@code total × part / whole} as money, with a single rounding: a pro-rata share of a total. */
  public static BigDecimal share(BigDecimal total, BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      throw new ArithmeticException("Share of a zero whole");
    }
    return ProductQuotient.of(total, part, whole, MONEY_SCALE, ROUNDING);
  }

  /**
   * {@code quantity × part / whole} at {@value #MAX_QUANTITY_SCALE} decimals, HALF_EVEN, with a
   * single rounding: a pro-rata share of a quantity, such as the quote currency a position's
   * reduction releases. Example: {@code quantityShare(2, 1, 3)} is {@code 0.6666666667}.
   */
  public static BigDecimal quantityShare(BigDecimal quantity, BigDecimal part, BigDecimal whole) {
    if (whole.signum() == 0) {
      throw new ArithmeticException("Share of a zero whole");
    }
    return ProductQuotient.of(quantity, part, whole, MAX_QUANTITY_SCALE, ROUNDING);
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
    return ProductQuotient.canonical(quantity, part, whole, MAX_QUANTITY_SCALE, RoundingMode.DOWN);
  }

  /**
   * {@code a + b} exactly as {@code a.add(b)} gives it, digits and scale, but without a new number
   * when {@code a} is a zero no wider than {@code b} (the sum is then {@code b} itself): the first
   * term of a total the books start at zero, which made a number per trade for nothing.
   *
   * <p>Example: {@code sum(0.00000000, 1.50000000)} is that {@code 1.50000000}; {@code sum(0.00,
   * 1.5)} is a new {@code 1.50}.
   */
  public static BigDecimal sum(BigDecimal a, BigDecimal b) {
    return a.signum() == 0 && a.scale() <= b.scale() ? b : a.add(b);
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
   * A derived price {@code numerator / denominator} at {@value #PRICE_SCALE} decimals, HALF_EVEN,
   * in its {@link #canonical} form. Example: {@code price(12200, 0.2)} is {@code 61000}; {@code
   * price(1, 3)} is {@code 0.333333333333}.
   *
   * <p>Numbers of up to {@value #LONG_DIGITS} digits (money and quantities as the books keep them)
   * are divided with long arithmetic; any other is divided by {@link BigDecimal} itself. Both give
   * the same digits and scale.
   */
  public static BigDecimal price(BigDecimal numerator, BigDecimal denominator) {
    int raise = PRICE_SCALE + denominator.scale() - numerator.scale();
    if (numerator.precision() <= LONG_DIGITS
        && denominator.precision() <= LONG_DIGITS
        && denominator.signum() != 0
        && raise >= 0
        && raise < POWERS_OF_TEN.length) {
      return longPrice(unscaled(numerator), unscaled(denominator), raise);
    }
    return canonical(numerator.divide(denominator, PRICE_SCALE, ROUNDING));
  }

  /** The most digits of a number {@link #price} divides with long arithmetic. */
  private static final int LONG_DIGITS = 17;

  /** 10^0 to 10^18, every power of ten a long holds; {@link ProductQuotient}'s too. */
  static final long[] POWERS_OF_TEN = {
    1L,
    10L,
    100L,
    1_000L,
    10_000L,
    100_000L,
    1_000_000L,
    10_000_000L,
    100_000_000L,
    1_000_000_000L,
    10_000_000_000L,
    100_000_000_000L,
    1_000_000_000_000L,
    10_000_000_000_000L,
    100_000_000_000_000L,
    1_000_000_000_000_000L,
    10_000_000_000_000_000L,
    100_000_000_000_000_000L,
    1_000_000_000_000_000_000L
  };

  /** The unscaled value of a number whose digits fit a long (at most 18 of them). */
  static long unscaled(BigDecimal value) {
    return value.scaleByPowerOfTen(value.scale()).longValueExact();
  }

  /**
   * {@code canonical(n × 10^raise ÷ d, HALF_EVEN)} at {@value #PRICE_SCALE} decimals, for {@code
   * |n|, |d| < 10^17}, {@code d ≠ 0} and {@code 0 ≤ raise ≤ 18}: the quotient's whole part, then
   * its {@code raise} further digits by long division in chunks small enough that {@code remainder
   * × 10^chunk} stays below 10^18, then the last remainder decides the rounding.
   */
  private static BigDecimal longPrice(long numerator, long denominator, int raise) {
    boolean negative = (numerator < 0) != (denominator < 0);
    long dividend = Math.abs(numerator);
    long divisor = Math.abs(denominator);
    long whole = dividend / divisor;
    long rest = dividend % divisor;
    int chunk = POWERS_OF_TEN.length - 1 - digits(divisor);
    long tail = 0;
    for (int left = raise; left > 0; ) {
      int step = Math.min(left, chunk);
      rest *= POWERS_OF_TEN[step];
      tail = tail * POWERS_OF_TEN[step] + rest / divisor;
      rest %= divisor;
      left -= step;
    }
    long twice = rest * 2;
    long last = raise > 0 ? tail : whole;
    if (twice > divisor || (twice == divisor && (last & 1) == 1)) {
      if (raise == 0) {
        whole++;
      } else if (++tail == POWERS_OF_TEN[raise]) {
        tail = 0;
        whole++;
      }
    }
    if (tail == 0) {
      // n ÷ d is whole × 10^(raise − 12): compact, so its trailing zeros strip cheaply
      return canonical(BigDecimal.valueOf(negative ? -whole : whole, PRICE_SCALE - raise));
    }
    int stripped = 0;
    while (stripped < PRICE_SCALE && tail % 10 == 0) {
      tail /= 10;
      stripped++;
    }
    long shift = POWERS_OF_TEN[raise - stripped];
    int scale = PRICE_SCALE - stripped;
    if (whole <= (Long.MAX_VALUE - tail) / shift) {
      long unscaled = whole * shift + tail;
      return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
    }
    // whole × shift + tail < 10^35 in 128 bits: the high and low halves of the product, plus the
    // tail with its carry, as the big-endian magnitude of one BigInteger
    long low = whole * shift;
    long high = Math.multiplyHigh(whole, shift);
    long sum = low + tail;
    if (Long.compareUnsigned(sum, low) < 0) {
      high++;
    }
    byte[] magnitude = new byte[16];
    for (int i = 0; i < 8; i++) {
      magnitude[7 - i] = (byte) (high >>> (8 * i));
      magnitude[15 - i] = (byte) (sum >>> (8 * i));
    }
    return new BigDecimal(new BigInteger(negative ? -1 : 1, magnitude), scale);
  }

  /** How many decimal digits a positive long below 10^18 has. */
  private static int digits(long value) {
    int count = 1;
    while (count < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[count]) {
      count++;
    }
    return count;
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
