package io.tally.tax;

import io.tally.ledger.EventId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The part of one lot (or, by weighted average cost, of the pool) that a disposal or removal took:
 * its units, the cost they carried, and when they were acquired — {@code acquired} and {@code
 * acquiredLatest} differ when the slice spans several acquisitions (an average-cost pool, or units
 * assumed acquired at the disposal). Immutable.
 *
 * @param acquiredBy the event that acquired the (earliest) units
 */
record LotSlice(
    BigDecimal quantity,
    BigDecimal cost,
    Instant acquired,
    Instant acquiredLatest,
    EventId acquiredBy) {}
