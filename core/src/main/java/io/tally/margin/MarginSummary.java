package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
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
 * 200 %. Immutable.
 *
 * @param collateral deposits less withdrawals plus realized PnL less fees and carry
 * @param positions the open positions, by pair
 */
public record MarginSummary(
    MarginMode mode,
    BigDecimal collateral,
    BigDecimal reserveRatio,
    List<PositionMargin> positions) {

  public MarginSummary {
    requireNonNull(mode, "mode");
    collateral = Precision.exactMoney(collateral, "collateral");
    Argument.notNegative("reserveRatio", reserveRatio);
    positions = List.copyOf(positions);
  }

  /** {@code Σ unrealized PnL} of the open positions. */
  public BigDecimal unrealizedPnl() {
    return sum(PositionMargin::unrealizedPnl);
  }

  /** {@code collateral + Σ unrealized PnL}. */
  public BigDecimal equity() {
    return collateral.add(unrealizedPnl());
  }

  /** {@code Σ initial margin}. */
  public BigDecimal marginUsed() {
    return sum(PositionMargin::initialMargin);
  }

  /** {@code Σ maintenance margin}: the equity below which the (cross) account is liquidated. */
  public BigDecimal maintenanceMargin() {
    return sum(PositionMargin::maintenanceMargin);
  }

  /** {@code equity − marginUsed}, before the reserve. */
  public BigDecimal freeMargin() {
    return equity().subtract(marginUsed());
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
    BigDecimal used = marginUsed();
    return used.signum() == 0 ? Optional.empty() : Optional.of(Precision.percent(equity(), used));
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

  private BigDecimal sum(Function<PositionMargin, BigDecimal> figure) {
    return positions.stream().map(figure).reduce(Precision.money(BigDecimal.ZERO), BigDecimal::add);
  }
}
