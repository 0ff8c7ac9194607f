package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import io.tally.money.Precision;
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

  /**
   * The isolated liquidation price: where the position's initial margin plus its unrealized PnL
   * equals its maintenance margin, {@code (notional + sign × (maintenance − initial)) ÷ |size|}. It
   * does not depend on the mark. Empty when it is not positive.
   */
  static Optional<BigDecimal> isolatedLiquidation(
      BigDecimal size,
      BigDecimal notional,
      BigDecimal initialMargin,
      BigDecimal maintenanceMargin) {
    BigDecimal cushion = maintenanceMargin.subtract(initialMargin);
    return liquidation(
        size.signum() > 0 ? notional.add(cushion) : notional.subtract(cushion), size);
  }

  /**
   * The cross liquidation price: where the account's equity equals its total maintenance margin
   * with the other positions at their marks, {@code (marketValue − sign × excess) ÷ |size|}, where
   * {@code excess = equity − Σ maintenance} and {@code marketValue} is at this position's mark.
   * (This is {@code (notional + sign × (Σ maintenance − collateral − others' unrealized)) ÷
   * |size|}, since {@code sign × unrealized = marketValue − notional}.) Empty when it is not
   * positive.
   */
  static Optional<BigDecimal> crossLiquidation(
      BigDecimal size, BigDecimal marketValue, BigDecimal excess) {
    return liquidation(
        size.signum() > 0 ? marketValue.subtract(excess) : marketValue.add(excess), size);
  }

  private static Optional<BigDecimal> liquidation(BigDecimal numerator, BigDecimal size) {
    return numerator.signum() > 0
        ? Optional.of(Precision.price(numerator, size.abs()))
        : Optional.empty();
  }

  /** This position's figures with another liquidation price (the others' marks moved). */
  PositionMargin withLiquidationPrice(Optional<BigDecimal> price) {
    return new PositionMargin(
        pair,
        side,
        size,
        leverage,
        entryPrice,
        mark,
        notional,
        marketValue,
        unrealizedPnl,
        initialMargin,
        maintenanceMargin,
        price);
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
