package io.tally.tax;

import java.util.Locale;

/**
 * Which lots a disposal takes for a tax report (ACCOUNTING.md §10). Example: {@code
 * LotMethod.parse("hifo")}.
 */
public enum LotMethod {
  /** First in, first out: the oldest lots first. */
  FIFO,
  /** Last in, first out: the newest lots first. */
  LIFO,
  /** Highest in, first out: the lots of the highest unit cost first, the oldest of equal ones. */
  HIFO,
  /** Weighted average cost: one pool per asset; a disposal is one row at the average cost. */
  WAC;

  /** Parses {@code fifo}, {@code lifo}, {@code hifo} or {@code wac}, case-insensitively. */
  public static LotMethod parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown lot method '" + text + "': expected fifo, lifo, hifo or wac", e);
    }
  }

  /** The lower-case name used in configuration, parameters and reports. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
