package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.risk.TradingState;
import java.time.Instant;
import java.util.Optional;

/**
 * The trading state now, why, since when, and whether an operator set it: what {@code GET /risk}
 * and {@code POST /risk/state} answer.
 *
 * <p>Example: {@code TradingStatus[state=REDUCING, reason=Optional[drawdown -0.10 (total)
 * breached], since=Optional[2026-12-04T01:00:00Z], manual=false]}. Immutable.
 *
 * @param since when it was entered; empty for the ACTIVE an account starts in
 */
public record TradingStatus(
    TradingState state, Optional<String> reason, Optional<Instant> since, boolean manual) {

  /** Where every account starts. */
  public static final TradingStatus INITIAL =
      new TradingStatus(TradingState.ACTIVE, Optional.empty(), Optional.empty(), false);

  public TradingStatus {
    requireNonNull(state, "state");
    requireNonNull(reason, "reason");
    requireNonNull(since, "since");
  }

  /** Who set it: {@code manual} or {@code automatic}. */
  public String source() {
    return manual ? "manual" : "automatic";
  }
}
