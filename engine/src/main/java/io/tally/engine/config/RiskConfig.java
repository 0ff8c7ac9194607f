package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import io.tally.risk.RiskPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code risk:} section: the policy the core checks against ({@link RiskPolicy}: limits,
 * strategies' limits, asset classes, correlation, drawdown rules), and what the engine does around
 * it: how long a reservation holds, whether open orders count as filled, and where breach events
 * are posted.
 *
 * <p>Example: {@code RiskConfig.defaults().reservationTtl()} is 30 seconds. Immutable.
 *
 * @param reservationTtl how long a passed check with {@code reserve: true} holds its exposure
 * @param countOpenOrders whether a check counts the account's open orders as filled
 * @param webhookUrl where each risk event is posted as JSON, if anywhere
 */
public record RiskConfig(
    RiskPolicy policy, Duration reservationTtl, boolean countOpenOrders, Optional<URI> webhookUrl) {

  public RiskConfig {
    requireNonNull(policy, "policy");
    requireNonNull(reservationTtl, "reservationTtl");
    requireNonNull(webhookUrl, "webhookUrl");
  }

  /** Every key at its default. */
  public static RiskConfig defaults() {
    return new RiskConfig(RiskPolicy.DEFAULT, Duration.ofSeconds(30), true, Optional.empty());
  }
}
