package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The money-weighted return (XIRR, ACCOUNTING.md §9): the annual rate {@code r}, in 365-day years,
 * that sets {@code Σ CF_i / (1 + r)^(days_i / 365)} to zero, {@code days_i} counted from the first
 * flow. Cash flows are seen from the investor: money paid into the portfolio is negative, money
 * taken out is positive, and the final equity is taken out (positive) at the end.
 *
 * <p>The root is searched in {@code y = ln(1 + r)}, over a grid dense near 0 that reaches period
 * growth factors of {@code e^±50}; every sign change of the NPV is a bracket, the one nearest
 * {@code r = 0} is refined by bisection to the resolution of a double, and the answer is accepted
 * only when {@code |NPV| ≤ 1e-9 × Σ|CF_i|}. Otherwise the rate is absent with the reason: no flows,
 * flows all of one sign, all on one day, no sign change of the NPV in range, or no convergence.
 * Doubles are fine here: this is a statistic, not a booked figure.
 *
 * <p>Example: −1000 on 2025-01-01 and +1100 on 2026-01-01 (365 days later) gives {@code 0.1}:
 * {@code MoneyWeightedReturn.solve(List.of(new Dated<>(d0, new BigDecimal("-1000")), new
 * Dated<>(d1, new BigDecimal("1100"))))}. Stateless.
 */
public final class MoneyWeightedReturn {

  /** Days in the year of the rate. */
  public static final double DAYS_PER_YEAR = 365;

  /** The largest {@code |ln(growth)|} over the whole span that the search considers. */
  private static final double LOG_GROWTH_LIMIT = 50;

  private static final int GRID_POINTS = 4001;

  /** How close to zero the NPV must come, relative to the sum of the flows' sizes. */
  public static final double TOLERANCE = 1e-9;

  private MoneyWeightedReturn() {}

  /**
   * The money-weighted return of a daily series: the equity before its first day paid in at the
   * start of that day, each day's inflow paid in at the start of its day, its outflow taken out at
   * the end of its day (the daily fallback's convention), and the equity at the end of the last day
   * taken out then. A date stands for the midnight that starts it.
   */
  public static Metric<Double> of(Returns returns) {
    return solve(cashFlows(returns));
  }

  /** The investor's dated cash flows of a daily series, as {@link #of(Returns)} uses them. */
  public static List<Dated<BigDecimal>> cashFlows(Returns returns) {
    List<DailyValue> days = returns.days();
    List<Dated<BigDecimal>> flows = new ArrayList<>();
    if (days.isEmpty()) {
      return flows;
    }
    if (returns.startEquity().signum() != 0) {
      flows.add(new Dated<>(days.get(0).date(), returns.startEquity().negate()));
    }
    for (DailyValue day : days) {
      if (day.inflow().signum() != 0) {
        flows.add(new Dated<>(day.date(), day.inflow().negate()));
      }
      if (day.outflow().signum() != 0) {
        flows.add(new Dated<>(day.date().plusDays(1), day.outflow()));
      }
    }
    DailyValue last = days.get(days.size() - 1);
    flows.add(new Dated<>(last.date().plusDays(1), last.equity()));
    return flows;
  }

