package io.tally.series;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.FlowSummary;
import io.tally.books.TradePnl;
import io.tally.ledger.CashFlow;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.metrics.DailyValue;
import io.tally.metrics.FlowPoint;
import io.tally.metrics.TradeCycle;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceSource;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The books at the end of every day of a history, from the event log and the stored prices alone
 * (ACCOUNTING.md §9): one fold of the log in {@link LedgerEvent#ORDER} that stops at each midnight
 * of the reporting time zone to value the books with the prices in force then, and values the books
 * just before each external flow, so returns can be split at every flow. The same fold closes the
 * flat→flat trade cycles of each pair.
 *
 * <p>External flows are deposits, withdrawals, adjustments (an opening balance or a gap is capital
 * that appears, not performance) and, when {@link HistorySettings#rewardsAsContribution()},
 * rewards; each is valued as the books booked it. A withdrawal's fee is a cost, not part of the
 * flow.
 *
 * <p>Example:
 *
 * <pre>{@code
 * DailyHistory history =
 *     DailyHistory.of(BookConfig.defaults(), prices, events, HistorySettings.defaults(), now);
 * Returns returns = Returns.of(history.dailyValues());
 * }</pre>
 *
 * Immutable.
 */
public final class DailyHistory {

  /**
   * The price age passed to each day's valuation: staleness is a finding of live figures, not part
   * of a past day's equity, which uses whatever price was in force.
   */
  private static final Duration ANY_AGE = Duration.ofDays(365L * 1000);

  private final List<DayEnd> days;
  private final List<TradeCycle> cycles;

  private DailyHistory(List<DayEnd> days, List<TradeCycle> cycles) {
    this.days = List.copyOf(days);
    this.cycles = List.copyOf(cycles);
  }

  /**
   * Every day from the first event's to {@code until}'s, in {@code settings}' zone: the books of
   * the events before each day's end, valued with {@code prices} at its last instant, the last day
   * at {@code until} (events after it are left out). Empty when there are no events up to {@code
   * until}.
   *
   * @param events the log, in any order (sorted into {@link LedgerEvent#ORDER} first)
   */
  public static DailyHistory of(
      BookConfig config,
      PriceSource prices,
      List<LedgerEvent> events,
      HistorySettings settings,
      Instant until) {
    requireNonNull(config, "config");
    requireNonNull(prices, "prices");
    requireNonNull(settings, "settings");
    requireNonNull(until, "until");
    List<LedgerEvent> ordered = new ArrayList<>(events);
    ordered.sort(LedgerEvent.ORDER);
    if (ordered.isEmpty() || ordered.get(0).at().isAfter(until)) {
      return new DailyHistory(List.of(), List.of());
    }
    return new Fold(config, prices, settings).run(ordered, until);
  }

  /** Every day, oldest first. */
  public List<DayEnd> days() {
    return days;
  }

  /** The days as the return figures read them. */
  public List<DailyValue> dailyValues() {
    return days.stream().map(DayEnd::dailyValue).toList();
  }

  /** The flat→flat cycles closed up to the last day, in the order they closed. */
  public List<TradeCycle> cycles() {
    return cycles;
  }

  /** The one pass over the log. */
  private static final class Fold {
    private final PriceSource prices;
    private final HistorySettings settings;
    private final Books books;
    private final Map<Pair, OpenCycle> open = new LinkedHashMap<>();
    private final Map<String, Attribution> byStrategy = new TreeMap<>();
    private final Map<Asset, Long> tradesByAsset = new TreeMap<>();
    private final List<TradeCycle> closed = new ArrayList<>();

    Fold(BookConfig config, PriceSource prices, HistorySettings settings) {
      this.prices = prices;
      this.settings = settings;
      this.books = new Books(config, prices);
    }

    DailyHistory run(List<LedgerEvent> ordered, Instant until) {
      List<DayEnd> days = new ArrayList<>();
      LocalDate day = LocalDate.ofInstant(ordered.get(0).at(), settings.zone());
      LocalDate last = LocalDate.ofInstant(until, settings.zone());
      int next = 0;
      for (; !day.isAfter(last); day = day.plusDays(1)) {
        Instant end = day.plusDays(1).atStartOfDay(settings.zone()).toInstant();
        List<FlowPoint> flows = new ArrayList<>();
        while (next < ordered.size()
            && ordered.get(next).at().isBefore(end)
            && !ordered.get(next).at().isAfter(until)) {
          apply(ordered.get(next++), flows);
        }
        Instant valuedAt = end.minusNanos(1).isAfter(until) ? until : end.minusNanos(1);
        days.add(dayEnd(day, end, valuedAt, flows));
      }
      return new DailyHistory(days, closed);
    }

    private void apply(LedgerEvent event, List<FlowPoint> flows) {
      if (event instanceof CashFlow flow && isExternal(flow.kind())) {
        BigDecimal before = valuation(flow.at()).equity();
        FlowSummary was = books.flows();
        books.apply(flow);
        BigDecimal amount = booked(flow.kind(), was, books.flows());
        if (amount.signum() != 0) {
          flows.add(new FlowPoint(flow.at(), before, amount));
        }
      } else {
        books.apply(event);
      }
      if (event instanceof Trade trade) {
        follow(trade);
      } else if (event instanceof CashFlow flow) {
        closeEmptied(flow.amount().asset(), flow.at());
      }
    }

    private boolean isExternal(FlowKind kind) {
      return kind != FlowKind.REWARD || settings.rewardsAsContribution();
    }

    /** The value the books booked for one flow of {@code kind}: positive in, negative out. */
    private static BigDecimal booked(FlowKind kind, FlowSummary was, FlowSummary now) {
      return switch (kind) {
        case DEPOSIT -> now.deposits().subtract(was.deposits());
        case WITHDRAWAL -> was.withdrawals().subtract(now.withdrawals());
        case REWARD -> now.rewards().subtract(was.rewards());
        case ADJUSTMENT -> now.adjustments().subtract(was.adjustments());
      };
    }

    /** Opens, extends or closes the cycle of the trade's pair. */
    private void follow(Trade trade) {
      Pair pair = trade.pair();
      TradePnl pnl = books.tradePnls().find(trade).orElseThrow();
      byStrategy.merge(
          trade.strategy(),
          Attribution.NONE.plusTrade(pnl.realized(), pnl.fees()),
          (was, one) -> was.plusTrade(pnl.realized(), pnl.fees()));
      tradesByAsset.merge(pair.base(), 1L, Long::sum);
      OpenCycle cycle = open.get(pair);
      boolean flat = books.positionSize(pair).signum() == 0;
      if (cycle == null) {
        if (!flat) {
          open.put(pair, new OpenCycle(trade.at(), pnl.realized(), pnl.fees()));
        }
        return;
      }
      cycle.add(pnl);
      if (flat) {
        open.remove(pair);
        closed.add(cycle.close(pair, trade.at()));
      }
    }

    /** Closes the cycles of {@code asset}'s pairs that a flow left flat (a withdrawal). */
    private void closeEmptied(Asset asset, Instant at) {
      var iterator = open.entrySet().iterator();
      while (iterator.hasNext()) {
        Map.Entry<Pair, OpenCycle> entry = iterator.next();
        Pair pair = entry.getKey();
        if (pair.base().equals(asset) && books.positionSize(pair).signum() == 0) {
          iterator.remove();
          closed.add(entry.getValue().close(pair, at));
        }
      }
    }

    private PortfolioValuation valuation(Instant at) {
      return Valuation.of(books.state(), prices, at, ANY_AGE);
    }

    private DayEnd dayEnd(LocalDate day, Instant end, Instant valuedAt, List<FlowPoint> flows) {
      PortfolioValuation valuation = valuation(valuedAt);
      BookState state = valuation.books();
      SortedMap<Asset, BigDecimal> holdings = new TreeMap<>();
      state
          .holdings()
          .forEach(
              (asset, holding) -> {
                if (holding.quantity().signum() != 0) {
                  holdings.put(asset, holding.quantity());
                }
              });
      BigDecimal inflow = BigDecimal.ZERO;
      BigDecimal outflow = BigDecimal.ZERO;
      for (FlowPoint flow : flows) {
        if (flow.amount().signum() > 0) {
          inflow = inflow.add(flow.amount());
        } else {
          outflow = outflow.subtract(flow.amount());
        }
      }
      SortedMap<Asset, Attribution> byAsset = new TreeMap<>();
      for (AssetValuation asset : valuation.holdings()) {
        Asset code = asset.holding().asset();
        byAsset.put(
            code,
            new Attribution(
                asset.holding().realized(),
                asset.unrealized(),
                state.fees().byAsset().getOrDefault(code, BigDecimal.ZERO),
                tradesByAsset.getOrDefault(code, 0L)));
      }
      return new DayEnd(
          day,
          end,
          valuation.equity(),
          valuation.cash(),
          holdings,
          inflow,
          outflow,
          flows,
          new TreeMap<>(byStrategy),
          byAsset);
    }
  }

  /** A cycle not yet flat: when it opened and what its trades realized and paid so far. */
  private static final class OpenCycle {
    private final Instant openedAt;
    private BigDecimal realized;
    private BigDecimal fees;

    OpenCycle(Instant openedAt, BigDecimal realized, BigDecimal fees) {
      this.openedAt = openedAt;
      this.realized = realized;
      this.fees = fees;
    }

    void add(TradePnl pnl) {
      realized = realized.add(pnl.realized());
      fees = fees.add(pnl.fees());
    }

    TradeCycle close(Pair pair, Instant at) {
      return new TradeCycle(pair, openedAt, at, realized, fees);
    }
  }
}
