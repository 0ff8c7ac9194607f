package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * The margin side of a {@link Fill}: whether the trade opened a position or closed (part of) one,
 * which position, at what leverage, the margin and, for a closing trade, the realised profit.
 *
 * <p>Example: {@code MarginTrade[effect=OPENS, positionTxid=TSVZ66-RESHM-IDZGCE, leverage=2,
 * margin=3000.0000, profit=0.0000]} for 0.1 XBT bought at 60 000 with 2:1 leverage; its close at 60
 * 500 is {@code MarginTrade[effect=CLOSES, …, margin=3025.0000, profit=50.0000]}. Immutable.
 *
 * @param effect whether the trade opened or closed a position
 * @param positionTxid the position: the trade's own txid when it opened one, else the one it closed
 *     ({@code postxid} on the wire)
 * @param leverage the position's leverage, such as 2 for 2:1
 * @param margin the trade's margin in quote: {@code cost / leverage}
 * @param profit the realised profit (negative: loss) in quote of a closing trade, before its fee
 *     (the {@code amount} of its {@code margin} ledger row); zero for an opening trade
 */
public record MarginTrade(
    Effect effect, String positionTxid, int leverage, BigDecimal margin, BigDecimal profit) {

  /** What a margin trade does to its position. */
  public enum Effect {
    /** The trade opened a position (its txid is the position id). */
    OPENS,
    /** The trade closed all or part of a position ({@code misc "closing"}). */
    CLOSES
  }

  public MarginTrade {
    requireNonNull(effect, "effect");
    requireNonNull(positionTxid, "positionTxid");
    requireNonNull(margin, "margin");
    requireNonNull(profit, "profit");
    if (leverage < 2) {
      throw new IllegalArgumentException("Margin trades have leverage 2 or more: " + leverage);
    }
  }

  /** Whether the trade closed (part of) a position. */
  public boolean closes() {
    return effect == Effect.CLOSES;
  }
}
