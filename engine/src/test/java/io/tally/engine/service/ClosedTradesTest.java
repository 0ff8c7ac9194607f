package io.tally.engine.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Side;
import io.tally.margin.TradeLifecycle;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ClosedTrades}: each margin trade that closed between two looks at the books is found once,
 * whether it was open at the first look or opened and closed in between; the first look and a
 * history folded again log nothing.
 */
class ClosedTradesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final Pair XBT = new Pair(Asset.XBT, Asset.USD);
  private static final Pair ETH = new Pair(Asset.of("ETH"), Asset.USD);

  private final List<LedgerEvent> events = new ArrayList<>();

  private ClosedTradesTest fill(String txid, Pair pair, Side side, String volume) {
    events.add(
        new PositionFill(
            PositionFill.idOf(txid),
            T0.plusSeconds(events.size()),
            pair,
            side,
            new BigDecimal(volume),
            new BigDecimal("100"),
            2,
            txid,
            false,
            Amount.zero(Asset.USD),
            "manual"));
    return this;
  }

  private BookState books() {
    Books books = new Books(BookConfig.defaults(), PriceTable.of(List.of()));
    books.apply(
        new CashFlow(
            EventId.of("D1"),
            T0.minusSeconds(60),
            FlowKind.DEPOSIT,
            Amount.of("USD", "100000"),
            Amount.zero(Asset.USD)));
    events.forEach(books::apply);
    return books.state();
  }

  private static List<String> ids(List<TradeLifecycle> trades) {
    return trades.stream().map(trade -> trade.id().value()).toList();
  }

  @Test
  void eachClosingIsFoundOnceAndTheFirstLookFindsNone() {
    ClosedTrades closed = new ClosedTrades();
    // An XBT trade opened and closed before the first look, and an ETH long left open.
    fill("X1", XBT, Side.BUY, "1").fill("X2", XBT, Side.SELL, "1").fill("E1", ETH, Side.BUY, "2");
    assertThat(closed.since(books())).isEmpty();

    // The ETH long closes; an XBT short opens and closes; another XBT long opens.
    fill("E2", ETH, Side.SELL, "2")
        .fill("X3", XBT, Side.SELL, "1")
        .fill("X4", XBT, Side.BUY, "1")
        .fill("X5", XBT, Side.BUY, "3");
    assertThat(ids(closed.since(books()))).containsExactlyInAnyOrder("E1:fill", "X3:fill");
    assertThat(closed.since(books())).as("nothing closed since").isEmpty();

    fill("X6", XBT, Side.SELL, "3");
    assertThat(ids(closed.since(books()))).containsExactly("X5:fill");
  }

  @Test
  void aHistoryFoldedAgainWithFewerTradesIsANewStart() {
    ClosedTrades closed = new ClosedTrades();
    fill("X1", XBT, Side.BUY, "1").fill("X2", XBT, Side.SELL, "1").fill("X3", XBT, Side.BUY, "1");
    closed.since(books());

    events.subList(1, events.size()).clear();
    fill("X2b", XBT, Side.SELL, "1");

    assertThat(closed.since(books())).isEmpty();
  }
}
