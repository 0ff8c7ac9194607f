package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.MarginPnl;
import io.tally.ledger.PositionCarry;
import io.tally.ledger.PositionFill;
import io.tally.ledger.Side;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginPosition;
import io.tally.margin.TradeLifecycle;
import io.tally.margin.TradeStatus;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.valuation.MarginPositionValuation;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kraken margin positions in the books (issue 12): fills move positions, rollovers are their carry,
 * the ledger's margin rows alone move balances, and valuation adds the positions' unrealized PnL to
 * equity. Arithmetic beside each assertion.
 */
class MarginPositionsTest {

  private static final Asset USD = Asset.USD;
  private static final Asset XBT = Asset.XBT;
  private static final Pair XBTUSD = new Pair(XBT, USD);
  private static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

  private static Instant hour(int n) {
    return T0.plus(Duration.ofHours(n));
  }

  private static PositionFill fill(
      String txid, int hour, Side side, String volume, String price, String position) {
    return new PositionFill(
        PositionFill.idOf(txid),
        hour(hour),
        XBTUSD,
        side,
        new BigDecimal(volume),
        new BigDecimal(price),
        2,
        position,
        false,
        Amount.of("USD", "9.6"),
        "trend_v1");
  }

  /** Books that received 10,000 USD before {@code events}. */
  private static Books fold(List<LedgerEvent> events) {
    Books books =
        new Books(
            BookConfig.defaults(),
            PriceTable.of(List.of(new Price(XBT, new BigDecimal("60000"), T0, "test"))));
    books.apply(
        new CashFlow(
            EventId.of("D1"),
            T0.minusSeconds(3_600),
            FlowKind.DEPOSIT,
            Amount.of("USD", "10000"),
            Amount.of("USD", "0")));
    events.forEach(books::apply);
    return books;
  }

  @Test
  void aLongOpenedRolledAndClosedLeavesAClosedTradeAndMovesNoBalanceItself() {
    Books books =
        fold(
            List.of(
                // Opening: the ledger's margin row is the fee, 9.6 USD; the fill opens the long.
                new MarginPnl(
                    EventId.of("T1"), hour(0), Amount.of("USD", "0"), Amount.of("USD", "9.6")),
                fill("T1", 0, Side.BUY, "0.2", "60000", "T1"),
                new PositionCarry(EventId.of("T1:L2"), hour(4), "T1", Amount.of("USD", "2.4")),
                // Closing at 61,000: the ledger books the PnL, 0.2 × (61000 − 60000) = 200.
                new MarginPnl(
                    EventId.of("T2"), hour(6), Amount.of("USD", "200"), Amount.of("USD", "9.76")),
                fill("T2", 6, Side.SELL, "0.2", "61000", "T1")));

    BookState state = books.state();
    // Balances: only the ledger moved USD: 10,000 + 200 − 9.6 − 2.4 − 9.76 = 10,178.24.
    assertThat(state.holdings().get(USD).quantity()).isEqualByComparingTo("10178.24");
    MarginAccount account = state.marginAccounts().get(0);
    assertThat(account.terms().collateral()).isEqualTo(USD);
    assertThat(account.openPositions()).isEmpty();
    TradeLifecycle trade = account.trades().get(0);
    assertThat(trade.id().value()).isEqualTo("T1:fill");
    assertThat(trade.status()).isEqualTo(TradeStatus.CLOSED);
    // Price PnL: 0.2 × (61,000 − 60,000) = 200; fees 9.6 + 9.6 (the trades history's quote fees);
    // funding: the 2.4 USD rollover.
    assertThat(trade.realizedPnl()).isEqualByComparingTo("200");
    assertThat(trade.feesPaid()).isEqualByComparingTo("19.2");
    assertThat(trade.fundingPaid()).isEqualByComparingTo("2.4");
    assertThat(trade.closedLine()).contains("realized_pnl=200", "funding_paid=2.4");
  }

