package io.tally.tax;

import static java.util.Objects.requireNonNull;

/**
 * The disposals of one tax year and holding term, added up: what a return's summary lines carry.
 *
 * <p>Example: {@code TermTotal(2025, LONG, GainSum(3, 45000, 30000, 15000))}. Immutable.
 *
 * @param year the tax year: the year of the disposals, in the reporting time zone
 */
public record TermTotal(int year, HoldingTerm term, GainSum sum) {

  public TermTotal {
    requireNonNull(term, "term");
    requireNonNull(sum, "sum");
  }
}
