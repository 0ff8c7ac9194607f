package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import java.math.BigDecimal;

/**
 * A position a {@link RiskEvent} involves, as it stood when the event was raised: its pair, signed
 * size and unrealized PnL in the base currency.
 *
 * <p>Example: {@code RiskPosition[pair=XBTUSD, size=-0.5, unrealizedPnl=-1250.00000000]} is a short
 * of 0.5 XBT losing 1,250 USD. Immutable.
 *
 * @param size signed base units: negative for a short
 */
public record RiskPosition(Pair pair, BigDecimal size, BigDecimal unrealizedPnl) {

  public RiskPosition {
    requireNonNull(pair, "pair");
    requireNonNull(size, "size");
    requireNonNull(unrealizedPnl, "unrealizedPnl");
  }
}
