package io.tally.risk;

import java.util.Locale;

/**
 * Which drawdown window a breach is on: the total (since the peak, with the ladder's reset margin),
 * the day's or the week's (each since its window's reset).
 *
 * <p>Example: {@code DrawdownScope.DAILY.code()} is {@code "daily"}.
 */
public enum DrawdownScope {
  /** Since the ladder's peak. */
  TOTAL,
  /** Since the daily window's reset. */
  DAILY,
  /** Since the weekly window's reset. */
  WEEKLY;

  /** The JSON spelling, such as {@code daily}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
