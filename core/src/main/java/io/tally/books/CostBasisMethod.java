package io.tally.books;

import java.util.Locale;

/**
 * How disposals release cost (ACCOUNTING.md §3). Example: {@code CostBasisMethod.parse("fifo")}.
 */
public enum CostBasisMethod {
  /** Weighted average cost: a disposal releases {@code totalCost × sold / held}. The default. */
  WAC,
  /** First in, first out: a disposal releases the cost of the oldest lots first. */
  FIFO;

  /** Parses {@code wac} or {@code fifo}, case-insensitively. */
  public static CostBasisMethod parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown cost basis method '" + text + "': expected wac or fifo", e);
    }
  }

  /** The lower-case name used in configuration and reports. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
