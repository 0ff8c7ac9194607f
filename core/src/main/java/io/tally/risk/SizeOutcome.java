package io.tally.risk;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;

/**
 * A sizing's answer: the volume, the money it risks (equity × risk %), and each rule that made it
 * smaller than the stop alone allows, with why.
 *
 * <p>Example: {@code SizeOutcome[volume=0.33, riskAmount=1000.00000000,
 * limitedBy=[MAX_POSITION_PCT], reasons=[...]]}. Immutable.
 */
public record SizeOutcome(
    BigDecimal volume, BigDecimal riskAmount, List<RiskRule> limitedBy, List<RuleFailure> reasons) {

  public SizeOutcome {
    requireNonNull(volume, "volume");
    requireNonNull(riskAmount, "riskAmount");
    limitedBy = List.copyOf(limitedBy);
    reasons = List.copyOf(reasons);
  }
}
