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
import io.tally.metrics.FlowPoint;
import io.tally.metrics.TradeCycle;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.valuation.AssetValuation;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceSource;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The fold behind a {@link DailyHistory}, kept so the history can be extended: one pass over the
 * log in {@link LedgerEvent#ORDER} that stops at each midnight of the reporting zone to value the
 * books, values them just before each external flow, and closes each pair's flat→flat trade cycles.
 * {@link #extend} folds events that sort after the last one folded and moves the history's end
 * later; the days before the last folded event's day are kept as they were, and only that day and
 * the days after it are valued again. So a new day, or the events of a sync, cost what they add,
 * not the whole log.
 *
 * <p>The rule that makes this exact is the live books' ({@code LiveBooks}): everything added later
 * (events, and prices the given source answers) is dated after the last event folded. An event that
 * sorts earlier is refused; a price dated earlier is the caller's to notice (by folding again from
 * the start), as it is for the live books.
 *
 * <p>Example:
 *
 * <pre>{@code
 * HistoryFold fold = new HistoryFold(BookConfig.defaults(), HistorySettings.defaults());
 * DailyHistory monday = fold.extend(prices, events, mondayEvening);
 * DailyHistory tuesday = fold.extend(prices, tuesdaysEvents, tuesdayEvening);
 * }</pre>
 *
 * Mutable and not thread-safe: one caller at a time (the histories it returns are immutable).
 */
public final class HistoryFold {

  /**
   * The price age passed to each day's valuation: staleness is a finding of live figures, not part
   * of a past day's equity, which uses whatever price was in force.
   */
  private static final Duration ANY_AGE = Duration.ofDays(365L * 1000);

  private final HistorySettings settings;
  private final CurrentPrices prices = new CurrentPrices();
  private final Books books;
  private final Map<Pair, OpenCycle> open = new LinkedHashMap<>();
  private final SortedMap<String, Attribution> byStrategy = new TreeMap<>();
  private final Map<Asset, Long> tradesByAsset = new TreeMap<>();
  private final List<TradeCycle> closed = new ArrayList<>();

  /** The days before {@link #day}: final, since every later event sorts after them. */
  private final List<DayEnd> settled = new ArrayList<>();

  /** The flows of {@link #day} so far, each with the value just before it. */
  private final List<FlowPoint> dayFlows = new ArrayList<>();

  /** Events given but dated after the history's end, in order: folded once the end passes them. */
  private final List<LedgerEvent> pending = new ArrayList<>();

  /** The day of the last event folded; empty before the first. */
  private Optional<LocalDate> day = Optional.empty();

  private Optional<LedgerEvent> last = Optional.empty();
  private Instant until = Instant.MIN;

  /**
   * A fold of no events yet, for books kept by {@code config}, cut into days by {@code settings}.
   */
  public HistoryFold(BookConfig config, HistorySettings settings) {
    this.settings = requireNonNull(settings, "settings");
    this.books = new Books(requireNonNull(config, "config"), prices);
  }

  /**
   * Folds {@code events} and answers the daily history up to {@code until}: every day from the
   * first event's to {@code until}'s, the last one valued at {@code until}. Events dated after
   * {@code until} are kept for a later call. From now on the books value every moment with {@code
   * prices}, which must answer the moments already folded as the earlier sources did.
   *
   * @param events events not given before, in any order, each sorting after {@link #last()}
   * @throws IllegalArgumentException if one of {@code events} sorts at or before the last event
   *     folded, or {@code until} is before the end of the last history answered
   */
  public DailyHistory extend(
      PriceSource prices, Collection<? extends LedgerEvent> events, Instant until) {
    requireNonNull(prices, "prices");
    requireNonNull(until, "until");
    if (until.isBefore(this.until)) {
      throw new IllegalArgumentException(
          "The history already ends at " + this.until + ", after " + until);
    }
    List<LedgerEvent> ordered = new ArrayList<>(events);
    ordered.sort(LedgerEvent.ORDER);
    if (!ordered.isEmpty()
        && last.isPresent()
        && LedgerEvent.ORDER.compare(ordered.get(0), last.get()) <= 0) {
      throw new IllegalArgumentException(
          "Event "
              + ordered.get(0).id()
              + " sorts at or before the last event folded ("
              + last.get().id()
              + "): fold the history again from the start");
    }
    this.prices.source = prices;
    this.until = until;
    pending.addAll(ordered);
    pending.sort(LedgerEvent.ORDER);
    int next = 0;
    while (next < pending.size() && !pending.get(next).at().isAfter(until)) {
      fold(pending.get(next++));
    }
    pending.subList(0, next).clear();
    return history();
  }

  /** The end of the last history answered ({@link Instant#MIN} before the first). */
  public Instant until() {
    return until;
  }

  /** The last event folded, if any. */
  public Optional<LedgerEvent> last() {
    return last;
  }

  /** Folds one event, first closing the days that end before it. */
  private void fold(LedgerEvent event) {
    LocalDate eventDay = LocalDate.ofInstant(event.at(), settings.zone());
    LocalDate current = day.orElse(eventDay);
    while (current.isBefore(eventDay)) {
      settled.add(dayEnd(current, dayFlows));
      dayFlows.clear();
      current = current.plusDays(1);
    }
    day = Optional.of(current);
    apply(event);
    last = Optional.of(event);
  }

  /** The settled days, then the last event's day and every day after it to {@link #until}. */
  private DailyHistory history() {
    if (day.isEmpty()) {
      return new DailyHistory(List.of(), List.of());
    }
    List<DayEnd> days = new ArrayList<>(settled);
    LocalDate lastDay = LocalDate.ofInstant(until, settings.zone());
    days.add(dayEnd(day.get(), dayFlows));
    for (LocalDate next = day.get().plusDays(1); !next.isAfter(lastDay); next = next.plusDays(1)) {
      days.add(dayEnd(next, List.of()));
    }
    return new DailyHistory(days, closed);
  }

  private void apply(LedgerEvent event) {
    if (event instanceof CashFlow flow && isExternal(flow.kind())) {
      BigDecimal before = valuation(flow.at()).equity();
      FlowSummary was = books.flows();
      books.apply(flow);
      BigDecimal amount = booked(flow.kind(), was, books.flows());
      if (amount.signum() != 0) {
        dayFlows.add(new FlowPoint(flow.at(), before, amount));
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

  /**
   * The books at the end of {@code date} (at {@link #until} when that comes first), with the day's
   * {@code flows}: the books hold every event folded, so call it only for the day of the last event
   * folded or a later one.
   */
  private DayEnd dayEnd(LocalDate date, List<FlowPoint> flows) {
    Instant end = date.plusDays(1).atStartOfDay(settings.zone()).toInstant();
    Instant valuedAt = end.minusNanos(1).isAfter(until) ? until : end.minusNanos(1);
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
        date,
        end,
        valuedAt,
        valuation.equity(),
        valuation.cash(),
        holdings,
        inflow,
        outflow,
        flows,
        byStrategy,
        books.flows().net(),
        byAsset);
  }

  /** The prices of the latest {@link #extend} call: the books keep one source for their life. */
  private static final class CurrentPrices implements PriceSource {
    private PriceSource source = PriceSource.NONE;

    @Override
    public Optional<Price> price(Asset asset, Instant at) {
      return source.price(asset, at);
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
