package io.tally.engine.performance;

import static java.util.Objects.requireNonNull;

import io.tally.engine.config.PerformanceConfig;
import io.tally.metrics.Benchmark;
import io.tally.metrics.DailyValue;
import io.tally.metrics.Dated;
import io.tally.metrics.DrawdownWindow;
import io.tally.metrics.Drawdowns;
import io.tally.metrics.FlowPoint;
import io.tally.metrics.Metric;
import io.tally.metrics.MoneyWeightedReturn;
import io.tally.metrics.Returns;
import io.tally.metrics.RiskRatios;
import io.tally.metrics.TradeCycle;
import io.tally.metrics.TradeCycles;
import io.tally.money.Asset;
import io.tally.money.Precision;
import io.tally.series.Attribution;
import io.tally.series.DailyHistory;
import io.tally.series.DayEnd;
import io.tally.valuation.MarketPrices;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the books did over a range of days (ACCOUNTING.md §9): the daily history's returns in the
 * range, their drawdowns and risk ratios, the money-weighted return, the trade cycles closed in it,
 * the live drawdown windows at its end, and the comparison with holding one asset instead. What
 * {@code tally performance} prints and {@code GET /api/v1/portfolio/performance} answers, through
 * {@link PerformanceJson}.
 *
 * <p>Example: {@code Performance.of(history, from, to, config, benchmarkAsset, marketPrices)
 * .returns().twr()}. Immutable.
 *
 * @param days the history's days in the range
 * @param returns the time-weighted returns of the range
 * @param drawdowns drawdowns of the range's TWR index
 * @param ratios the risk ratios of the range
 * @param mwr the money-weighted return (XIRR) of the range
 * @param trades the trade cycles that closed in the range
 * @param windows the live drawdown windows as they stood at the range's last observation
 * @param benchmark holding {@link BenchmarkReturn#asset()} instead, or why it cannot be compared
 * @param byStrategy what each strategy tag's trades made in the range
 * @param byAsset what each asset made in the range (unrealized: its change over the range)
 * @param capital what the range's returns are measured on for attribution: the equity before its
 *     first day plus every inflow in it
 */
public record Performance(
    List<DayEnd> days,
    Returns returns,
    Drawdowns drawdowns,
    RiskRatios ratios,
    Metric<Double> mwr,
    TradeCycles trades,
    Optional<DrawdownWindow> windows,
    BenchmarkReturn benchmark,
    SortedMap<String, Attribution> byStrategy,
    SortedMap<Asset, Attribution> byAsset,
    BigDecimal capital,
    PerformanceConfig config) {

  /** The rolling window of the rolling Sharpe ratio, in days. */
  public static final int ROLLING_SHARPE_DAYS = 30;

  /** The rolling window of the rolling maximum drawdown, in days. */
  public static final int ROLLING_DRAWDOWN_DAYS = 90;

  public Performance {
    days = List.copyOf(days);
    requireNonNull(returns, "returns");
    requireNonNull(drawdowns, "drawdowns");
    requireNonNull(ratios, "ratios");
    requireNonNull(mwr, "mwr");
    requireNonNull(trades, "trades");
    requireNonNull(windows, "windows");
    requireNonNull(benchmark, "benchmark");
    byStrategy = Collections.unmodifiableSortedMap(new TreeMap<>(byStrategy));
    byAsset = Collections.unmodifiableSortedMap(new TreeMap<>(byAsset));
    requireNonNull(capital, "capital");
    requireNonNull(config, "config");
  }

  /**
   * The performance of {@code history} over the days {@code from..to} (both inside it), compared
   * with holding {@code benchmarkAsset} priced by {@code prices}.
   *
   * @throws IllegalArgumentException when the range is empty or outside the history
   */
  public static Performance of(
      DailyHistory history,
      LocalDate from,
      LocalDate to,
      PerformanceConfig config,
      Asset benchmarkAsset,
      MarketPrices prices) {
    List<DayEnd> all = history.days();
    if (all.isEmpty()) {
      throw new IllegalArgumentException("No history: the store holds no events before " + to);
    }
    LocalDate first = all.get(0).date();
    LocalDate last = all.get(all.size() - 1).date();
    if (to.isBefore(from) || from.isBefore(first) || to.isAfter(last)) {
      throw new IllegalArgumentException(
          "The range " + from + ".." + to + " is not inside the history " + first + ".." + last);
    }
    Returns whole = Returns.of(history.dailyValues());
    Returns returns = window(whole, from, to);
    int firstIndex = (int) (from.toEpochDay() - first.toEpochDay());
    List<DayEnd> days = all.subList(firstIndex, (int) (to.toEpochDay() - first.toEpochDay()) + 1);
    Optional<DayEnd> before =
        firstIndex == 0 ? Optional.empty() : Optional.of(all.get(firstIndex - 1));
    DayEnd lastDay = days.get(days.size() - 1);
    BigDecimal capital = before.map(DayEnd::equity).orElse(BigDecimal.ZERO);
    for (DayEnd day : days) {
      capital = capital.add(day.inflow());
    }
    // Days of a zone with daylight saving are 23 or 25 hours long once a year.
    Instant start = days.get(0).date().atStartOfDay(config.zone()).toInstant();
    Instant end = days.get(days.size() - 1).closedAt();
    List<TradeCycle> cycles =
        history.cycles().stream()
            .filter(cycle -> !cycle.closedAt().isBefore(start) && cycle.closedAt().isBefore(end))
            .toList();
    return new Performance(
        days,
        returns,
        Drawdowns.of(returns),
        RiskRatios.of(returns, config.ratios()),
        MoneyWeightedReturn.of(returns),
        TradeCycles.of(cycles),
        windows(days, config),
        BenchmarkReturn.of(benchmarkAsset, returns, days, prices, config),
        since(lastDay.byStrategy(), before.map(DayEnd::byStrategy)),
        since(lastDay.byAsset(), before.map(DayEnd::byAsset)),
        capital,
        config);
  }

  /**
   * What each key made between {@code earlier}'s totals (none: from the start) and {@code end}'s.
   */
  private static <K extends Comparable<K>> SortedMap<K, Attribution> since(
      SortedMap<K, Attribution> end, Optional<SortedMap<K, Attribution>> earlier) {
    SortedMap<K, Attribution> made = new TreeMap<>();
    end.forEach(
        (key, total) ->
            made.put(
                key,
                total.since(
                    earlier
                        .map(e -> e.getOrDefault(key, Attribution.NONE))
                        .orElse(Attribution.NONE))));
    return made;
  }

  /**
   * {@code pnl}'s share of the range's capital ({@link #capital()}): what it added to the return;
   * absent when no capital was at work.
   */
  public Metric<Double> contribution(BigDecimal pnl) {
    if (capital.signum() <= 0) {
      return Metric.absent("no capital at work in the range");
    }
    return Metric.of(pnl.divide(capital, Precision.RATIO).doubleValue());
  }

  /** The whole series' returns, or those of the window when it is not the whole series. */
  private static Returns window(Returns whole, LocalDate from, LocalDate to) {
    if (whole.days().isEmpty()) {
      return whole;
    }
    LocalDate first = whole.days().get(0).date();
    return whole.between(from.isBefore(first) ? first : from, to);
  }

  /**
   * The live drawdown windows replayed over the range: every flow with the value after it, and
   * every day's end.
   */
  private static Optional<DrawdownWindow> windows(List<DayEnd> days, PerformanceConfig config) {
    Optional<DrawdownWindow> window = Optional.empty();
    for (DayEnd day : days) {
      for (FlowPoint flow : day.flows()) {
        window =
            DrawdownWindow.next(
                window, config.drawdown(), flow.at(), flow.valueAfter(), flow.amount());
      }
      window =
          DrawdownWindow.next(
              window,
              config.drawdown(),
              day.closedAt().minusNanos(1),
              day.equity(),
              BigDecimal.ZERO);
    }
    return window;
  }

  /** The rolling Sharpe ratio over {@value #ROLLING_SHARPE_DAYS} days. */
  public List<Dated<Metric<Double>>> rollingSharpe() {
    return RiskRatios.rollingSharpe(returns, ROLLING_SHARPE_DAYS, config.ratios());
  }

  /** The rolling maximum drawdown over {@value #ROLLING_DRAWDOWN_DAYS} days. */
  public List<Dated<BigDecimal>> rollingMaxDrawdown() {
    return drawdowns.rollingMax(ROLLING_DRAWDOWN_DAYS);
  }

  /**
   * The return of holding one asset instead: the starting equity and every inflow buy it at their
   * moment, every outflow sells it, and it is valued at each day's end with the same prices as the
   * books; compared day by day with the portfolio's returns.
   *
   * @param asset the asset held
   * @param returns its returns over the same days, or why there are none (no price)
   * @param comparison the comparison with the portfolio's daily returns, or why there is none
   */
  public record BenchmarkReturn(
      Asset asset, Metric<Returns> returns, Metric<Benchmark> comparison) {

    public BenchmarkReturn {
      requireNonNull(asset, "asset");
      requireNonNull(returns, "returns");
      requireNonNull(comparison, "comparison");
    }

    static BenchmarkReturn of(
        Asset asset,
        Returns portfolio,
        List<DayEnd> days,
        MarketPrices prices,
        PerformanceConfig config) {
      Metric<Returns> returns = held(asset, portfolio, days, prices, config.zone());
      Metric<Benchmark> comparison =
          returns.map(held -> Benchmark.of(portfolio.daily(), held.daily(), config.ratios()));
      return new BenchmarkReturn(asset, returns, comparison);
    }

    private static Metric<Returns> held(
        Asset asset, Returns portfolio, List<DayEnd> days, MarketPrices prices, ZoneId zone) {
      if (portfolio.days().isEmpty()) {
        return Metric.absent("no days with equity in the range");
      }
      LocalDate firstMeasured = portfolio.days().get(0).date();
      BigDecimal units = BigDecimal.ZERO;
      BigDecimal opening = portfolio.startEquity();
      List<DailyValue> values = new ArrayList<>();
      for (DayEnd day : days) {
        if (day.date().isBefore(firstMeasured)) {
          continue;
        }
        Instant dayStart = day.date().atStartOfDay(zone).toInstant();
        if (values.isEmpty() && opening.signum() > 0) {
          Optional<BigDecimal> price = unitPrice(asset, dayStart, prices);
          if (price.isEmpty()) {
            return Metric.absent("no price of " + asset + " at " + dayStart);
          }
          units = opening.divide(price.get(), Precision.RATIO);
        }
        List<FlowPoint> flows = new ArrayList<>();
        for (FlowPoint flow : day.flows()) {
          Optional<BigDecimal> price = unitPrice(asset, flow.at(), prices);
          if (price.isEmpty()) {
            return Metric.absent("no price of " + asset + " at " + flow.at());
          }
          BigDecimal before = Precision.money(units.multiply(price.get()));
          units = units.add(flow.amount().divide(price.get(), Precision.RATIO));
          flows.add(new FlowPoint(flow.at(), before, flow.amount()));
        }
        Instant valuedAt = day.closedAt().minusNanos(1);
        Optional<BigDecimal> close = unitPrice(asset, valuedAt, prices);
        if (close.isEmpty()) {
          return Metric.absent("no price of " + asset + " at " + valuedAt);
        }
        BigDecimal equity = Precision.money(units.multiply(close.get()));
        values.add(
            DailyValue.withFlows(
                day.date(), equity, withOpening(flows, dayStart, opening, values.isEmpty())));
      }
      return Metric.of(Returns.of(values));
    }

    /** The opening equity as the first day's first inflow, so the series starts from it. */
    private static List<FlowPoint> withOpening(
        List<FlowPoint> flows, Instant dayStart, BigDecimal opening, boolean firstDay) {
      if (!firstDay || opening.signum() <= 0) {
        return flows;
      }
      List<FlowPoint> all = new ArrayList<>();
      all.add(new FlowPoint(dayStart, BigDecimal.ZERO, opening));
      all.addAll(flows);
      return all;
    }

    private static Optional<BigDecimal> unitPrice(Asset asset, Instant at, MarketPrices prices) {
      return prices.value(asset, BigDecimal.ONE, at);
    }
  }
}
