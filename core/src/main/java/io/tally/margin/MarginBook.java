package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fold that turns margin events into a {@link MarginAccount}, one event at a time in time
 * order. A fill moves its pair's {@link MarginPosition} and {@link TradeLifecycle}, credits the
 * collateral with the realized price PnL and debits its fee; a carry charge debits the collateral
 * and is kept on the position and its trade; a collateral flow moves the collateral; fills and mark
 * prices set the pair's mark.
 *
 * <p>It rejects, with a message naming the value: an event dated before the last one, a pair not
 * quoted in the collateral asset, a leverage outside 1 to the pair's maximum, a fill adding to a
 * position at another leverage, carry on a flat pair, and a withdrawal that would leave the cash
 * (collateral) below minus the equity at the current marks.
 *
 * <p>Example: {@code MarginBook.replay(MarginTerms.paper(Asset.USD), events).summary()}. Not
 * thread-safe: one thread folds, others read the immutable {@link #account()}.
 */
public final class MarginBook {

  private MarginTerms terms;
  private BigDecimal collateral;
  private BigDecimal netDeposits;
  private Optional<Instant> lastEventAt;
  private final Map<Pair, MarginPosition> positions;
  private final Map<Pair, BigDecimal> marks;

  /**
   * Every trade in the order it opened: the first {@code tradeCount} slots. Published accounts
   * share the array ({@link TradeList}): a slot changes only while its trade is open, and a new
   * trade goes in a slot no published account reads (a full array is copied into a larger one).
   */
  private TradeLifecycle[] trades;

  private int tradeCount;
  private final Map<Pair, Integer> openTrades = new HashMap<>();

  /** An empty book under these terms. */
  public MarginBook(MarginTerms terms) {
    this(MarginAccount.empty(terms));
  }

  private MarginBook(MarginAccount start) {
    this.terms = start.terms();
    this.collateral = start.collateral();
    this.netDeposits = start.netDeposits();
    this.lastEventAt = start.lastEventAt();
    this.positions = new HashMap<>(start.positions());
    this.marks = new HashMap<>(start.marks());
    this.trades = TradeList.of(start.trades()).toArrayCopy();
    this.tradeCount = trades.length;
    for (int i = 0; i < tradeCount; i++) {
      if (trades[i].status() == TradeStatus.OPEN) {
        openTrades.put(trades[i].pair(), i);
      }
    }
  }

  /** A book that continues from an account folded earlier. */
  public static MarginBook resume(MarginAccount account) {
    return new MarginBook(requireNonNull(account, "account"));
  }

  /** The account folded from {@code events} from scratch. */
  public static MarginAccount replay(MarginTerms terms, List<? extends MarginEvent> events) {
    MarginBook book = new MarginBook(terms);
    events.forEach(book::apply);
    return book.account();
  }

  /** The account as it stands (a copy: later events do not change it). */
  public MarginAccount account() {
    Map<Integer, TradeLifecycle> open = new HashMap<>();
    openTrades.values().forEach(index -> open.put(index, trades[index]));
    return withTrades(TradeList.sharing(trades, tradeCount, open));
  }

  /**
   * The account as it stands with its open trades only: positions, collateral and marks, all a
   * {@link MarginSummary} needs, without copying every closed trade (what a paper account asks
   * before each order).
   */
  public MarginAccount standing() {
    List<TradeLifecycle> open = new ArrayList<>(openTrades.size());
    for (int index : openIndexes()) {
      open.add(trades[index]);
    }
    return withTrades(open);
  }

  /**
   * Drops the closed trades from the book: its accounts from now on list the trades open now and
   * those opened later, in the order they opened. For a book whose closed trades are kept elsewhere
   * (a paper account's, whose store and books keep them): positions, collateral, marks and open
   * trades are unchanged, and accounts published before keep every trade they had.
   */
  public void forgetClosedTrades() {
    if (tradeCount == openTrades.size()) {
      return; // none closed: a paper desk asks after every commit
    }
    int[] open = openIndexes();
    TradeLifecycle[] kept = new TradeLifecycle[Math.max(16, open.length * 2)];
    for (int i = 0; i < open.length; i++) {
      kept[i] = trades[open[i]];
      openTrades.put(kept[i].pair(), i);
    }
    // A new array: published accounts still read the old one (TradeList).
    trades = kept;
    tradeCount = open.length;
  }

  /**
   * The position on {@code pair} as it stands (flat when none), without copying the account: what a
   * fold asks before each fill.
   */
  public MarginPosition position(Pair pair) {
    return positions.getOrDefault(requireNonNull(pair, "pair"), MarginPosition.flat(pair));
  }

  /** The open trade whose opening fill was {@code id}, if it is still open. */
  public Optional<TradeLifecycle> openTrade(EventId id) {
    requireNonNull(id, "id");
    for (int index : openTrades.values()) {
      if (trades[index].id().equals(id)) {
        return Optional.of(trades[index]);
      }
    }
    return Optional.empty();
  }

  /** The trade open on {@code pair}, if a position is open there. */
  public Optional<TradeLifecycle> openTrade(Pair pair) {
    Integer index = openTrades.get(requireNonNull(pair, "pair"));
    return index == null ? Optional.empty() : Optional.of(trades[index]);
  }

  /** Switches between isolated and cross margin; booked figures do not change. */
  public void switchMode(MarginMode mode) {
    terms = terms.withMode(requireNonNull(mode, "mode"));
  }

  /**
   * Applies one event.
   *
   * @throws IllegalArgumentException when the event breaks the account's terms (see the class
   *     description); the book is unchanged
   */
  public void apply(MarginEvent event) {
    requireNonNull(event, "event");
    if (lastEventAt.isPresent() && event.at().isBefore(lastEventAt.get())) {
      throw new IllegalArgumentException(
          "event "
              + event.id()
              + " at "
              + event.at()
              + " is before the last event at "
              + lastEventAt.get());
    }
    if (event instanceof MarginFill) {
      fill((MarginFill) event);
    } else if (event instanceof CarryCharge) {
      charge((CarryCharge) event);
    } else if (event instanceof CollateralFlow) {
      flow((CollateralFlow) event);
    } else if (event instanceof MarkPrice) {
      MarkPrice mark = (MarkPrice) event;
      marks.put(terms.requireQuotedInCollateral(mark.pair()), mark.price());
    } else {
      throw new IllegalStateException("Unhandled " + event);
    }
    lastEventAt = Optional.of(event.at());
  }

  private void fill(MarginFill fill) {
    Pair pair = terms.requireQuotedInCollateral(fill.pair());
    terms.requireLeverage(pair, fill.leverage());
    MarginPosition.Change change =
        positions.getOrDefault(pair, MarginPosition.flat(pair)).apply(fill);
    if (change.closedQuantity().signum() > 0) {
      int index = openTrades.get(pair);
      TradeLifecycle reduced = trades[index].reduced(fill, change);
      trades[index] = reduced;
      if (reduced.status() == TradeStatus.CLOSED) {
        openTrades.remove(pair);
      }
    }
    if (change.openedQuantity().signum() > 0) {
      Integer index = openTrades.get(pair);
      if (index == null) {
        append(TradeLifecycle.open(fill, change));
        openTrades.put(pair, tradeCount - 1);
      } else {
        trades[index] = trades[index].increased(fill, change);
      }
    }
    positions.put(pair, change.after());
    marks.put(pair, fill.price());
    collateral = collateral.add(change.realized()).subtract(fill.fee());
  }

  private void charge(CarryCharge charge) {
    Pair pair = terms.requireQuotedInCollateral(charge.pair());
    MarginPosition charged =
        positions.getOrDefault(pair, MarginPosition.flat(pair)).charged(charge);
    int index = openTrades.get(pair);
    trades[index] = trades[index].charged(charge);
    positions.put(pair, charged);
    collateral = collateral.subtract(charge.amount());
  }

  private void flow(CollateralFlow flow) {
    if (flow.isWithdrawal()) {
      MarginSummary now = withTrades(List.of()).summary();
      BigDecimal cashAfter = now.collateral().add(flow.amount());
      BigDecimal equityAfter = now.equity().add(flow.amount());
      if (cashAfter.compareTo(equityAfter.negate()) < 0) {
        throw new IllegalArgumentException(
            "withdrawal "
                + flow.amount().negate().toPlainString()
                + " ("
                + flow.id()
                + ") would leave cash "
                + cashAfter.toPlainString()
                + " below -equity "
                + equityAfter.negate().toPlainString());
      }
    }
    collateral = collateral.add(flow.amount());
    netDeposits = netDeposits.add(flow.amount());
  }

  /** Puts {@code trade} in the next slot, into a larger copy of the array when it is full. */
  /** The slots of the open trades, in the order they opened. */
  private int[] openIndexes() {
    int[] indexes = new int[openTrades.size()];
    int count = 0;
    for (int index : openTrades.values()) {
      indexes[count++] = index;
    }
    Arrays.sort(indexes);
    return indexes;
  }

  private void append(TradeLifecycle trade) {
    if (tradeCount == trades.length) {
      trades = Arrays.copyOf(trades, Math.max(16, tradeCount * 2));
    }
    trades[tradeCount++] = trade;
  }

  private MarginAccount withTrades(List<TradeLifecycle> someTrades) {
    return new MarginAccount(
        terms, collateral, netDeposits, positions, marks, someTrades, lastEventAt);
  }
}
