package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One live drawdown window: the flow-adjusted peak of equity since the window's reset, how much
 * equity is below it now, and that as a fraction of the peak. Money is in the base currency at 8
 * decimals (HALF_EVEN); the fraction is at 34 significant digits, 0 at the peak.
 *
 * <p>Example: {@code HighWaterMark[resetAt=2025-03-05T00:00:00Z, peak=10500.00000000,
 * loss=420.00000000, drawdown=0.04]}: 4 % below today's peak of 10,500. Immutable.
 *
 * @param resetAt when the window last started again (the first observation for the total window)
 * @param peak the highest equity since then, moved with each flow in proportion (so neither a
 *     deposit nor a withdrawal changes the drawdown)
 * @param loss {@code peak − equity}
 * @param drawdown {@code 1 − equity / peak}; 0 when the peak is not positive
 */
public record HighWaterMark(
    Instant resetAt, BigDecimal peak, BigDecimal loss, BigDecimal drawdown) {

  public HighWaterMark {
    requireNonNull(resetAt, "resetAt");
    requireNonNull(peak, "peak");
    requireNonNull(loss, "loss");
    requireNonNull(drawdown, "drawdown");
  }
}
