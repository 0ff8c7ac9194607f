package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An external flow at its own moment with the portfolio's value just before it, in the base
 * currency (ACCOUNTING.md §9: "a flow is valued at its own moment, the value just after it is the
 * value just before plus the flow"). A deposit is positive, a withdrawal negative; a withdrawal's
 * fee is not part of the flow (it is a cost, so it lowers the return).
 *
 * <p>Example: {@code new FlowPoint(Instant.parse("2025-03-01T14:00:00Z"), new BigDecimal("1050"),
 * new BigDecimal("500"))}: worth 1050 when 500 were deposited, so 1550 just after. Immutable.
 */
public record FlowPoint(Instant at, BigDecimal valueBefore, BigDecimal amount) {

  public FlowPoint {
    requireNonNull(at, "at");
    requireNonNull(valueBefore, "valueBefore");
    requireNonNull(amount, "amount");
  }

  /** The value just after the flow: the value just before plus the flow. */
  public BigDecimal valueAfter() {
    return valueBefore.add(amount);
  }
}
