package io.tally.risk;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One rule a check or a sizing found against an order: the rule, its limit and the order's value
 * under it (both in the rule's own unit: a multiple for leverage, percent of equity for the {@code
 * _pct} rules, base currency, volume or a count), and a sentence for a person.
 *
 * <p>Example: {@code RuleFailure[rule=LEVERAGE_CAP, limit=6, value=6.2, detail=leverage would be
 * 6.2x, over the cap of 6x]}. A rule without figures (the trading state) has empty ones. Immutable.
 */
public record RuleFailure(
    RiskRule rule, Optional<BigDecimal> limit, Optional<BigDecimal> value, String detail) {

  public RuleFailure {
    requireNonNull(rule, "rule");
    requireNonNull(limit, "limit");
    requireNonNull(value, "value");
    requireNonNull(detail, "detail");
  }

  /** A failure with both figures. */
  public static RuleFailure of(RiskRule rule, BigDecimal limit, BigDecimal value, String detail) {
    return new RuleFailure(rule, Optional.of(limit), Optional.of(value), detail);
  }

  /** A failure without figures. */
  public static RuleFailure of(RiskRule rule, String detail) {
    return new RuleFailure(rule, Optional.empty(), Optional.empty(), detail);
  }
}
