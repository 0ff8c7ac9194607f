package io.tally.risk;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a limit measures as a function of an order's volume {@code V}: {@code f(V) = constant +
 * slope × V + Σ |offset_i + rate_i × V|}, in the rule's money. Every limit of a pre-trade check has
 * this shape: an asset's exposure after the order is {@code |exposure + side × value per unit ×
 * V|}, gross exposure is a sum of such terms, and cash falls linearly with what a spot buy spends.
 *
 * <p>f is convex, so the volumes with {@code f(V) ≤ M} from 0 up form one interval; {@link
 * #largestVolume} finds its end exactly (up to {@link Precision#RATIO}) by walking the breakpoints,
 * which is how {@code max_volume} is the largest volume that passes every rule.
 *
 * <p>Example: a position worth 4,000 with 1,000 per unit bought has {@code f(V) = |4000 + 1000 V|};
 * under a limit of 10,000 the largest volume is 6. Immutable.
 */
final class VolumeMeasure {

  private record Term(BigDecimal offset, BigDecimal rate) {}

  private final BigDecimal constant;
  private final BigDecimal slope;
  private final List<Term> terms;

  private VolumeMeasure(BigDecimal constant, BigDecimal slope, List<Term> terms) {
    this.constant = constant;
    this.slope = slope;
    this.terms = terms;
  }

  /** The measure {@code f(V) = constant}. */
  static VolumeMeasure constant(BigDecimal constant) {
    return new VolumeMeasure(constant, BigDecimal.ZERO, List.of());
  }

  /** This measure plus {@code |offset + rate × V|}. */
  VolumeMeasure plusAbs(BigDecimal offset, BigDecimal rate) {
    List<Term> more = new ArrayList<>(terms);
    more.add(new Term(offset, rate));
    return new VolumeMeasure(constant, slope, more);
  }

  /** This measure plus {@code rate × V}. */
  VolumeMeasure plusLinear(BigDecimal rate) {
    return new VolumeMeasure(constant, slope.add(rate), terms);
  }

  /** This measure plus {@code amount}. */
  VolumeMeasure plus(BigDecimal amount) {
    return new VolumeMeasure(constant.add(amount), slope, terms);
  }

  /** The measure at volume {@code volume}. */
  BigDecimal at(BigDecimal volume) {
    BigDecimal sum = constant.add(slope.multiply(volume));
    for (Term term : terms) {
      sum = sum.add(term.offset.add(term.rate.multiply(volume)).abs());
    }
    return sum;
  }

  /**
   * The largest volume {@code V ≥ 0} with {@code f(V) ≤ ceiling}, or empty when every volume is (f
   * never rises). Callers pass a ceiling of at least {@code f(0)}, so 0 always qualifies.
   */
  Optional<BigDecimal> largestVolume(BigDecimal ceiling) {
    List<BigDecimal> breaks = new ArrayList<>();
    for (Term term : terms) {
      if (term.rate.signum() != 0) {
        BigDecimal at = term.offset.negate().divide(term.rate, Precision.RATIO);
        if (at.signum() > 0) {
          breaks.add(at);
        }
      }
    }
    breaks.sort(null);
    BigDecimal from = BigDecimal.ZERO;
    for (BigDecimal to : breaks) {
      if (at(to).compareTo(ceiling) > 0) {
        return Optional.of(solve(from, to, ceiling));
      }
      from = to;
    }
    BigDecimal beyond = from.add(BigDecimal.ONE);
    if (at(beyond).compareTo(at(from)) <= 0) {
      return Optional.empty();
    }
    return Optional.of(solve(from, beyond, ceiling));
  }

  /** Where f, linear between {@code from} and {@code to} and rising there, reaches the ceiling. */
  private BigDecimal solve(BigDecimal from, BigDecimal to, BigDecimal ceiling) {
    BigDecimal start = at(from);
    BigDecimal rise = at(to).subtract(start).divide(to.subtract(from), Precision.RATIO);
    BigDecimal room = ceiling.subtract(start);
    if (room.signum() <= 0) {
      return from;
    }
    return from.add(room.divide(rise, Precision.RATIO));
  }
}
