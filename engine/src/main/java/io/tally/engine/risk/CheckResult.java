package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.risk.CheckOutcome;
import java.time.Instant;
import java.util.Optional;

/**
 * A pre-trade check as the service answers it: the core's {@link CheckOutcome}, the id the check is
 * known by, and, for a passed check that reserved its exposure, until when.
 *
 * <p>Example: {@code riskService.preTradeCheck(order).outcome().passed()}. Immutable.
 */
public record CheckResult(CheckOutcome outcome, String checkId, Optional<Instant> reservedUntil) {

  public CheckResult {
    requireNonNull(outcome, "outcome");
    requireNonNull(checkId, "checkId");
    requireNonNull(reservedUntil, "reservedUntil");
  }
}
