package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.margin.CarryCharge;
import io.tally.margin.CarryKind;
import io.tally.margin.CollateralFlow;
import io.tally.margin.MarginBook;
import io.tally.margin.MarginEvent;
import io.tally.margin.MarginFill;
import io.tally.margin.TradeLifecycle;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a paper account's events are written in the books' ledger, the way Kraken's ledger and trades
 * history describe a live margin account, so the same {@link io.tally.books.Books} fold both; and
 * how they are read back when the account starts again.
 *
 * <ul>
 *   <li>a deposit or withdrawal of collateral is a {@link CashFlow} ({@code demo-D1});
 *   <li>a fill is a {@link MarginPnl} on the spot balance ({@code demo-T3}: the price PnL it
 *       realized, and its fee) and a {@link PositionFill} ({@code demo-T3:fill}) naming the trade
 *       it opens, adds to or reduces, with the strategy of its order;
 *   <li>a funding charge is a {@link PositionCarry} ({@code demo-F2}) of the trade open on its
 *       pair: positive when paid, negative when a short received it.
 * </ul>
 *
 * <p>The ledger entries carry every field of the margin events, so {@link #events} gives back
 * exactly the events that were written: a paper account resumes from its store alone. The entries
 * are made as each event is applied to the account's own book ({@link #apply}), which is where the
 * fill's realized PnL and the trade it moves are known: no second book follows the first.
 *
 * <p>Example: {@code PaperJournal.apply(book, USDT, fill, "grid")} for a 0.1 XBT/USDT buy is {@code
 * [demo-T1 margin amount=USDT:0 fee=USDT:15.6, demo-T1:fill position pair=XBT/USDT side=BUY
 * volume=0.1 price=60000 leverage=2 position=demo-T1 …]}. Stateless.
 */
public final class PaperJournal {

  private PaperJournal() {}

  /**
   * Applies {@code event} to {@code book}, an account kept in {@code collateral}, and returns its
   * ledger entries; the fill's order belongs to {@code strategy}.
   *
   * @throws IllegalArgumentException when the book refuses the event (nothing is applied)
   */
  static List<LedgerEvent> apply(
      MarginBook book, Asset collateral, MarginEvent event, String strategy) {
    requireNonNull(strategy, "strategy");
    List<LedgerEvent> entries = new ArrayList<>(2);
    if (event instanceof CollateralFlow flow) {
      book.apply(flow);
      entries.add(
          new CashFlow(
              flow.id(),
              flow.at(),
              flow.isWithdrawal() ? FlowKind.WITHDRAWAL : FlowKind.DEPOSIT,
              new Amount(collateral, flow.amount()),
              Amount.zero(collateral)));
    } else if (event instanceof MarginFill fill) {
      Pair pair = fill.pair();
      BigDecimal realizedBefore = book.position(pair).realizedPnl();
      String position =
          book.openTrade(pair).map(PaperJournal::positionId).orElse(fill.id().value());
      book.apply(fill);
      BigDecimal realized = book.position(pair).realizedPnl().subtract(realizedBefore);
      entries.add(
          new MarginPnl(
              fill.id(),
              fill.at(),
              new Amount(collateral, realized),
              new Amount(collateral, fill.fee())));
      entries.add(
          new PositionFill(
              PositionFill.idOf(fill.id().value()),
              fill.at(),
              pair,
              fill.side(),
              fill.quantity(),
              fill.price(),
              fill.leverage(),
              position,
              false,
              new Amount(pair.quote(), fill.fee()),
              strategy));
    } else if (event instanceof CarryCharge charge) {
      String position =
          book.openTrade(charge.pair())
              .map(PaperJournal::positionId)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "funding "
                              + charge.id()
                              + " charges "
                              + charge.pair()
                              + " with no open position"));
      book.apply(charge);
      entries.add(
          new PositionCarry(
              charge.id(),
              charge.at(),
              position,
              new Amount(charge.pair().quote(), charge.amount())));
    } else {
      throw new IllegalArgumentException("A paper account does not write " + event);
    }
    return entries;
  }

  /**
   * The margin events that {@code ledger}, a paper account's stored events in order, was written
   * from.
   *
   * @throws IllegalArgumentException naming the event when the ledger holds one a paper account
   *     does not write (a store of a live account, say)
   */
  public static List<MarginEvent> events(List<LedgerEvent> ledger) {
    List<MarginEvent> events = new ArrayList<>(ledger.size());
    Map<String, Pair> pairs = new HashMap<>();
    for (LedgerEvent entry : ledger) {
      if (entry instanceof CashFlow flow
          && (flow.kind() == FlowKind.DEPOSIT || flow.kind() == FlowKind.WITHDRAWAL)) {
        events.add(new CollateralFlow(flow.id(), flow.at(), flow.amount().value()));
      } else if (entry instanceof PositionFill fill) {
        String id = fill.id().value();
        EventId fillId = EventId.of(id.substring(0, id.length() - PositionFill.ID_SUFFIX.length()));
        pairs.put(fillId.value(), fill.pair());
        events.add(
            new MarginFill(
                fillId,
                fill.at(),
                fill.pair(),
                fill.side(),
                fill.volume(),
                fill.price(),
                fill.fee().value(),
                fill.leverage()));
      } else if (entry instanceof PositionCarry carry) {
        Pair pair = pairs.get(carry.positionId());
        if (pair == null) {
          throw new IllegalArgumentException(
              "event " + carry.id() + " charges position " + carry.positionId() + ", never opened");
        }
        events.add(
            new CarryCharge(carry.id(), carry.at(), pair, CarryKind.FUNDING, carry.fee().value()));
      } else if (!(entry instanceof MarginPnl)) {
        throw new IllegalArgumentException(
            "event " + entry.id() + " is not one a paper account writes: " + entry);
      }
    }
    return events;
  }

  /** The position id a trade's entries name: its opening fill's id. */
  private static String positionId(TradeLifecycle trade) {
    return trade.id().value();
  }
}
