package io.tally.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code x × y ÷ z} at a given scale with one rounding, exactly as {@code x.multiply(y).divide(z,
 * scale, rounding)} gives it (the same digits and the same scale), but in 128-bit integer
 * arithmetic when the numbers allow: a product of money and a quantity (10^13 × 10^10) is past a
 * long, and {@link BigDecimal} then multiplies and divides through {@code BigInteger}, which was a
 * third of the books' replay (docs/BENCHMARKS.md §25.5). Numbers past what the integers hold, and
 * roundings other than HALF_EVEN and DOWN, are left to {@link BigDecimal}.
 *
 * <p>Example: {@code ProductQuotient.of(new BigDecimal("100.00000000"), new BigDecimal("1"), new
 * BigDecimal("3"), 8, RoundingMode.HALF_EVEN)} is {@code 33.33333333}. Stateless.
 */
final class ProductQuotient {

  private static final long LOW_32 = 0xFFFF_FFFFL;

  /** The most digits an operand may have here, and the largest power of ten it is scaled by. */
  private static final int LONG_DIGITS = Precision.POWERS_OF_TEN.length - 1;

  private ProductQuotient() {}

  /**
   * {@code x.multiply(y).divide(z, scale, rounding)}.
   *
   * @throws ArithmeticException when {@code z} is zero, as {@link BigDecimal#divide} does
   */
  static BigDecimal of(BigDecimal x, BigDecimal y, BigDecimal z, int scale, RoundingMode rounding) {
    if (z.signum() == 0) {
      throw new ArithmeticException("Division by zero");
    }
    if (inLongsSupported(x, y, z, rounding)) {
      long quotient = inLongs(x, y, z, scale, rounding == RoundingMode.HALF_EVEN);
      if (quotient != Long.MIN_VALUE) {
        return BigDecimal.valueOf(quotient, scale);
      }
    }
    return x.multiply(y).divide(z, scale, rounding);
  }

  /**
   * {@code Precision.canonical(of(x, y, z, scale, rounding))}: the same number without trailing
   * zeros, which are stripped from the long where the result has one rather than from a first
   * {@code BigDecimal} into a second.
   */
  static BigDecimal canonical(
      BigDecimal x, BigDecimal y, BigDecimal z, int scale, RoundingMode rounding) {
    if (z.signum() == 0) {
      throw new ArithmeticException("Division by zero");
    }
    if (scale >= 0 && inLongsSupported(x, y, z, rounding)) {
      long quotient = inLongs(x, y, z, scale, rounding == RoundingMode.HALF_EVEN);
      if (quotient != Long.MIN_VALUE) {
        int places = scale;
        while (places > 0 && quotient % 10 == 0) {
          quotient /= 10;
          places--;
        }
        return BigDecimal.valueOf(quotient, places);
      }
    }
    return Precision.canonical(x.multiply(y).divide(z, scale, rounding));
  }

  private static boolean inLongsSupported(
      BigDecimal x, BigDecimal y, BigDecimal z, RoundingMode rounding) {
    return (rounding == RoundingMode.HALF_EVEN || rounding == RoundingMode.DOWN)
        && x.precision() <= LONG_DIGITS
        && y.precision() <= LONG_DIGITS
        && z.precision() <= LONG_DIGITS;
  }

