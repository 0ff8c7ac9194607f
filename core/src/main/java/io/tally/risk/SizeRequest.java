package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Side;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A sizing question: how much of {@code pair} to trade on {@code side} entering at {@code entry}
 * with a stop at {@code stop}, risking {@code riskPct} percent of equity.
 *
 * <p>Example: {@code new SizeRequest(XBTUSD, Side.BUY, 60000, 57000, 1, 1, Optional.empty())} risks
 * 1 % of equity on a spot buy stopped 3,000 under its entry. Immutable.
 *
 * @param leverage 1 for spot, above 1 for margin
 */
public record SizeRequest(
    Pair pair,
    Side side,
    BigDecimal entry,
    BigDecimal stop,
    BigDecimal riskPct,
    BigDecimal leverage,
    Optional<String> strategy) {

  public SizeRequest {
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    requireNonNull(entry, "entry");
    requireNonNull(stop, "stop");
    requireNonNull(riskPct, "riskPct");
    requireNonNull(leverage, "leverage");
    requireNonNull(strategy, "strategy");
    if (entry.signum() <= 0) {
      throw new IllegalArgumentException("entry must be above 0, not " + entry.toPlainString());
    }
    if (stop.signum() <= 0) {
      throw new IllegalArgumentException("stop must be above 0, not " + stop.toPlainString());
    }
    if (riskPct.signum() <= 0 || riskPct.compareTo(new BigDecimal("100")) > 0) {
      throw new IllegalArgumentException(
          "risk_pct must be above 0 and at most 100, not " + riskPct.toPlainString());
    }
    if (leverage.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalArgumentException(
          "leverage must be at least 1, not " + leverage.toPlainString());
    }
    StopDistance.check(side, entry, stop);
  }

  /** The order this sizing proposes, at {@code volume}. */
  ProposedOrder order(BigDecimal volume) {
    return new ProposedOrder(
        pair,
        side,
        volume,
        Optional.of(entry),
        "limit",
        leverage,
        Optional.of(stop),
        strategy,
        Optional.empty(),
        false);
  }
}