  @Test
  void fundingReceivedOnAShortIsMarginIncomeAndNetsTheTradesCarry() {
    Books books =
        fold(
            List.of(
                new MarginPnl(
                    EventId.of("T1"), hour(0), Amount.of("USD", "0"), Amount.of("USD", "9.6")),
                fill("T1", 0, Side.SELL, "0.2", "60000", "T1"),
                // A paper account's funding: the short receives 3.05, then pays 1.20.
                new PositionCarry(EventId.of("F1"), hour(8), "T1", Amount.of("USD", "-3.05")),
                new PositionCarry(EventId.of("F2"), hour(16), "T1", Amount.of("USD", "1.2"))));

    BookState state = books.state();
    // 10,000 − 9.6 (fee) + 3.05 (received) − 1.20 (paid) = 9,992.25.
    assertThat(state.holdings().get(USD).quantity()).isEqualByComparingTo("9992.25");
    // Carry net of what was received: 1.20 − 3.05 = −1.85.
    assertThat(state.marginAccounts().get(0).openTrade(XBTUSD).orElseThrow().fundingPaid())
        .isEqualByComparingTo("-1.85");
  }

  @Test
  void anOpenShortCountsItsUnrealizedPnlInEquity() {
    Books books =
        fold(
            List.of(
                new MarginPnl(
                    EventId.of("T1"), hour(0), Amount.of("USD", "0"), Amount.of("USD", "9.6")),
                fill("T1", 0, Side.SELL, "0.1", "60000", "T1")));
    PriceTable now =
        PriceTable.of(List.of(new Price(XBT, new BigDecimal("58000"), hour(1), "test")));

    PortfolioValuation valuation = Valuation.of(books.state(), now, hour(1), Duration.ofHours(1));

    // Short 0.1 XBT entered at 60,000 (entry value 6,000), XBT now 58,000:
    // unrealized = −0.1 × 58,000 − (−6,000) × 1 = 200. Spot: 10,000 − 9.6 USD of fees.
    MarginPositionValuation position = valuation.marginPositions().get(0);
    assertThat(position.mark())
        .hasValueSatisfying(m -> assertThat(m).isEqualByComparingTo("58000"));
    assertThat(position.unrealized()).isEqualByComparingTo("200");
    assertThat(valuation.equity()).isEqualByComparingTo("10190.4"); // 9,990.4 + 200
    assertThat(valuation.unrealized()).isEqualByComparingTo("200");
  }

  @Test
  void aSettlementClosesThePositionAtItsEntrySoTheSpotTradeCarriesTheUnits() {
    PositionFill settle =
        new PositionFill(
            PositionFill.idOf("T2"),
            hour(5),
            XBTUSD,
            Side.BUY,
            new BigDecimal("0.2"),
            new BigDecimal("61000"),
            2,
            "T1",
            true,
            Amount.of("USD", "0"),
            "manual");
    Books books = fold(List.of(fill("T1", 0, Side.BUY, "0.2", "60000", "T1"), settle));

    MarginAccount account = books.state().marginAccounts().get(0);
    MarginPosition position = account.position(XBTUSD);
    assertThat(position.isFlat()).isTrue();
    // Closed at the entry price, 60,000, whatever the settling fill's price: no price PnL.
    assertThat(account.trades().get(0).exitPrice())
        .hasValueSatisfying(exit -> assertThat(exit).isEqualByComparingTo("60000"));
    assertThat(account.trades().get(0).realizedPnl()).isEqualByComparingTo("0");
  }

  @Test
  void aFillTheModelRefusesIsAnIssueAndMovesNothing() {
    PositionFill settleNothing =
        new PositionFill(
            PositionFill.idOf("T9"),
            hour(1),
            XBTUSD,
            Side.SELL,
            new BigDecimal("0.1"),
            new BigDecimal("60000"),
            2,
            "T8",
            true,
            Amount.of("USD", "0"),
            "manual");

    BookState state = fold(List.of(settleNothing)).state();

    assertThat(state.issues())
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.kind()).isEqualTo(IssueKind.MARGIN_POSITION);
              assertThat(issue.detail())
                  .isEqualTo(
                      "margin fill of position T8 not applied: settles a XBT/USD position that"
                          + " is not open");
            });
  }
}