  /**
   * The annual rate that zeroes the NPV of the investor's {@code cashFlows}, or why there is none.
   */
  public static Metric<Double> solve(List<Dated<BigDecimal>> cashFlows) {
    requireNonNull(cashFlows, "cashFlows");
    if (cashFlows.isEmpty()) {
      return Metric.absent("no cash flows");
    }
    boolean paidIn = cashFlows.stream().anyMatch(flow -> flow.value().signum() < 0);
    boolean takenOut = cashFlows.stream().anyMatch(flow -> flow.value().signum() > 0);
    if (!paidIn || !takenOut) {
      return Metric.absent("all cash flows have one sign, so no rate sets their value to zero");
    }
    LocalDate start = cashFlows.stream().map(Dated::date).min(Comparator.naturalOrder()).get();
    LocalDate end = cashFlows.stream().map(Dated::date).max(Comparator.naturalOrder()).get();
    if (start.equals(end)) {
      return Metric.absent("all cash flows are on one day, so no rate applies");
    }
    // The flows by day since the first: NPV at log-rate y is the polynomial Σ a[d]·x^d in the
    // daily discount factor x = e^(−y/365), evaluated by Horner's rule (one multiply-add a day
    // instead of one exponential a flow).
    double[] amounts = new double[(int) (end.toEpochDay() - start.toEpochDay()) + 1];
    double scale = 0;
    for (Dated<BigDecimal> flow : cashFlows) {
      double amount = flow.value().doubleValue();
      amounts[(int) (flow.date().toEpochDay() - start.toEpochDay())] += amount;
      scale += Math.abs(amount);
    }
    double span = (end.toEpochDay() - start.toEpochDay()) / DAYS_PER_YEAR;
    double limit = LOG_GROWTH_LIMIT / span;

    double bestLow = Double.NaN;
    double bestHigh = Double.NaN;
    double bestDistance = Double.POSITIVE_INFINITY;
    double previousY = Double.NaN;
    double previousValue = Double.NaN;
    for (int k = 0; k < GRID_POINTS; k++) {
      double u = -1 + 2.0 * k / (GRID_POINTS - 1);
      double y = limit * u * u * u;
      double value = npvAt(y, amounts);
      boolean crossed = k > 0 && Math.signum(value) != Math.signum(previousValue);
      if (value == 0 || crossed) {
        double low = value == 0 ? y : previousY;
        double distance = Math.min(Math.abs(low), Math.abs(y));
        if (distance < bestDistance) {
          bestLow = low;
          bestHigh = y;
          bestDistance = distance;
        }
      }
      previousY = y;
      previousValue = value;
    }
    if (Double.isNaN(bestLow)) {
      return Metric.absent(
          "no annual rate between "
              + percent(Math.expm1(-limit))
              + " and "
              + percent(Math.expm1(limit))
              + " sets the cash flows' value to zero");
    }
    double y = bisect(bestLow, bestHigh, amounts);
    double rate = Math.expm1(y);
    if (!(Math.abs(npvAt(y, amounts)) <= TOLERANCE * scale) || !Double.isFinite(rate)) {
      return Metric.absent("the rate search did not converge");
    }
    return Metric.of(rate);
  }

  /**
   * The net present value of {@code cashFlows} at an annual {@code rate}, discounted to the first
   * flow's day in 365-day years.
   */
  public static double npv(List<Dated<BigDecimal>> cashFlows, double rate) {
    LocalDate start = cashFlows.stream().map(Dated::date).min(Comparator.naturalOrder()).get();
    double sum = 0;
    for (Dated<BigDecimal> flow : cashFlows) {
      double years = (flow.date().toEpochDay() - start.toEpochDay()) / DAYS_PER_YEAR;
      sum += flow.value().doubleValue() * Math.pow(1 + rate, -years);
    }
    return sum;
  }

  /** The NPV at log-rate {@code y} of {@code amounts}, one per day from the first flow's. */
  private static double npvAt(double y, double[] amounts) {
    double x = Math.exp(-y / DAYS_PER_YEAR);
    double sum = 0;
    for (int day = amounts.length - 1; day >= 0; day--) {
      sum = sum * x + amounts[day];
    }
    return sum;
  }

  private static double bisect(double low, double high, double[] amounts) {
    double lowValue = npvAt(low, amounts);
    if (lowValue == 0) {
      return low;
    }
    for (int i = 0; i < 400; i++) {
      double mid = (low + high) / 2;
      if (mid <= Math.min(low, high) || mid >= Math.max(low, high)) {
        break;
      }
      double midValue = npvAt(mid, amounts);
      if (midValue == 0) {
        return mid;
      }
      if (Math.signum(midValue) == Math.signum(lowValue)) {
        low = mid;
        lowValue = midValue;
      } else {
        high = mid;
      }
    }
    return Math.abs(npvAt(low, amounts)) <= Math.abs(npvAt(high, amounts)) ? low : high;
  }

  private static String percent(double rate) {
    return String.format(Locale.ROOT, "%.4g %%", rate * 100);
  }
}
