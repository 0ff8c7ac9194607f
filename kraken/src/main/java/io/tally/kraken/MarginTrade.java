package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;

/**
 * What makes a Kraken fill a margin trade: the initial margin it committed, the position it belongs
 * to, and whether it closes (part of) that position. Kraken's {@code TradesHistory} and {@code
 * trades.csv} say it in the columns {@code margin} (initial margin in quote units; {@code 0} for
 * spot), {@code misc} (a list containing {@code closing} when the fill reduces a position) and
 * {@code postxid} ({@code posttxid} in 2025+ exports: on a closing fill, the position's id, which
 * is the opening fill's txid).
 *
 * <p>A fill that does not close opens a position, or adds to one, whose id is its own txid.
 * Example: {@code MarginTrade[initialMargin=9.375, positionId=TFX004-SYNTH-TRADES, closing=false]}
 * for the opening buy of 3 ATOM at 6.25 EUR with leverage 2 (cost 18.75 / 2 = 9.375). Immutable.
 *
 * @param initialMargin the margin the fill committed, in quote units; positive
 * @param positionId the position the fill opens, adds to or closes
 * @param closing whether the fill reduces or closes the position
 */
public record MarginTrade(BigDecimal initialMargin, String positionId, boolean closing) {

  public MarginTrade {
    initialMargin = Precision.canonical(requireNonNull(initialMargin, "initialMargin"));
    requireNonNull(positionId, "positionId");
    if (initialMargin.signum() <= 0) {
      throw new IllegalArgumentException(
          "A margin trade's initial margin must be positive: " + initialMargin.toPlainString());
    }
    if (positionId.isBlank()) {
      throw new IllegalArgumentException("A margin trade needs a position id");
    }
  }

  /** The leverage of a fill of {@code cost} quote units: {@code cost / initialMargin}. */
  public BigDecimal leverage(BigDecimal cost) {
    return Precision.ratio(cost, initialMargin);
  }
}
