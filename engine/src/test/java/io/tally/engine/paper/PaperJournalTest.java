package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.T0;
import static io.tally.engine.paper.PaperFixtures.XBT;
import static io.tally.engine.paper.PaperFixtures.bd;
import static io.tally.engine.paper.PaperFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Side;
import io.tally.margin.MarginAccount;
import io.tally.margin.MarginEvent;
import io.tally.margin.MarginPosition;
import io.tally.margin.TradeLifecycle;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.valuation.PortfolioValuation;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A paper account's events written as ledger entries ({@link PaperJournal}): the books fold them
 * into the paper account's own figures, and they read back into exactly the events written, so an
 * account resumed from them is the account that wrote them. Property tests over the seeded random
 * sessions of {@link PaperAccountPropertyTest}; a worked example with its arithmetic.
 */
class PaperJournalTest {

  private static final Asset USDT = Asset.of("USDT");

  /**
   * The ledger entries of the whole log, in order, through the text the store keeps: what the
   * account made as it applied its events (never taken before here).
   */
  private static List<LedgerEvent> written(PaperAccount account) {
    List<LedgerEvent> entries = new ArrayList<>();
    for (LedgerEvent entry : account.takeLedgerEntries()) {
      entries.add(EventText.parse(EventText.format(entry)));
    }
    return entries;
  }

  /** The books of {@code entries}, in the account's currency. */
  private static BookState fold(List<LedgerEvent> entries) {
    Books books = new Books(BookConfig.defaults().withBase(USDT), PriceTable.of(List.of()));
    entries.forEach(books::apply);
    return books.state();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void theBooksOfTheEntriesAreThePaperAccountsOwnFigures(long seed) {
    PaperAccount account = PaperAccountPropertyTest.run(seed).account();
    ScriptedMarket market = PaperAccountPropertyTest.market(seed);
    Instant now = account.now();
    BookState books = fold(written(account));
    List<Price> marks = new ArrayList<>();
    for (MarginPosition position : account.account().openPositions()) {
      marks.add(
          new Price(
              position.pair().base(),
              market.quote(position.pair(), now).orElseThrow().last(),
              now,
              "test"));
    }
    PortfolioValuation valuation =
        Valuation.of(books, PriceTable.of(marks), now, Duration.ofDays(1));

    // Equity: the books' USDT (deposit + realized − fees ∓ funding) plus the positions'
    // unrealized PnL at the market's last prices, exactly the paper account's.
    assertThat(valuation.equity())
        .as("seed %d: equity", seed)
        .isEqualByComparingTo(account.summary().equity());
    assertThat(books.holdings().get(USDT).quantity())
        .as("seed %d: collateral", seed)
        .isEqualByComparingTo(account.account().collateral());
    // Every trade cycle, with its fees, funding and realized PnL.
    List<TradeLifecycle> paper = account.account().trades();
    List<TradeLifecycle> booked =
        books.marginAccounts().isEmpty() ? List.of() : books.marginAccounts().get(0).trades();
    assertThat(booked).as("seed %d: trades", seed).hasSameSizeAs(paper);
    for (int i = 0; i < paper.size(); i++) {
      TradeLifecycle expected = paper.get(i);
      TradeLifecycle actual = booked.get(i);
      assertThat(actual.id().value()).isEqualTo(expected.id().value() + ":fill");
      assertThat(actual.status()).isEqualTo(expected.status());
      assertThat(actual.realizedPnl()).isEqualByComparingTo(expected.realizedPnl());
      assertThat(actual.feesPaid()).isEqualByComparingTo(expected.feesPaid());
      assertThat(actual.fundingPaid()).isEqualByComparingTo(expected.fundingPaid());
      assertThat(actual.quantity()).isEqualByComparingTo(expected.quantity());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void theEntriesReadBackIntoTheEventsAndResumeTheSameAccount(long seed) {
    PaperAccount account = PaperAccountPropertyTest.run(seed).account();

    List<MarginEvent> read = PaperJournal.events(written(account));
    assertThat(account.takeLedgerEntries()).as("each event's entries are taken once").isEmpty();

    assertThat(read).as("seed %d", seed).isEqualTo(account.events());
    PaperAccount resumed =
        PaperAccount.resume(
            account.terms(),
            PaperAccountPropertyTest.market(seed),
            read,
            account.lastOrderNumber(),
            account.now());
    assertThat(resumed.account()).as("seed %d", seed).isEqualTo(account.account());
    assertThat(resumed.summary()).as("seed %d", seed).isEqualTo(account.summary());
    assertThat(resumed.lastOrderNumber()).isEqualTo(account.lastOrderNumber());
    assertThat(resumed.takeLedgerEntries()).as("in the store already").isEmpty();
  }

  @Test
  void aLeveragedLongClosedAtAProfitIsAMarginRowAndAPositionFillEach() {
    ScriptedMarket market =
        new ScriptedMarket().price(XBT, T0, bd("60000")).price(XBT, hours(1), bd("60500"));
    PaperAccount account = PaperAccount.open(PaperFixtures.noSlippage(), market, T0);
    account.placeOrder(OrderRequest.market(XBT, Side.BUY, bd("0.1")).withLeverage(2));
    account.advanceTo(hours(1));
    account.placeOrder(OrderRequest.market(XBT, Side.SELL, bd("0.1")).withLeverage(2));

    List<LedgerEvent> entries = written(account);
    List<String> lines = entries.stream().map(EventText::format).toList();

    // Fees at the 0.40 % taker rate: 0.1 × 60,000 × 0.004 = 24; 0.1 × 60,500 × 0.004 = 24.2.
    // The close realizes 0.1 × (60,500 − 60,000) = 50.
    assertThat(lines)
        .containsExactly(
            "2026-03-02T00:00:00Z demo-D1 flow kind=DEPOSIT amount=USDT:10000 fee=USDT:0",
            "2026-03-02T00:00:00Z demo-T1 margin amount=USDT:0 fee=USDT:24",
            "2026-03-02T00:00:00Z demo-T1:fill position pair=XBT/USDT side=BUY volume=0.1"
                + " price=60000 leverage=2 position=demo-T1 settles=false fee=USDT:24"
                + " strategy=manual",
            "2026-03-02T01:00:00Z demo-T2 margin amount=USDT:50 fee=USDT:24.2",
            "2026-03-02T01:00:00Z demo-T2:fill position pair=XBT/USDT side=SELL volume=0.1"
                + " price=60500 leverage=2 position=demo-T1 settles=false fee=USDT:24.2"
                + " strategy=manual");
    // 10,000 + 50 − 24 − 24.2 = 10,001.8, in the books as in the account.
    BookState books = fold(entries);
    assertThat(books.holdings().get(Asset.of("USDT")).quantity()).isEqualByComparingTo("10001.8");
    MarginAccount paper = account.account();
    assertThat(paper.collateral()).isEqualByComparingTo("10001.8");
    assertThat(books.marginAccounts().get(0).closedTrades().get(0).closedLine())
        .contains("fee_paid=48.2", "realized_pnl=50");
  }

  @Test
  void aLedgerThatIsNotAPaperAccountsIsRefusedNamingTheEvent() {
    LedgerEvent trade =
        EventText.parse(
            "2024-01-01T00:00:00Z T1 trade kind=ORDER_BOOK pair=XBT/USD sold=USD:40000"
                + " bought=XBT:1 fees=USD:10 strategy=manual");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> PaperJournal.events(List.of(trade)))
        .withMessageContaining("event T1 is not one a paper account writes");
  }
}
