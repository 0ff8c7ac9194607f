package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;

/**
 * Disposal rows added up: how many, their proceeds, cost basis and gain.
 *
 * <p>Example: {@code GainSum.ZERO.plus(row)} for a row of proceeds 30,000 and cost 10,000 is {@code
 * GainSum(1, 30000, 10000, 20000)}. Immutable.
 */
public record GainSum(int rows, BigDecimal proceeds, BigDecimal costBasis, BigDecimal gain) {

  /** No rows. */
  public static final GainSum ZERO =
      new GainSum(
          0,
          Precision.money(BigDecimal.ZERO),
          Precision.money(BigDecimal.ZERO),
          Precision.money(BigDecimal.ZERO));

  public GainSum {
    requireNonNull(proceeds, "proceeds");
    requireNonNull(costBasis, "costBasis");
    requireNonNull(gain, "gain");
  }

  /** This sum with one more row. */
  public GainSum plus(Disposal row) {
    return new GainSum(
        rows + 1,
        proceeds.add(row.proceeds()),
        costBasis.add(row.costBasis()),
        gain.add(row.gain()));
  }

  /** This sum and {@code other} together. */
  public GainSum plus(GainSum other) {
    return new GainSum(
        rows + other.rows,
        proceeds.add(other.proceeds),
        costBasis.add(other.costBasis),
        gain.add(other.gain));
  }
}
