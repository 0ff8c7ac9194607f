package io.tally.engine.service;

/**
 * Counters of a running service, for a metrics endpoint: syncs done and failed with their total
 * time, and valuations (revaluing the books after a write) with theirs.
 *
 * <p>Example: {@code ServiceStats[syncs=12, syncFailures=1, syncNanos=4200000000, valuations=30,
 * valuationNanos=90000000]}. Immutable.
 */
public record ServiceStats(
    long syncs, long syncFailures, long syncNanos, long valuations, long valuationNanos) {}
