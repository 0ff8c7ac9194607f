package io.tally.risk;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * When a drawdown is a breach and what it does to the trading state. Levels are on the total
 * drawdown, as negative fractions ({@code -0.05} is 5 % under the peak), shallowest first; the
 * ladder's peak moves up only past {@code peak × (1 + peakResetMargin)}, and then clears the
 * breached levels. The daily and weekly limits are drawdown fractions of their windows.
 *
 * <p>Example: {@link #DEFAULT}: levels −5 %, −10 %, −15 %; the second sets REDUCING, the third
 * HALTED; no daily or weekly limit. Immutable.
 *
 * @param levels the total drawdown levels, negative, shallowest first
 * @param statesAtLevels the trading state each level sets, one per level
 * @param maxDaily the daily window's limit as a negative fraction, if any
 * @param maxWeekly the weekly window's limit as a negative fraction, if any
 * @param dailyState the state a daily breach sets until the day's window resets
 * @param weeklyState the state a weekly breach sets until the week's window resets
 */
public record DrawdownRules(
    List<BigDecimal> levels,
    List<TradingState> statesAtLevels,
    Optional<BigDecimal> maxDaily,
    Optional<BigDecimal> maxWeekly,
    BigDecimal peakResetMargin,
    TradingState dailyState,
    TradingState weeklyState) {

  /** The default levels, −5 %, −10 %, −15 %. */
  public static final List<BigDecimal> DEFAULT_LEVELS =
      List.of(new BigDecimal("-0.05"), new BigDecimal("-0.10"), new BigDecimal("-0.15"));

  /** The rules of a {@code risk:} section that sets none. */
  public static final DrawdownRules DEFAULT =
      new DrawdownRules(
          DEFAULT_LEVELS,
          defaultStates(DEFAULT_LEVELS.size()),
          Optional.empty(),
          Optional.empty(),
          new BigDecimal("0.01"),
          TradingState.HALTED,
          TradingState.HALTED);

  public DrawdownRules {
    levels = List.copyOf(levels);
    statesAtLevels = List.copyOf(statesAtLevels);
    requireNonNull(maxDaily, "maxDaily");
    requireNonNull(maxWeekly, "maxWeekly");
    requireNonNull(peakResetMargin, "peakResetMargin");
    requireNonNull(dailyState, "dailyState");
    requireNonNull(weeklyState, "weeklyState");
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).signum() >= 0) {
        throw new IllegalArgumentException("drawdown level " + levels.get(i) + " is not negative");
      }
      if (i > 0 && levels.get(i).compareTo(levels.get(i - 1)) >= 0) {
        throw new IllegalArgumentException("drawdown levels must go deeper, shallowest first");
      }
    }
    if (statesAtLevels.size() != levels.size()) {
      throw new IllegalArgumentException(
          statesAtLevels.size() + " breach states for " + levels.size() + " drawdown levels");
    }
  }

  /** The states of {@code count} levels by default: the second REDUCING, the third on HALTED. */
  public static List<TradingState> defaultStates(int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(
            i ->
                i == 0 ? TradingState.ACTIVE : i == 1 ? TradingState.REDUCING : TradingState.HALTED)
        .toList();
  }
}
