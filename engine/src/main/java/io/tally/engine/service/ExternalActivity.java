package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Manual trades or external flows that moved the portfolio by more than {@code
 * portfolio.external_activity_threshold_pct}: the larger of the change of equity from flows and the
 * change of any asset's share of equity, in percent (points), and the events behind it.
 *
 * <p>Only events dated after the drift baseline count (see {@link ExternalActivityCheck}).
 *
 * <p>Example: {@code External activity: transfer changed your portfolio by 12.5%}. Immutable.
 *
 * @param kind manual trades, transfers or both; printed {@code manual trade}, {@code transfer} or
 *     {@code manual trade/transfer}
 */
public record ExternalActivity(
    Instant at, ActivityKind kind, BigDecimal changePct, List<String> eventIds) {

  public ExternalActivity {
    requireNonNull(at, "at");
    requireNonNull(kind, "kind");
    requireNonNull(changePct, "changePct");
    eventIds = List.copyOf(eventIds);
  }

  /** The log line: {@code External activity: <kind> changed your portfolio by X%}. */
  public String message() {
    return "External activity: "
        + kind
        + " changed your portfolio by "
        + changePct.toPlainString()
        + "%";
  }
}
