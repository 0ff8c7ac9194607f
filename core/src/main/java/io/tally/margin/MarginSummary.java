package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A margin account's figures at a set of marks, in the collateral asset (ACCOUNTING.md §5):
 *
 * <ul>
 *   <li>{@code equity = collateral + Σ unrealized PnL};
 *   <li>{@code marginUsed = Σ initial margin} (notional ÷ leverage);
 *   <li>{@code freeMargin = equity − marginUsed};
 *   <li>{@code reserve = reserveRatio × equity} (zero when equity is not positive), and {@code
 *       freeMarginAfterReserve = freeMargin − reserve}: what new positions may use;
 *   <li>{@code marginLevel = equity ÷ marginUsed × 100}, absent when no margin is used.
 * </ul>
 *
 * <p>Example: 5,000 USD collateral, long 1 XBT entered at 10,000 at 5×, marked at 9,000: equity
 * 4,000, margin used 2,000, free margin 2,000, reserve 400, after the reserve 1,600, margin level
 * 200 %. {@code summary.withMark(XBTUSD, 9500)} is the same account at 9,500: equity 4,500.
 *
 * <p>A value like a record of {@code (mode, collateral, reserveRatio, positions)}: equal when those
 * are, with the same {@code toString()}. It is a class so that it can keep the three sums it is
 * made with (Σ unrealized PnL, Σ initial and Σ maintenance margin), which makes every figure a
 * constant number of operations and lets {@link #withMark} revalue one position without summing the
 * others again. Immutable.
 */
public final class MarginSummary {

  private final MarginMode mode;
  private final BigDecimal collateral;
  private final BigDecimal reserveRatio;
  private final List<PositionMargin> positions;
  private final BigDecimal unrealizedPnl;
  private final BigDecimal marginUsed;
  private final BigDecimal maintenanceMargin;

  /**
   * The figures of these positions.
   *
   * @param collateral deposits less withdrawals plus realized PnL less fees and carry
   * @param positions the open positions, by pair
   */
  public MarginSummary(
      MarginMode mode,
      BigDecimal collateral,
      BigDecimal reserveRatio,
      List<PositionMargin> positions) {
    this.mode = requireNonNull(mode, "mode");
    this.collateral = Precision.exactMoney(collateral, "collateral");
    this.reserveRatio = Argument.notNegative("reserveRatio", reserveRatio);
    this.positions = List.copyOf(positions);
    this.unrealizedPnl = sum(this.positions, PositionMargin::unrealizedPnl);
    this.marginUsed = sum(this.positions, PositionMargin::initialMargin);
    this.maintenanceMargin = sum(this.positions, PositionMargin::maintenanceMargin);
  }

  /**
   * The figures of positions whose sums the caller has already taken, each as {@link #sum} takes it
   * (from {@code 0.00000000}, in the positions' order), so they are the same digits and scale.
   */
  private MarginSummary(
      MarginMode mode,
      BigDecimal collateral,
      BigDecimal reserveRatio,
      List<PositionMargin> positions,
      BigDecimal unrealizedPnl,
      BigDecimal marginUsed,
      BigDecimal maintenanceMargin) {
    this.mode = mode;
    this.collateral = collateral;
    this.reserveRatio = reserveRatio;
    this.positions = positions;
    this.unrealizedPnl = unrealizedPnl;
    this.marginUsed = marginUsed;
    this.maintenanceMargin = maintenanceMargin;
  }

  /**
   * {@link MarginAccount#summary}'s figures, with the sums it took while it made them (from {@code
   * 0.00000000}, adding each position's figure in the list's order).
   */
  static MarginSummary of(
      MarginMode mode,
      BigDecimal collateral,
      BigDecimal reserveRatio,
      List<PositionMargin> positions,
      BigDecimal unrealizedPnl,
      BigDecimal marginUsed,
      BigDecimal maintenanceMargin) {
    return new MarginSummary(
        requireNonNull(mode, "mode"),
        Precision.exactMoney(collateral, "collateral"),
        Argument.notNegative("reserveRatio", reserveRatio),
        List.copyOf(positions),
        unrealizedPnl,
        marginUsed,
        maintenanceMargin);
  }

  /** Cross or isolated: which liquidation prices the positions carry. */
  public MarginMode mode() {
    return mode;
  }

  /** Deposits less withdrawals plus realized PnL less fees and carry, 8 decimals. */
  public BigDecimal collateral() {
    return collateral;
  }

  /** The share of (positive) equity kept aside as a cash reserve. */
  public BigDecimal reserveRatio() {
    return reserveRatio;
  }

  /** The open positions, by pair. */
  public List<PositionMargin> positions() {
    return positions;
  }

  /**
   * The same figures with one pair marked at another price: that position's market value and
   * unrealized PnL, the totals, and (cross) every liquidation price, since each depends on the
   * account's equity; an isolated position's liquidation price does not depend on any mark. The
   * other positions keep their marks. Without a position on the pair, this summary.
   *
   * <p>For a summary of {@link MarginAccount#summary(Map)} at {@code prices}, this is exactly (to
   * the last digit and scale) that account's summary at {@code prices} with {@code pair} at {@code
   * price}: a tick revalues one position and the totals instead of all of them.
   *
   * @throws IllegalArgumentException when the price is not positive
   */
  public MarginSummary withMark(Pair pair, BigDecimal price) {
    requireNonNull(pair, "pair");
    if (requireNonNull(price, "price").signum() <= 0) {
      Argument.positive("price of " + pair, price);
    }
    int ticked = indexOf(pair);
    if (ticked < 0) {
      return this;
    }
    PositionMargin before = positions.get(ticked);
    BigDecimal size = before.size();
    BigDecimal marketValue = Precision.valueOf(size.abs(), price);
    BigDecimal pnl = MarginPosition.unrealizedPnl(size, marketValue, before.notional());
    PositionMargin[] after = positions.toArray(new PositionMargin[0]);
    after[ticked] =
        new PositionMargin(
            pair,
            before.side(),
            size,
            before.leverage(),
            before.entryPrice(),
            price,
            before.notional(),
            marketValue,
            pnl,
            before.initialMargin(),
            before.maintenanceMargin(),
            before.liquidationPrice());
    // The sum moved by the one position's difference; from scratch only when the position's old
    // figure had more decimals than money has, which a sum without it may no longer show.
    BigDecimal unrealized =
        before.unrealizedPnl().scale() > Precision.MONEY_SCALE
            ? sum(Arrays.asList(after), PositionMargin::unrealizedPnl)
            : unrealizedPnl.subtract(before.unrealizedPnl()).add(pnl);
    if (mode == MarginMode.CROSS && pnl.compareTo(before.unrealizedPnl()) != 0) {
      BigDecimal excess = collateral.add(unrealized).subtract(maintenanceMargin);
      for (int i = 0; i < after.length; i++) {
        PositionMargin position = after[i];
        after[i] =
            position.withLiquidationPrice(
                PositionMargin.crossLiquidation(position.size(), position.marketValue(), excess));
      }
    }
    List<PositionMargin> moved = List.of(after);
    return new MarginSummary(
        mode, collateral, reserveRatio, moved, unrealized, marginUsed, maintenanceMargin);
  }

  /** {@code Σ unrealized PnL} of the open positions. */
  public BigDecimal unrealizedPnl() {
    return unrealizedPnl;
  }

  /** {@code collateral + Σ unrealized PnL}. */
  public BigDecimal equity() {
    return collateral.add(unrealizedPnl);
  }

  /** {@code Σ initial margin}. */
  public BigDecimal marginUsed() {
    return marginUsed;
  }

  /** {@code Σ maintenance margin}: the equity below which the (cross) account is liquidated. */
  public BigDecimal maintenanceMargin() {
    return maintenanceMargin;
  }

  /** {@code equity − marginUsed}, before the reserve. */
  public BigDecimal freeMargin() {
    return equity().subtract(marginUsed);
  }

  /** The cash kept aside: {@code reserveRatio × equity}, zero when equity is not positive. */
  public BigDecimal reserve() {
    BigDecimal equity = equity();
    return equity.signum() <= 0
        ? Precision.money(BigDecimal.ZERO)
        : Precision.money(equity.multiply(reserveRatio));
  }

  /** {@code freeMargin − reserve}: what new positions may use. */
  public BigDecimal freeMarginAfterReserve() {
    return freeMargin().subtract(reserve());
  }

  /** {@code equity ÷ marginUsed × 100} to 4 decimals; empty when no margin is used. */
  public Optional<BigDecimal> marginLevel() {
    return marginUsed.signum() == 0
        ? Optional.empty()
        : Optional.of(Precision.percent(equity(), marginUsed));
  }

  /** The position with the lowest unrealized PnL (ties by pair); empty without positions. */
  public Optional<PositionMargin> mostLosing() {
    return positions.stream()
        .min(
            Comparator.comparing(PositionMargin::unrealizedPnl)
                .thenComparing(PositionMargin::pair));
  }

  /** {@link #checkWithdrawal(BigDecimal, BigDecimal)} at the margin-call level, 200 %. */
  public WithdrawalDecision checkWithdrawal(BigDecimal amount) {
    return checkWithdrawal(amount, WithdrawalDecision.DEFAULT_MINIMUM_LEVEL);
  }

  /**
   * Whether {@code amount} of collateral may be withdrawn: not more than the collateral (unrealized
   * gains and borrowed money are not withdrawn), and, while margin is used, only if the margin
   * level after it, {@code (equity − amount) ÷ marginUsed × 100}, is at least {@code minimumLevel}.
   *
   * @throws IllegalArgumentException when the amount or the minimum is not positive
   */
  public WithdrawalDecision checkWithdrawal(BigDecimal amount, BigDecimal minimumLevel) {
    Argument.positive("amount", amount);
    Argument.positive("minimumLevel", minimumLevel);
    BigDecimal used = marginUsed();
    Optional<BigDecimal> after =
        used.signum() == 0
            ? Optional.empty()
            : Optional.of(Precision.percent(equity().subtract(amount), used));
    if (amount.compareTo(collateral) > 0) {
      return new WithdrawalDecision(
          false,
          after,
          "withdrawal "
              + amount.toPlainString()
              + " exceeds the collateral "
              + collateral.toPlainString());
    }
    if (after.isEmpty()) {
      return new WithdrawalDecision(true, after, "no margin in use");
    }
    String level = after.get().toPlainString() + " %";
    if (after.get().compareTo(minimumLevel) < 0) {
      return new WithdrawalDecision(
          false,
          after,
          "margin level after the withdrawal "
              + level
              + " would be below the minimum "
              + minimumLevel.toPlainString()
              + " %");
    }
    return new WithdrawalDecision(
        true,
        after,
        "margin level after the withdrawal "
            + level
            + " stays at or above the minimum "
            + minimumLevel.toPlainString()
            + " %");
  }

  /** Equal when the mode, collateral, reserve ratio and positions are, scale included. */
  @Override
  @SuppressWarnings("BigDecimalEquals") // a record's equality, as before: 1.0 and 1.00 differ
  public boolean equals(Object other) {
    return other == this
        || (other instanceof MarginSummary that
            && mode == that.mode
            && collateral.equals(that.collateral)
            && reserveRatio.equals(that.reserveRatio)
            && positions.equals(that.positions));
  }

  @Override
  public int hashCode() {
    return Objects.hash(mode, collateral, reserveRatio, positions);
  }

  /** As a record would show it: {@code MarginSummary[mode=CROSS, collateral=…, …]}. */
  @Override
  public String toString() {
    return "MarginSummary[mode="
        + mode
        + ", collateral="
        + collateral
        + ", reserveRatio="
        + reserveRatio
        + ", positions="
        + positions
        + "]";
  }

  private int indexOf(Pair pair) {
    for (int i = 0; i < positions.size(); i++) {
      if (positions.get(i).pair().equals(pair)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code 0.00000000 + Σ figure}, adding in the list's order. */
  private static BigDecimal sum(
      List<PositionMargin> positions, Function<PositionMargin, BigDecimal> figure) {
    BigDecimal total = Precision.money(BigDecimal.ZERO);
    for (PositionMargin position : positions) {
      total = total.add(figure.apply(position));
    }
    return total;
  }
}
