package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One fall of the TWR index below a peak: its depth, the peak, the lowest point and the day the
 * index was back at the peak (empty while it is not). Dates are reporting days whose end carries
 * the index value; a peak at the index's start is dated the day before the first day.
 *
 * <p>Example: {@code new Drawdown(new BigDecimal("0.25"), LocalDate.parse("2025-01-10"),
 * LocalDate.parse("2025-02-03"), Optional.empty())}: 25 % below the 10 January peak at the end of 3
 * February, not recovered. Immutable.
 *
 * @param depth {@code 1 − trough / peak}, a fraction between 0 and 1 for a positive index
 */
public record Drawdown(
    BigDecimal depth, LocalDate peak, LocalDate trough, Optional<LocalDate> recovery) {

  public Drawdown {
    requireNonNull(depth, "depth");
    requireNonNull(peak, "peak");
    requireNonNull(trough, "trough");
    requireNonNull(recovery, "recovery");
  }
}
