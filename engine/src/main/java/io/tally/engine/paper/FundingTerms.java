package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * How a paper account charges funding on its leveraged positions: at every multiple of {@code
 * interval} since the Unix epoch (00:00, 08:00 and 16:00 UTC for 8 hours), each open position whose
 * leverage is above 1 pays {@code |size| × last price × ratePerPeriod}, rounded once to 8 decimals
 * HALF_EVEN. As on perpetual futures, longs pay and shorts receive when the rate is positive, and
 * the other way round when it is negative.
 *
 * <p>Example: {@code FundingTerms.standard()} is every 8 hours at 0.01 %: a 5× long of 0.5 XBT with
 * the last price at 61,000 pays {@code 0.5 × 61,000 × 0.0001 = 3.05}. Immutable.
 *
 * @param interval whole seconds, at least one
 * @param ratePerPeriod a fraction (0.0001 is 0.01 %), may be zero (no funding) or negative
 */
public record FundingTerms(Duration interval, BigDecimal ratePerPeriod) {

  public FundingTerms {
    requireNonNull(interval, "interval");
    if (interval.getSeconds() < 1 || interval.getNano() != 0) {
      throw new IllegalArgumentException(
          "funding interval must be a positive number of whole seconds, got " + interval);
    }
    ratePerPeriod = Precision.canonical(requireNonNull(ratePerPeriod, "ratePerPeriod"));
  }

  /** Every 8 hours at 0.01 % of the position's value. */
  public static FundingTerms standard() {
    return new FundingTerms(Duration.ofHours(8), new BigDecimal("0.0001"));
  }

  /** The first funding time strictly after {@code after}. */
  public Instant nextAfter(Instant after) {
    long seconds = interval.getSeconds();
    long periods = Math.floorDiv(after.getEpochSecond(), seconds) + 1;
    return Instant.ofEpochSecond(periods * seconds);
  }
}
