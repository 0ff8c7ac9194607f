package io.tally.risk;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * A step of the {@link DrawdownLadder}: a level breached, or a window recovered, with the peak and
 * drawdown it was measured at.
 *
 * <p>Example: {@code LadderEvent[breach=true, scope=TOTAL, level=-0.05, peak=100000,
 * drawdown=-0.06]}: equity fell 6 % under its peak, through the −5 % level. Immutable.
 *
 * @param breach true for a breach, false for a recovery
 * @param level the level breached, or for a recovery the deepest level it clears
 * @param drawdown the drawdown then, as a negative fraction (0 at the peak)
 */
public record LadderEvent(
    boolean breach, DrawdownScope scope, BigDecimal level, BigDecimal peak, BigDecimal drawdown) {

  public LadderEvent {
    requireNonNull(scope, "scope");
    requireNonNull(level, "level");
    requireNonNull(peak, "peak");
    requireNonNull(drawdown, "drawdown");
  }
}
