package io.tally.margin;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Whether collateral may be withdrawn from a margin account, the margin level it would leave and
 * why (see {@link MarginSummary#checkWithdrawal(BigDecimal, BigDecimal)}).
 *
 * <p>Example: {@code WithdrawalDecision[allowed=false, marginLevelAfter=Optional[180.0000],
 * reason=margin level after the withdrawal 180.0000 % would be below the minimum 200 %]}.
 * Immutable.
 *
 * @param marginLevelAfter the margin level after the withdrawal; empty when no margin is used
 */
public record WithdrawalDecision(
    boolean allowed, Optional<BigDecimal> marginLevelAfter, String reason) {

  /**
   * The lowest margin level a withdrawal may leave unless told otherwise: the margin-call level, so
   * that a withdrawal never triggers a margin call by itself.
   */
  public static final BigDecimal DEFAULT_MINIMUM_LEVEL = MarginAlerts.MARGIN_CALL_LEVEL;

  public WithdrawalDecision {
    requireNonNull(marginLevelAfter, "marginLevelAfter");
    requireNonNull(reason, "reason");
  }
}
