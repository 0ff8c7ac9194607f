package io.tally.series;

import static java.util.Objects.requireNonNull;

import io.tally.metrics.DailyValue;
import io.tally.metrics.FlowPoint;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The books at the end of one day of the reporting time zone, valued with the prices in force then:
 * what {@link DailyHistory} keeps per day and the performance figures start from. Money in the base
 * currency; realized PnL and fees are the totals since the first event, the flows are the day's
 * own.
 *
 * <p>Example: the day a 10,000 USD deposit bought 0.25 XBT that closed at 42,000: {@code
 * DayEnd[date=2025-03-01, equity=10500.00000000, cash=0E-8, inflow=10000.00000000, outflow=0E-8,
 * ...]}. Immutable.
 *
 * @param date the reporting day
 * @param closedAt the day's end: the first instant of the next day; its events are those before it
 * @param valuedAt the moment the figures are of: the day's last instant, or the history's end on a
 *     day not over yet
 * @param equity the value of everything held at the day's end
 * @param cash the base currency held
 * @param holdings the quantity of every asset held (none at zero)
 * @param inflow the day's deposits (and rewards counted as contributions) at their value
 * @param outflow the day's withdrawals at their value, a positive number (their fees are costs)
 * @param flows the day's flows, each with the value just before it, oldest first
 * @param byStrategy what each strategy tag's trades made since the first event
 * @param booksFlows what the books count as value that entered less value that left since the first
 *     event ({@link io.tally.books.FlowSummary#net()}: rewards included whether or not they are a
 *     contribution), as the live equity samples carry it
 * @param byAsset what each asset made: realized and fees since the first event (fees by the asset
 *     they were paid in, trades by the pair's base asset), unrealized at the day's end
 */
public record DayEnd(
    LocalDate date,
    Instant closedAt,
    Instant valuedAt,
    BigDecimal equity,
    BigDecimal cash,
    SortedMap<Asset, BigDecimal> holdings,
    BigDecimal inflow,
    BigDecimal outflow,
    List<FlowPoint> flows,
    SortedMap<String, Attribution> byStrategy,
    BigDecimal booksFlows,
    SortedMap<Asset, Attribution> byAsset) {

  public DayEnd {
    requireNonNull(date, "date");
    requireNonNull(closedAt, "closedAt");
    requireNonNull(valuedAt, "valuedAt");
    requireNonNull(equity, "equity");
    requireNonNull(cash, "cash");
    holdings = Collections.unmodifiableSortedMap(new TreeMap<>(holdings));
    requireNonNull(inflow, "inflow");
    requireNonNull(outflow, "outflow");
    flows = List.copyOf(flows);
    byStrategy = Collections.unmodifiableSortedMap(new TreeMap<>(byStrategy));
    requireNonNull(booksFlows, "booksFlows");
    byAsset = Collections.unmodifiableSortedMap(new TreeMap<>(byAsset));
  }

  /** Realized PnL of every kind since the first event: the assets' together. */
  public BigDecimal realized() {
    return sum(Attribution::realized);
  }

  /** Unrealized PnL at the day's end: the assets' together. */
  public BigDecimal unrealized() {
    return sum(Attribution::unrealized);
  }

  /** Fees paid since the first event: those paid in each asset, together. */
  public BigDecimal fees() {
    return sum(Attribution::fees);
  }

  private BigDecimal sum(Function<Attribution, BigDecimal> figure) {
    BigDecimal total = BigDecimal.ZERO;
    for (Attribution asset : byAsset.values()) {
      total = total.add(figure.apply(asset));
    }
    return total;
  }

  /** The day's net external flow: inflow less outflow. */
  public BigDecimal netFlow() {
    return inflow.subtract(outflow);
  }

  /** The day as the return figures read it: equity and each flow with the value before it. */
  public DailyValue dailyValue() {
    return new DailyValue(date, equity, inflow, outflow, flows);
  }

  /**
   * The day as a point of the equity series, at {@link #valuedAt()}: equity, cash, the books' net
   * flows and their PnL (realized and unrealized), as a live sample has them.
   */
  public EquityPoint equityPoint() {
    return new EquityPoint(valuedAt, equity, cash, booksFlows, realized().add(unrealized()));
  }
}