  /**
   * The unscaled result in longs, or {@link Long#MIN_VALUE} when a step would not fit: with {@code
   * x = X·10^-a}, {@code y = Y·10^-b}, {@code z = Z·10^-c} and {@code e = scale − a − b + c}, the
   * result is {@code |X·Y| · 10^e ÷ |Z|} (or {@code |X·Y| ÷ (|Z| · 10^-e)}), rounded on the
   * remainder, with the sign of {@code X·Y·Z}.
   */
  private static long inLongs(
      BigDecimal x, BigDecimal y, BigDecimal z, int scale, boolean halfEven) {
    long exponent = (long) scale - x.scale() - y.scale() + z.scale();
    if (exponent > LONG_DIGITS || exponent < -LONG_DIGITS) {
      return Long.MIN_VALUE;
    }
    long bigX = Precision.unscaled(x);
    long bigY = Precision.unscaled(y);
    long bigZ = Precision.unscaled(z);
    boolean negative = (Long.signum(bigX) * Long.signum(bigY) * Long.signum(bigZ)) < 0;
    long absX = Math.abs(bigX);
    long absY = Math.abs(bigY);
    long divisor = Math.abs(bigZ);
    // |X·Y| as 128 bits: both factors are below 10^18 < 2^63, so the signed high half is exact.
    long high = Math.multiplyHigh(absX, absY);
    long low = absX * absY;
    if (exponent > 0) {
      long power = Precision.POWERS_OF_TEN[(int) exponent];
      long carry = unsignedMultiplyHigh(low, power);
      if (Math.multiplyHigh(high, power) != 0) {
        return Long.MIN_VALUE;
      }
      long shifted = high * power;
      if (shifted < 0 || shifted + carry < 0) {
        return Long.MIN_VALUE;
      }
      high = shifted + carry;
      low = low * power;
    } else if (exponent < 0) {
      long power = Precision.POWERS_OF_TEN[(int) -exponent];
      if (Math.multiplyHigh(divisor, power) != 0 || divisor * power < 0) {
        return Long.MIN_VALUE;
      }
      divisor = divisor * power;
    }
    // The division needs the dividend's high half below the divisor (a quotient of at most 64
    // bits); a quotient of 64 bits, past a long, is left to BigDecimal below.
    if (Long.compareUnsigned(high, divisor) >= 0) {
      return Long.MIN_VALUE;
    }
    long[] remainder = new long[1];
    long quotient = divideUnsigned(high, low, divisor, remainder);
    if (quotient < 0) {
      return Long.MIN_VALUE;
    }
    if (halfEven) {
      // remainder < divisor < 2^63, so twice the remainder fits in 64 unsigned bits.
      int half = Long.compareUnsigned(remainder[0] << 1, divisor);
      if (half > 0 || (half == 0 && (quotient & 1) == 1)) {
        quotient++;
        if (quotient < 0) {
          return Long.MIN_VALUE;
        }
      }
    }
    return negative ? -quotient : quotient;
  }

  /** The high 64 bits of the unsigned 128-bit product of {@code a} (unsigned) and {@code b} ≥ 0. */
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b);
  }

  /**
   * One 32-bit digit of the quotient of {@code dividend} (its two leading digits) and the next
   * digit {@code next}: estimated from the divisor's high digit, then lowered until its low digit
   * allows it (at most twice; Knuth's step D3).
   */
  private static long digit(long dividend, long divisorHigh, long divisorLow, long next) {
    long digit = Long.divideUnsigned(dividend, divisorHigh);
    long rest = Long.remainderUnsigned(dividend, divisorHigh);
    while (Long.compareUnsigned(digit, 1L << 32) >= 0
        || Long.compareUnsigned(digit * divisorLow, (rest << 32) | next) > 0) {
      digit--;
      rest += divisorHigh;
      if (Long.compareUnsigned(rest, 1L << 32) >= 0) {
        break;
      }
    }
    return digit;
  }

  /**
   * The unsigned 128-bit {@code high:low} divided by the unsigned {@code divisor}, for {@code high
   * < divisor} (so the quotient fits 64 bits): the quotient, and the remainder in {@code
   * remainder[0]}. Knuth's algorithm D on 32-bit digits, as in Hacker's Delight's {@code divlu}.
   */
  static long divideUnsigned(long high, long low, long divisor, long[] remainder) {
    if (high == 0) {
      // A dividend of 64 bits, as most of the books' products are: one machine division.
      long quotient = Long.divideUnsigned(low, divisor);
      remainder[0] = low - quotient * divisor;
      return quotient;
    }
    int shift = Long.numberOfLeadingZeros(divisor);
    long normalized = divisor << shift;
    long divisorHigh = normalized >>> 32;
    long divisorLow = normalized & LOW_32;
    long dividend32 = (high << shift) | ((low >>> (64 - shift)) & (-(long) shift >> 63));
    long dividend10 = low << shift;
    long dividend1 = dividend10 >>> 32;
    long dividend0 = dividend10 & LOW_32;

    long quotient1 = digit(dividend32, divisorHigh, divisorLow, dividend1);
    long dividend21 = (dividend32 << 32) + dividend1 - quotient1 * normalized;
    long quotient0 = digit(dividend21, divisorHigh, divisorLow, dividend0);
    remainder[0] = ((dividend21 << 32) + dividend0 - quotient0 * normalized) >>> shift;
    return (quotient1 << 32) + quotient0;
  }
}
