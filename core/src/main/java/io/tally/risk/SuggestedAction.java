package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import java.math.BigDecimal;

/**
 * What a {@link RiskEvent} suggests doing on a live account: reduce (or close) the position on
 * {@code pair} first, the most losing one, whose unrealized PnL in the base currency is given. A
 * paper account acts on it itself; a live one only names it.
 *
 * <p>Example: {@code SuggestedAction[pair=XBTUSD, unrealizedPnl=-1850.00000000]}: reduce the
 * XBT/USD position, which loses 1,850 USD. Immutable.
 */
public record SuggestedAction(Pair pair, BigDecimal unrealizedPnl) {

  public SuggestedAction {
    requireNonNull(pair, "pair");
    requireNonNull(unrealizedPnl, "unrealizedPnl");
  }
}
