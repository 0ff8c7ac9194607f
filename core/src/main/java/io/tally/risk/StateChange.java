package io.tally.risk;

import static java.util.Objects.requireNonNull;

/**
 * A change of the trading state: from, to, why, and whether the drawdown rules or an operator made
 * it.
 *
 * <p>Example: {@code StateChange[from=ACTIVE, to=REDUCING, reason=drawdown -0.10 (total) breached,
 * manual=false]}. Immutable.
 *
 * @param manual true when set by hand ({@code POST /risk/state}), false when a breach rule set it
 */
public record StateChange(TradingState from, TradingState to, String reason, boolean manual) {

  public StateChange {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(reason, "reason");
  }

  /** Who made the change: {@code manual} or {@code automatic}. */
  public String source() {
    return manual ? "manual" : "automatic";
  }
}
