package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import io.tally.reconcile.DriftMode;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The {@code reconciliation:} section: how often a running service checks the books against
 * Kraken's {@code Balance}, the base-currency tolerance above which a difference is drift, whether
 * drift is corrected with a stored adjustment event, and how flows enter flow-adjusted drift.
 *
 * <p>Example: {@code ReconciliationConfig.defaults()} is every 5 minutes, 1.00, no auto update,
 * observe only. Immutable.
 */
public record ReconciliationConfig(
    Duration interval, BigDecimal tolerance, boolean autoUpdate, DriftMode driftMode) {

  public ReconciliationConfig {
    requireNonNull(interval, "interval");
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    tolerance = Precision.canonical(requireNonNull(tolerance, "tolerance"));
    requireNonNull(driftMode, "driftMode");
  }

  /** Every 5 minutes, tolerance 1.00, no auto update, observe only. */
  public static ReconciliationConfig defaults() {
    return new ReconciliationConfig(
        Duration.ofMinutes(5), new BigDecimal("1.00"), false, DriftMode.OBSERVE_ONLY);
  }
}
