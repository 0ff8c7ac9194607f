package io.tally.risk;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * What a pre-trade check found: whether the order passes, every rule it fails (not only the first),
 * the figures before and after it, and the largest volume that would pass every rule. Percentages
 * are of equity; money is in the base currency.
 *
 * <p>Example: an order taking a 5.8× account to 6.2× under a cap of 6 fails with {@code
 * failures=[RuleFailure[rule=LEVERAGE_CAP, limit=6.0, value=6.2000, ...]]} and a {@code maxVolume}
 * that brings it to 6× exactly. Immutable.
 *
 * @param legs what one unit of the order does to the account (empty when it had no price)
 * @param exposureAfterPct gross exposure after the order, in percent of equity
 * @param maxVolume the largest volume that passes every rule; empty when no rule bounds it
 */
public record CheckOutcome(
    List<RuleFailure> failures,
    BigDecimal currentLeverage,
    BigDecimal proposedLeverage,
    BigDecimal positionAfterPct,
    BigDecimal exposureAfterPct,
    BigDecimal portfolioRiskAfterPct,
    BigDecimal marginRequired,
    BigDecimal freeMarginAfter,
    Optional<BigDecimal> maxVolume,
    TradingState tradingState,
    Optional<OrderLegs> legs) {

  public CheckOutcome {
    failures = List.copyOf(failures);
    requireNonNull(currentLeverage, "currentLeverage");
    requireNonNull(proposedLeverage, "proposedLeverage");
    requireNonNull(positionAfterPct, "positionAfterPct");
    requireNonNull(exposureAfterPct, "exposureAfterPct");
    requireNonNull(portfolioRiskAfterPct, "portfolioRiskAfterPct");
    requireNonNull(marginRequired, "marginRequired");
    requireNonNull(freeMarginAfter, "freeMarginAfter");
    requireNonNull(maxVolume, "maxVolume");
    requireNonNull(tradingState, "tradingState");
    requireNonNull(legs, "legs");
  }

  /** Whether the order passes every rule. */
  public boolean passed() {
    return failures.isEmpty();
  }

  /** Whether {@code rule} is among the failures. */
  public boolean failed(RiskRule rule) {
    return failures.stream().anyMatch(f -> f.rule() == rule);
  }
}
