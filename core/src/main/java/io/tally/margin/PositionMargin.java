package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * One open position's margin figures at a mark, in the quote asset: its value, unrealized PnL, the
 * margin it ties up and the price at which it would be liquidated (see {@link MarginSummary}).
 *
 * <p>Example: long 1 XBT entered at 10,000 with 5× leverage, marked at 9,000: notional 10,000,
 * unrealized −1,000, initial margin 2,000, maintenance 1,000; isolated, it is liquidated at 9,000
 * ({@code 2,000 + (P − 10,000) = 1,000}). Immutable.
 *
 * @param size signed base units (never zero)
 * @param notional the entry value, which margin is measured on
 * @param liquidationPrice the mark at which the position (isolated) or the account (cross) falls to
 *     its maintenance margin, others held at their marks; empty when no positive price does
 */
public record PositionMargin(
    Pair pair,
    PositionSide side,
    BigDecimal size,
    int leverage,
    BigDecimal entryPrice,
    BigDecimal mark,
    BigDecimal notional,
    BigDecimal marketValue,
    BigDecimal unrealizedPnl,
    BigDecimal initialMargin,
    BigDecimal maintenanceMargin,
    Optional<BigDecimal> liquidationPrice) {

  public PositionMargin {
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    requireNonNull(size, "size");
    requireNonNull(entryPrice, "entryPrice");
    requireNonNull(mark, "mark");
    requireNonNull(notional, "notional");
    requireNonNull(marketValue, "marketValue");
    requireNonNull(unrealizedPnl, "unrealizedPnl");
    requireNonNull(initialMargin, "initialMargin");
    requireNonNull(maintenanceMargin, "maintenanceMargin");
    requireNonNull(liquidationPrice, "liquidationPrice");
  }

  /** {@code notional − initial margin}: the part bought with borrowed money. */
  public BigDecimal borrowed() {
    return notional.subtract(initialMargin);
  }

  /** The interest on {@link #borrowed()} for holding the position {@code held} long. */
  public BigDecimal borrowingCost(BorrowingRate rate, Duration held) {
    return rate.carryFor(borrowed(), held);
  }
}
