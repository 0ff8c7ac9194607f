package io.tally.tax;

import java.util.Locale;

/**
 * Whether a disposal's units were held short or long (see {@link HoldingPeriod}).
 *
 * <p>Example: {@code HoldingPeriod.defaults().term(bought, sold)} is {@code LONG} after 366 days.
 */
public enum HoldingTerm {
  /** Held for the threshold or less. */
  SHORT,
  /** Held for more than the threshold. */
  LONG;

  /** {@code short} or {@code long}, as reports write it. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
