package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.money.Price;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ACCOUNTING.md §6, identity 2: "A full disposal leaves cost basis exactly 0." (§3: "Disposing of
 * the whole holding removes exactly totalCost.") Exactly: no dust of cost survives the rounding of
 * earlier partial disposals.
 */
class FullDisposalIdentityTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void disposingOfAWholeHoldingLeavesNoCost(long seed) {
    Asset asset = HistoryGenerator.ASSETS.get(1 + (int) Math.floorMod(seed, 6L));
    GeneratedHistory history = HistoryGenerator.generateClosing(seed, Seeds.events(seed), asset);

    for (CostBasisMethod method : CostBasisMethod.values()) {
      BookState books = replay(history, method);

      Holding holding = books.holdings().get(asset);
      assertThat(holding.quantity()).as("seed %d, %s, %s quantity", seed, method, asset).isZero();
      assertThat(holding.cost()).as("seed %d, %s, %s cost", seed, method, asset).isZero();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void aFlatHistoryLeavesNoCostInAnyAsset(long seed) {
    GeneratedHistory history = HistoryGenerator.generateFlat(seed, Seeds.events(seed));

    for (CostBasisMethod method : CostBasisMethod.values()) {
      BookState books = replay(history, method);

      for (Holding holding : books.holdings().values()) {
        if (holding.asset().equals(Asset.USD)) {
          // The base currency costs 1 per unit.
          assertThat(holding.cost()).isEqualByComparingTo(holding.quantity());
        } else {
          assertThat(holding.quantity()).as("seed %d, %s, %s", seed, method, holding).isZero();
          assertThat(holding.cost()).as("seed %d, %s, %s", seed, method, holding).isZero();
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void everyHoldingThatReachesZeroHasNoCostLeft(long seed) {
    // Generated histories sell or withdraw whole holdings now and then, and spend all KFEE.
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));

    for (CostBasisMethod method : CostBasisMethod.values()) {
      Books books = new Books(BookConfig.defaults().withMethod(method), history.prices());
      for (LedgerEvent event : history.events()) {
        books.apply(event);
        for (Holding holding : books.state().holdings().values()) {
          if (holding.quantity().signum() == 0) {
            assertThat(holding.cost())
                .as("seed %d, %s, %s after %s", seed, method, holding.asset(), event.id())
                .isZero();
          }
        }
      }
    }
  }

  @Test
  void withdrawingEverythingAfterThreeDepositsReleasesAllCostUnderWac() {
    Books books = new Books(BookConfig.defaults(), xbtPrices("10000", "20000", "30001", "30001"));
    deposit(books, 1, "1");
    deposit(books, 2, "1");
    deposit(books, 3, "1");
    // 10000 + 20000 + 30001
    assertThat(cost(books)).isEqualByComparingTo("60001");

    withdraw(books, 4, "1");
    // released 60001 × 1/3 = 20000.333333333… → 20000.33333333; left 40000.66666667
    assertThat(cost(books)).isEqualByComparingTo("40000.66666667");

    withdraw(books, 5, "1");
    // released 40000.66666667 × 1/2 = 20000.333333335 → HALF_EVEN 20000.33333334
    assertThat(cost(books)).isEqualByComparingTo("20000.33333333");

    withdraw(books, 6, "1");
    // the whole holding releases exactly what is left: 20000.33333333
    assertThat(cost(books)).isZero();
    assertThat(books.state().quantity(Asset.XBT)).isZero();
    // proceeds 3 × 30001 = 90003, cost 60001
    assertThat(books.state().realized(PnlKind.TRANSFER)).isEqualByComparingTo("30002");
  }

  @Test
  void withdrawingEverythingAfterThreeDepositsReleasesAllCostUnderFifo() {
    Books books =
        new Books(
            BookConfig.defaults().withMethod(CostBasisMethod.FIFO),
            xbtPrices("10000", "20000", "30001", "30001"));
    deposit(books, 1, "1");
    deposit(books, 2, "1");
    deposit(books, 3, "1");

    withdraw(books, 4, "1");
    // the first lot: 10000; left 20000 + 30001
    assertThat(cost(books)).isEqualByComparingTo("50001");

    withdraw(books, 5, "0.3");
    // 0.3 of the second lot: 20000 × 0.3 = 6000; left 14000 + 30001
    assertThat(cost(books)).isEqualByComparingTo("44001");

    withdraw(books, 6, "1.7");
    assertThat(cost(books)).isZero();
    assertThat(books.state().quantity(Asset.XBT)).isZero();
  }

  @ParameterizedTest
  @EnumSource(CostBasisMethod.class)
  void aFeeLegThatTakesTheLastUnitsReleasesAllCost(CostBasisMethod method) {
    Books books =
        new Books(BookConfig.defaults().withMethod(method), xbtPrices("40000", "41000", "43000"));
    deposit(books, 1, "0.1");
    deposit(books, 2, "0.2");
    // 0.1 × 40000 + 0.2 × 41000
    assertThat(cost(books)).isEqualByComparingTo("12200");

    // Sell 0.2999 XBT for USD and pay the last 0.0001 XBT as the fee.
    books.apply(
        new Trade(
            EventId.of("S1"),
            T0.plusSeconds(3),
            TradeKind.ORDER_BOOK,
            new Pair(Asset.XBT, Asset.USD),
            List.of(Amount.of("XBT", "0.2999")),
            List.of(Amount.of("USD", "12895.7")),
            List.of(Amount.of("XBT", "0.0001")),
            Trade.MANUAL));

    assertThat(books.state().quantity(Asset.XBT)).isZero();
    assertThat(cost(books)).isZero();
    // The fee is worth 0.0001 × 12895.7 / 0.2999 = 4.3 at the trade's own price; its leg gains
    // 4.3 − the cost it releases and expenses 4.3. With every unit gone all 12200 of cost is
    // released, so realized = 12895.7 − 12200 = 695.7 (WAC: 699.76666667 − 4.06666667; FIFO:
    // 699.8 − 4.1).
    assertThat(books.state().realized(PnlKind.TRADE)).isEqualByComparingTo("695.7");
  }

  private static BookState replay(GeneratedHistory history, CostBasisMethod method) {
    return Books.replay(
        BookConfig.defaults().withMethod(method), history.prices(), history.events());
  }

  private static PriceTable xbtPrices(String... prices) {
    Price[] points = new Price[prices.length];
    for (int i = 0; i < prices.length; i++) {
      points[i] = new Price(Asset.XBT, new BigDecimal(prices[i]), T0.plusSeconds(i + 1), "test");
    }
    return PriceTable.of(List.of(points));
  }

  private static void deposit(Books books, int second, String quantity) {
    books.apply(
        new CashFlow(
            EventId.of("D" + second),
            T0.plusSeconds(second),
            FlowKind.DEPOSIT,
            Amount.of("XBT", quantity),
            Amount.zero(Asset.XBT)));
  }

  private static void withdraw(Books books, int second, String quantity) {
    books.apply(
        new CashFlow(
            EventId.of("W" + second),
            T0.plusSeconds(second),
            FlowKind.WITHDRAWAL,
            Amount.of("XBT", quantity).negated(),
            Amount.zero(Asset.XBT)));
  }

  private static BigDecimal cost(Books books) {
    return books.state().holdings().get(Asset.XBT).cost();
  }
}
