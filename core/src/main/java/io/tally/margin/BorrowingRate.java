package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Interest on margin debt: a rate charged per whole period on the borrowed part of a position
 * ({@code notional − own margin}). Only completed periods are charged, as Kraken charges its
 * rollover at each 4-hour mark rather than pro rata.
 *
 * <p>Example: {@code new BorrowingRate(new BigDecimal("0.0002"), Duration.ofHours(4))}: 0.02 % per
 * 4 hours; on 8,000 borrowed for 10 hours that is 2 periods, {@code 8,000 × 0.0002 × 2 = 3.2}.
 * Immutable.
 *
 * @param ratePerPeriod the share of the borrowed amount charged each period, not negative
 * @param period the length of one period, positive
 */
public record BorrowingRate(BigDecimal ratePerPeriod, Duration period) {

  public BorrowingRate {
    ratePerPeriod = Precision.canonical(Argument.notNegative("ratePerPeriod", ratePerPeriod));
    requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive, got " + period);
    }
  }

  /** How many whole periods fit in {@code held}. */
  public long periods(Duration held) {
    requireNonNull(held, "held");
    if (held.isNegative()) {
      throw new IllegalArgumentException("held must not be negative, got " + held);
    }
    return held.dividedBy(period);
  }

  /**
   * {@code borrowed × rate × whole periods in held}, as money (one HALF_EVEN rounding); zero for
   * nothing borrowed.
   */
  public BigDecimal carryFor(BigDecimal borrowed, Duration held) {
    Argument.notNegative("borrowed", borrowed);
    return Precision.money(
        borrowed.multiply(ratePerPeriod).multiply(BigDecimal.valueOf(periods(held))));
  }
}
