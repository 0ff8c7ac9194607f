package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.margin.AlertType;
import io.tally.margin.MarginAlerts;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredRiskEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The margin alert ladder of one live account ({@link MarginAlerts}), fed the account's margin
 * figures after each write, turning each alert into a {@link RiskEvent}. Its state is the last
 * margin alert the store kept: a restart resumes the ladder from it ({@link MarginAlerts#resumed}),
 * so an alert still standing is not raised again, and one raised while the account was closed is
 * never lost because it was stored when raised.
 *
 * <p>Example: {@code MarginWatch.resume(store).observe(now, queries.getMargin())} is {@code
 * MARGIN_CALL} the first time the level is below 200 %, empty while it stays there. Not
 * thread-safe: the writer calls it under its lock.
 */
final class MarginWatch {

  /** The margin alerts' type names, as the store keeps them. */
  static final Set<String> MARGIN_TYPES =
      Arrays.stream(RiskEventType.values())
          .filter(RiskEventType::isMargin)
          .map(RiskEventType::name)
          .collect(Collectors.toUnmodifiableSet());

  private final MarginAlerts alerts;

  private MarginWatch(MarginAlerts alerts) {
    this.alerts = alerts;
  }

  /**
   * The ladder continued from the newest margin alert {@code store} keeps (none standing if none).
   */
  static MarginWatch resume(PortfolioStore store) {
    List<StoredRiskEvent> last = store.riskEvents(Optional.empty(), MARGIN_TYPES, 1);
    Optional<AlertType> standing =
        last.stream().findFirst().map(event -> RiskEventType.valueOf(event.type()).alertType());
    return new MarginWatch(MarginAlerts.resumed(standing));
  }

  /** Whether an alert is standing, so that figures without positions still need observing. */
  boolean standing() {
    return alerts.standing().isPresent();
  }

  /** The risk event {@code margin}'s figures at {@code at} raise, if any. */
  Optional<RiskEvent> observe(Instant at, MarginStatus margin) {
    requireNonNull(at, "at");
    return alerts
        .observe(margin.summary())
        .map(alert -> RiskEvent.ofMargin(at, alert, margin.summary()));
  }
}
