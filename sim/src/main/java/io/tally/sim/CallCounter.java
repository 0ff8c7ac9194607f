package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One API key's REST call counter (kraken-api.md §4.3): each call adds its cost, the counter decays
 * continuously at the tier's rate, and a call that would take it over the tier's maximum is refused
 * and adds nothing.
 *
 * <p>Example: on Starter, seven {@code Ledgers} calls at one instant reach 14; the eighth (16 &gt;
 * 15) is refused. Thread-safe.
 */
final class CallCounter {

  private final RateTier tier;
  private final Clock clock;
  private BigDecimal level = BigDecimal.ZERO;
  private Instant updated;

  CallCounter(RateTier tier, Clock clock) {
    this.tier = requireNonNull(tier, "tier");
    this.clock = requireNonNull(clock, "clock");
    this.updated = clock.instant();
  }

  /** Adds {@code cost} if the counter stays within the maximum; whether it did. */
  synchronized boolean tryCharge(int cost) {
    decay();
    BigDecimal next = level.add(BigDecimal.valueOf(cost));
    if (next.compareTo(BigDecimal.valueOf(tier.maxCounter())) > 0) {
      return false;
    }
    level = next;
    return true;
  }

  /** The counter now. */
  synchronized BigDecimal level() {
    decay();
    return level;
  }

  private void decay() {
    Instant now = clock.instant();
    if (now.isAfter(updated)) {
      Duration elapsed = Duration.between(updated, now);
      BigDecimal seconds = BigDecimal.valueOf(elapsed.toNanos(), 9);
      level = level.subtract(tier.decayPerSecond().multiply(seconds)).max(BigDecimal.ZERO);
      updated = now;
    }
  }
}
