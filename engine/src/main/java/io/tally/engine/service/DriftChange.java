package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The drift flag changed: a reconciliation found drift where the one before found none, or found
 * none any more. Emitted to {@link PortfolioService#onDriftChange} listeners (and streamed by
 * {@code GET /events}) when a write publishes it; not at start-up, which has nothing before it.
 *
 * <p>Example: {@code DriftChange[at=2026-12-03T22:00:01Z, driftFlag=true, status=DRIFT]}.
 * Immutable.
 *
 * @param at when the reconciliation that changed the flag ran
 * @param driftFlag the flag now
 * @param status the reconciliation's status now
 */
public record DriftChange(Instant at, boolean driftFlag, ReconciliationStatus status) {

  public DriftChange {
    requireNonNull(at, "at");
    requireNonNull(status, "status");
  }
}
