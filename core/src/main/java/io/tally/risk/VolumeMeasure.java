package io.tally.risk;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a limit measures as a function of an order's volume {@code V}: {@code f(V) = constant +
 * slope × V + Σ weight_i × |offset_i + rate_i × V|}, in the rule's money. Every limit of a
 * pre-trade check has this shape: an asset's exposure after the order is {@code |exposure + side ×
 * value per unit × V|}, gross exposure is a sum of such terms, the risk to a stop weighs one by the
 * share at risk, and cash falls linearly with what a spot buy spends.
 *
 * <p>f is convex, so the volumes with {@code f(V) ≤ M} from 0 up form one interval; {@link
 * #largestVolume} finds its end exactly (up to {@link Precision#RATIO}) by walking the breakpoints,
 * which is how {@code max_volume} is the largest volume that passes every rule. A {@link Term} is
 * shared by the limits that measure it, so its breakpoint is divided out once per check.
 *
 * <p>Example: a position worth 4,000 with 1,000 per unit bought has {@code f(V) = |4000 + 1000 V|};
 * under a limit of 10,000 the largest volume is 6. Immutable.
 */
final class VolumeMeasure {

  /** {@code |offset + rate × V|}, with where it turns, worked out when first asked. */
  static final class Term {
    private final BigDecimal offset;
    private final BigDecimal rate;
    private Optional<BigDecimal> breakpoint;

    Term(BigDecimal offset, BigDecimal rate) {
      this.offset = offset;
      this.rate = rate;
    }

    BigDecimal at(BigDecimal volume) {
      return offset.add(rate.multiply(volume)).abs();
    }

    /** Where {@code offset + rate × V} is zero, when that is at a positive volume. */
    Optional<BigDecimal> breakpoint() {
      if (breakpoint == null) {
        breakpoint =
            rate.signum() == 0
                ? Optional.empty()
                : Optional.of(offset.negate().divide(rate, Precision.RATIO))
                    .filter(at -> at.signum() > 0);
      }
      return breakpoint;
    }
  }

  private record Weighted(Term term, BigDecimal weight) {}

  private final BigDecimal constant;
  private final BigDecimal slope;
  private final List<Weighted> terms;

  private VolumeMeasure(BigDecimal constant, BigDecimal slope, List<Weighted> terms) {
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
    return plus(new Term(offset, rate), BigDecimal.ONE);
  }

  /** This measure plus {@code weight × term}. */
  VolumeMeasure plus(Term term, BigDecimal weight) {
    List<Weighted> more = new ArrayList<>(terms.size() + 1);
    more.addAll(terms);
    more.add(new Weighted(term, weight));
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
    for (Weighted weighted : terms) {
      sum = sum.add(weighted.weight().multiply(weighted.term().at(volume)));
    }
    return sum;
  }

  /**
   * The largest volume, kept as {@code from + room / rise} so that bounds compare by multiplication
   * and only the smallest is divided out ({@link #volume()}).
   *
   * @param rise f's slope past {@code from}, positive
   */
  record Bound(BigDecimal from, BigDecimal room, BigDecimal rise) implements Comparable<Bound> {

    /** The volume, to {@link Precision#RATIO}. */
    BigDecimal volume() {
      return room.signum() <= 0 ? from : from.add(room.divide(rise, Precision.RATIO));
    }

    @Override
    public int compareTo(Bound other) {
      // from + room / rise against other.from + other.room / other.rise, both rises positive.
      BigDecimal left =
          from.subtract(other.from)
              .multiply(rise)
              .multiply(other.rise)
              .add(room.multiply(other.rise));
      return left.compareTo(other.room.multiply(rise));
    }
  }

  /**
   * The largest volume {@code V ≥ 0} with {@code f(V) ≤ ceiling}, or empty when every volume is (f
   * never rises). Callers pass a ceiling of at least {@code f(0)}, so 0 always qualifies.
   */
  Optional<BigDecimal> largestVolume(BigDecimal ceiling) {
    return bound(ceiling).map(Bound::volume);
  }

  /** {@link #largestVolume} as a {@link Bound}, not yet divided out. */
  Optional<Bound> bound(BigDecimal ceiling) {
    List<BigDecimal> breaks = new ArrayList<>(terms.size());
    for (Weighted weighted : terms) {
      weighted.term().breakpoint().ifPresent(breaks::add);
    }
    breaks.sort(null);
    BigDecimal from = BigDecimal.ZERO;
    BigDecimal valueFrom = at(from);
    for (BigDecimal to : breaks) {
      if (to.compareTo(from) <= 0) {
        continue;
      }
      BigDecimal valueTo = at(to);
      if (valueTo.compareTo(ceiling) > 0) {
        return Optional.of(solve(from, valueFrom, ceiling));
      }
      from = to;
      valueFrom = valueTo;
    }
    if (rise(from).signum() <= 0) {
      return Optional.empty();
    }
    return Optional.of(solve(from, valueFrom, ceiling));
  }

  /**
   * f's slope just past {@code from}: the linear part, and each term's {@code weight × |rate|},
   * rising once past its breakpoint and falling before it. No division.
   */
  private BigDecimal rise(BigDecimal from) {
    BigDecimal rise = slope;
    for (Weighted weighted : terms) {
      Term term = weighted.term();
      if (term.rate.signum() == 0) {
        continue;
      }
      BigDecimal steep = weighted.weight().multiply(term.rate.abs());
      // Without a breakpoint at a positive volume, the term only rises from 0 on.
      Optional<BigDecimal> turn = term.breakpoint();
      boolean past = turn.isEmpty() || turn.get().compareTo(from) <= 0;
      rise = past ? rise.add(steep) : rise.subtract(steep);
    }
    return rise;
  }

  /**
   * Where f, linear and rising past {@code from} (worth {@code value} there), reaches the ceiling.
   */
  private Bound solve(BigDecimal from, BigDecimal value, BigDecimal ceiling) {
    return new Bound(from, ceiling.subtract(value).max(BigDecimal.ZERO), rise(from));
  }
}
