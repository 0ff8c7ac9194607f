package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * How much of one limit the account uses now: the rule, what it is about ({@code account}, an
 * asset, an asset class or a correlated group), the limit and the current value in the rule's unit.
 *
 * <p>Example: {@code LimitUsage[rule=MAX_POSITION_PCT, subject=XBT, limit=10, value=12.5]} is over
 * its limit ({@link #exceeded()}), at 125 % utilisation. Immutable.
 */
public record LimitUsage(RiskRule rule, String subject, BigDecimal limit, BigDecimal value) {

  private static final BigDecimal HUNDRED = new BigDecimal("100");

  public LimitUsage {
    requireNonNull(rule, "rule");
    requireNonNull(subject, "subject");
    requireNonNull(limit, "limit");
    requireNonNull(value, "value");
  }

  /** Whether the value is over the limit. */
  public boolean exceeded() {
    return value.compareTo(limit) > 0;
  }

  /** The value as a percent of the limit; empty for a limit of 0. */
  public Optional<BigDecimal> utilisationPct() {
    if (limit.signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        value
            .multiply(HUNDRED)
            .divide(limit, Precision.RATIO)
            .setScale(Precision.PERCENT_SCALE, Precision.ROUNDING));
  }

  /**
   * What identifies this breach among others: the rule and the subject, such as {@code
   * max_position_pct:XBT}.
   */
  public String key() {
    return rule.key() + ":" + subject;
  }
}
