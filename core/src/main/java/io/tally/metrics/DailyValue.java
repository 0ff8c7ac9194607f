package io.tally.metrics;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One reporting day of a portfolio, the input of every return figure: its equity at the end of the
 * day and the external flows during it, all in the base currency. Inflows and outflows are kept
 * apart for the daily fallback {@code r = (V_t + out_t) / (V_{t−1} + in_t) − 1} (inflows at the
 * start of the day, outflows at its end); when the flows come with the value just before each of
 * them ({@link FlowPoint}s), the day is split at each flow instead and its return is exact.
 *
 * <p>Examples: {@code DailyValue.of(LocalDate.parse("2025-03-01"), new BigDecimal("10100"))} (no
 * flows); {@code DailyValue.of(date, new BigDecimal("15100"), new BigDecimal("5000"),
 * BigDecimal.ZERO)} (5000 deposited, no valuation at the deposit); {@code
 * DailyValue.withFlows(date, new BigDecimal("15100"), List.of(new FlowPoint(at, new
 * BigDecimal("10050"), new BigDecimal("5000"))))}. Immutable.
 *
 * @param inflow the sum of the day's deposits (and contributions), never negative
 * @param outflow the sum of the day's withdrawals as a positive number, never negative
 * @param flows the day's flows with their valuations, oldest first; empty when only the totals are
 *     known
 */
public record DailyValue(
    LocalDate date,
    BigDecimal equity,
    BigDecimal inflow,
    BigDecimal outflow,
    List<FlowPoint> flows) {

  public DailyValue {
    requireNonNull(date, "date");
    requireNonNull(equity, "equity");
    requireNonNull(inflow, "inflow");
    requireNonNull(outflow, "outflow");
    flows = List.copyOf(flows);
    if (inflow.signum() < 0 || outflow.signum() < 0) {
      throw new IllegalArgumentException(
          "Inflow and outflow are sums of positive amounts, got in "
              + inflow.toPlainString()
              + " and out "
              + outflow.toPlainString()
              + " on "
              + date);
    }
    if (!flows.isEmpty()) {
      BigDecimal in = BigDecimal.ZERO;
      BigDecimal out = BigDecimal.ZERO;
      for (int i = 0; i < flows.size(); i++) {
        FlowPoint flow = flows.get(i);
        if (i > 0 && flow.at().isBefore(flows.get(i - 1).at())) {
          throw new IllegalArgumentException("Flows out of order on " + date + ": " + flows);
        }
        in = flow.amount().signum() > 0 ? in.add(flow.amount()) : in;
        out = flow.amount().signum() < 0 ? out.subtract(flow.amount()) : out;
      }
      if (in.compareTo(inflow) != 0 || out.compareTo(outflow) != 0) {
        throw new IllegalArgumentException(
            "The flows on " + date + " do not add up to in " + inflow + " and out " + outflow);
      }
    }
  }

  /** A day without external flows. */
  public static DailyValue of(LocalDate date, BigDecimal equity) {
    return new DailyValue(date, equity, BigDecimal.ZERO, BigDecimal.ZERO, List.of());
  }

  /** A day with flow totals but no valuation at the flows: its return is the daily fallback. */
  public static DailyValue of(
      LocalDate date, BigDecimal equity, BigDecimal inflow, BigDecimal outflow) {
    return new DailyValue(date, equity, inflow, outflow, List.of());
  }

  /** A day whose flows were valued at their moments: its return is split at each flow. */
  public static DailyValue withFlows(LocalDate date, BigDecimal equity, List<FlowPoint> flows) {
    BigDecimal in = BigDecimal.ZERO;
    BigDecimal out = BigDecimal.ZERO;
    for (FlowPoint flow : flows) {
      in = flow.amount().signum() > 0 ? in.add(flow.amount()) : in;
      out = flow.amount().signum() < 0 ? out.subtract(flow.amount()) : out;
    }
    return new DailyValue(date, equity, in, out, flows);
  }

  /** Deposits minus withdrawals of the day. */
  public BigDecimal netFlow() {
    return inflow.subtract(outflow);
  }
}
