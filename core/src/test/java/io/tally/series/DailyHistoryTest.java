package io.tally.series;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.PnlKind;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.metrics.FlowPoint;
import io.tally.metrics.Returns;
import io.tally.metrics.TradeCycle;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import io.tally.valuation.PriceTable;
import io.tally.valuation.Valuation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DailyHistoryTest {

  private static final Asset XBT = Asset.of("XBT");
  private static final Pair XBTUSD = new Pair(XBT, Asset.USD);
  private static final Instant DAY1 = Instant.parse("2025-03-01T00:00:00Z");

  private static Instant at(int day, int hour) {
    return DAY1.plus(Duration.ofDays(day - 1)).plus(Duration.ofHours(hour));
  }

  private static CashFlow flow(String id, Instant at, FlowKind kind, String amount) {
    return new CashFlow(EventId.of(id), at, kind, Amount.parse(amount), Amount.parse("USD 0"));
  }

  private static Trade trade(String id, Instant at, String sold, String bought, String fee) {
    return new Trade(
        EventId.of(id),
        at,
        TradeKind.ORDER_BOOK,
        XBTUSD,
        List.of(Amount.parse(sold)),
        List.of(Amount.parse(bought)),
        fee.isEmpty() ? List.of() : List.of(Amount.parse(fee)),
        "bot");
  }

  private static Price xbt(Instant at, String value) {
    return new Price(XBT, new BigDecimal(value), at, "test");
  }

  @Test
  void aDepositMidPeriodIsAFlowNotAReturn() {
    // Day 1: deposit 10,000 USD, buy 0.25 XBT for 10,000 at 40,000; XBT closes at 42,000:
    //   equity 0.25 × 42,000 = 10,500, return 10,500 / 10,000 − 1 = 5 %.
    // Day 2, 12:00: XBT at 44,000, so the books are worth 0.25 × 44,000 = 11,000 just before a
    //   5,000 USD deposit; XBT closes day 2 at 44,000: equity 11,000 + 5,000 = 16,000.
    //   Split at the deposit: (11,000 / 10,500) × (16,000 / 16,000) − 1 = 4.7619…%
    // TWR over both days: 1.05 × 1.047619… − 1 = 10 %, exactly what 0.25 XBT did (40k → 44k).
    List<LedgerEvent> events =
        List.of(
            flow("D1", at(1, 9), FlowKind.DEPOSIT, "USD 10000"),
            trade("T1", at(1, 10), "USD 10000", "XBT 0.25", ""),
            flow("D2", at(2, 12), FlowKind.DEPOSIT, "USD 5000"));
    PriceTable prices =
        PriceTable.of(
            List.of(xbt(at(1, 10), "40000"), xbt(at(1, 23), "42000"), xbt(at(2, 11), "44000")));

    DailyHistory history =
        DailyHistory.of(
            BookConfig.defaults(), prices, events, HistorySettings.defaults(), at(2, 23));

    assertThat(history.days()).hasSize(2);
    DayEnd first = history.days().get(0);
    DayEnd second = history.days().get(1);
    assertThat(first.date()).isEqualTo(LocalDate.parse("2025-03-01"));
    assertThat(first.closedAt()).isEqualTo(at(2, 0));
    assertThat(first.equity()).isEqualByComparingTo("10500");
    assertThat(first.inflow()).isEqualByComparingTo("10000");
    assertThat(first.flows())
        .containsExactly(
            new FlowPoint(
                at(1, 9), first.flows().get(0).valueBefore(), first.flows().get(0).amount()));
    assertThat(first.flows().get(0).valueBefore()).isEqualByComparingTo("0");
    assertThat(second.equity()).isEqualByComparingTo("16000");
    assertThat(second.cash()).isEqualByComparingTo("5000");
    assertThat(second.flows().get(0).valueBefore()).isEqualByComparingTo("11000");
    assertThat(second.netFlow()).isEqualByComparingTo("5000");
    assertThat(second.holdings()).containsEntry(XBT, new BigDecimal("0.25"));

    Returns returns = Returns.of(history.dailyValues());
    assertThat(returns.twr()).isEqualByComparingTo("0.1");
  }

  @Test
  void aWithdrawalIsNotALossAndItsFeeIsACost() {
    // Day 1: deposit 1 XBT at 40,000. Day 2: withdraw 0.5 XBT paying 0.001 XBT, price unchanged.
    //   Before: 40,000; the flow is −0.5 × 40,000 = −20,000; after it 20,000 − 0.001 × 40,000 =
    //   19,960 remains. Day return: (40,000 / 40,000) × (19,960 / 20,000) − 1 = −0.2 %: the fee.
    List<LedgerEvent> events =
        List.of(
            new CashFlow(
                EventId.of("D1"),
                at(1, 1),
                FlowKind.DEPOSIT,
                Amount.parse("XBT 1"),
                Amount.parse("XBT 0")),
            new CashFlow(
                EventId.of("W1"),
                at(2, 1),
                FlowKind.WITHDRAWAL,
                Amount.parse("XBT -0.5"),
                Amount.parse("XBT 0.001")));
    PriceTable prices = PriceTable.of(List.of(xbt(at(1, 0), "40000")));

    DailyHistory history =
        DailyHistory.of(
            BookConfig.defaults(), prices, events, HistorySettings.defaults(), at(2, 23));

    DayEnd second = history.days().get(1);
    assertThat(second.outflow()).isEqualByComparingTo("20000");
    assertThat(second.equity()).isEqualByComparingTo("19960");
    Returns returns = Returns.of(history.dailyValues());
    assertThat(returns.daily().get(returns.daily().size() - 1).value())
        .isEqualByComparingTo("-0.002");
  }

  @Test
  void aRoundTripIsOneCycleWithItsFeesAndDaysFollowTheReportingZone() {
    // Buy 0.5 XBT for 20,000 (fee 10), sell it for 22,000 (fee 11): net 22,000 − 20,000 − 10 −
    // 11 = 1,979 (the buy's fee is realized as a cost when paid), fees 21.
    // In New York (UTC−5 in March), 2025-03-01T03:00Z is still 2025-02-28.
    List<LedgerEvent> events =
        List.of(
            flow("D1", at(1, 3), FlowKind.DEPOSIT, "USD 20010"),
            trade("T1", at(1, 4), "USD 20000", "XBT 0.5", "USD 10"),
            trade("T2", at(3, 4), "XBT 0.5", "USD 22000", "USD 11"));
    PriceTable prices = PriceTable.of(List.of(xbt(at(1, 4), "40000"), xbt(at(3, 4), "44000")));

    DailyHistory history =
        DailyHistory.of(
            BookConfig.defaults(),
            prices,
            events,
            new HistorySettings(ZoneId.of("America/New_York"), false),
            at(3, 12));

    assertThat(history.days().get(0).date()).isEqualTo(LocalDate.parse("2025-02-28"));
    assertThat(history.days()).hasSize(4);
    assertThat(history.cycles())
        .containsExactly(
            new TradeCycle(
                XBTUSD,
                at(1, 4),
                at(3, 4),
                history.cycles().get(0).netPnl(),
                history.cycles().get(0).fees()));
    assertThat(history.cycles().get(0).netPnl()).isEqualByComparingTo("1979");
    assertThat(history.cycles().get(0).fees()).isEqualByComparingTo("21");
    // The bot's two trades made the same 1,979 after 21 of fees; by asset, XBT realized
    // 22,000 − 20,000 = 2,000 on its two trades, and USD paid (and realized as costs) the 21.
    DayEnd last = history.days().get(history.days().size() - 1);
    Attribution bot = last.byStrategy().get("bot");
    assertThat(bot.realized()).isEqualByComparingTo("1979");
    assertThat(bot.fees()).isEqualByComparingTo("21");
    assertThat(bot.trades()).isEqualTo(2);
    assertThat(last.byAsset().get(XBT).realized()).isEqualByComparingTo("2000");
    assertThat(last.byAsset().get(XBT).trades()).isEqualTo(2);
    assertThat(last.byAsset().get(Asset.USD).fees()).isEqualByComparingTo("21");
  }

  /**
   * Property over seeded random histories: the last day equals the live books valued at the same
   * moment, and the days' net flows add up to the books' deposits, withdrawals and adjustments
   * (rewards are income by default).
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void theLastDayIsTheLiveBooksAndTheFlowsAddUp(long seed) {
    GeneratedHistory generated = HistoryGenerator.generate(seed, Seeds.events(seed));
    Instant until = generated.end();
    DailyHistory history =
        DailyHistory.of(
            BookConfig.defaults(),
            generated.prices(),
            generated.events(),
            HistorySettings.defaults(),
            until);

    BookState books = Books.replay(BookConfig.defaults(), generated.prices(), generated.events());
    DayEnd last = history.days().get(history.days().size() - 1);
    assertThat(last.equity())
        .as("seed %d", seed)
        .isEqualTo(Valuation.of(books, generated.prices(), until, Duration.ofDays(1)).equity());
    assertThat(last.realized()).as("seed %d", seed).isEqualTo(books.realizedTotal());
    assertThat(last.fees()).as("seed %d", seed).isEqualByComparingTo(books.fees().total());
    assertThat(last.unrealized())
        .as("seed %d", seed)
        .isEqualByComparingTo(
            Valuation.of(books, generated.prices(), until, Duration.ofDays(1)).unrealized());
    assertThat(
            last.byStrategy().values().stream()
                .map(Attribution::realized)
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .as("seed %d: the strategies' realized PnL is the trading PnL", seed)
        .isEqualByComparingTo(books.realized(PnlKind.TRADE));
    assertThat(
            last.byAsset().values().stream()
                .map(Attribution::realized)
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .as("seed %d: the assets' realized PnL is every realized PnL", seed)
        .isEqualByComparingTo(books.realizedTotal());
    assertThat(
            last.byAsset().values().stream()
                .map(Attribution::unrealized)
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .as("seed %d: the assets' unrealized PnL is the books'", seed)
        .isEqualByComparingTo(last.unrealized());
    BigDecimal flows = BigDecimal.ZERO;
    List<LocalDate> dates = new ArrayList<>();
    for (DayEnd day : history.days()) {
      flows = flows.add(day.netFlow());
      dates.add(day.date());
    }
    assertThat(flows)
        .as("seed %d", seed)
        .isEqualByComparingTo(
            books
                .flows()
                .deposits()
                .subtract(books.flows().withdrawals())
                .add(books.flows().adjustments()));
    for (int i = 1; i < dates.size(); i++) {
      assertThat(dates.get(i))
          .as("seed %d: every calendar day", seed)
          .isEqualTo(dates.get(i - 1).plusDays(1));
    }
  }
}
