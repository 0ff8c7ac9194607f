package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.testing.Seeds;
import io.tally.valuation.PriceTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STYLE.md, property tests: "released plus remaining cost equals cost paid, exactly", for both cost
 * pools (ACCOUNTING.md §3: WAC releases {@code totalCost × q / quantity}, FIFO the oldest lots
 * first), over random acquisitions and partial or full releases.
 */
class CostPoolConservationTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  static Stream<Arguments> methodsAndSeeds() {
    return Seeds.seeds()
        .flatMap(
            seed -> Stream.of(CostBasisMethod.values()).map(method -> Arguments.of(method, seed)));
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("methodsAndSeeds")
  void releasedPlusRemainingCostEqualsCostPaid(CostBasisMethod method, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    CostPool pool = CostPool.create(method);
    BigDecimal paid = BigDecimal.ZERO;
    BigDecimal released = BigDecimal.ZERO;
    BigDecimal quantity = BigDecimal.ZERO;

    int operations = 1 + random.nextInt(200);
    for (int k = 0; k < operations; k++) {
      boolean acquire = quantity.signum() == 0 || random.nextInt(5) < 3;
      if (acquire) {
        BigDecimal units = BigDecimal.valueOf(random.nextLong(1, 10_000_000_000L), 8);
        BigDecimal cost =
            random.nextInt(20) == 0
                ? BigDecimal.ZERO.setScale(8) // an airdrop at no price
                : BigDecimal.valueOf(random.nextLong(1, 100_000_000_000_000L), 8);
        pool.acquire(units, cost);
        paid = paid.add(cost);
        quantity = quantity.add(units);
      } else {
        BigDecimal units =
            random.nextInt(6) == 0
                ? quantity
                : quantity
                    .multiply(BigDecimal.valueOf(random.nextInt(1, 1000), 3))
                    .setScale(8, RoundingMode.DOWN);
        if (units.signum() == 0) {
          continue;
        }
        released = released.add(pool.release(units));
        quantity = quantity.subtract(units);
      }
      assertThat(pool.quantity())
          .as("seed %d, %s, step %d", seed, method, k)
          .isEqualByComparingTo(quantity);
      assertThat(released.add(pool.cost()))
          .as("seed %d, %s, step %d: released + remaining vs paid", seed, method, k)
          .isEqualByComparingTo(paid);
      assertThat(pool.cost().signum()).as("seed %d, %s, step %d", seed, method, k).isNotNegative();
    }

    released = released.add(pool.release(pool.quantity()));
    assertThat(pool.cost()).as("seed %d, %s: cost after releasing all", seed, method).isZero();
    assertThat(released).as("seed %d, %s: all released", seed, method).isEqualByComparingTo(paid);
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("methodsAndSeeds")
  void booksConserveTheCostOfASingleAsset(CostBasisMethod method, long seed) {
    // Deposits pay cost in; withdrawals (and their fees) release it, realizing value − released
    // as transfer PnL. So released = withdrawals − transfer PnL, and what deposits paid is what
    // was released plus what is still held.
    SplittableRandom random = new SplittableRandom(seed);
    List<Price> prices = new ArrayList<>();
    List<LedgerEvent> events = new ArrayList<>();
    long held = 0;
    double price = 20_000 + random.nextDouble() * 40_000;
    int count = 1 + random.nextInt(150);
    for (int k = 0; k < count; k++) {
      Instant at = T0.plusSeconds(60L * k);
      price *= 1 + (random.nextDouble() - 0.5) * 0.05;
      prices.add(new Price(Asset.XBT, BigDecimal.valueOf(Math.round(price * 10), 1), at, "test"));
      EventId id = EventId.of(String.format("X%04d", k));
      if (held == 0 || random.nextInt(5) < 3) {
        long units = random.nextLong(1, 300_000_000L);
        events.add(new CashFlow(id, at, FlowKind.DEPOSIT, xbt(units), xbt(0)));
        held += units;
      } else {
        long fee = random.nextBoolean() ? Math.min(held, random.nextLong(1, 50_000L)) : 0;
        long units =
            random.nextInt(5) == 0 ? held - fee : (long) ((held - fee) * random.nextDouble());
        if (units == 0) {
          continue;
        }
        events.add(new CashFlow(id, at, FlowKind.WITHDRAWAL, xbt(-units), xbt(fee)));
        held -= units + fee;
      }
    }

    Books books = new Books(BookConfig.defaults().withMethod(method), PriceTable.of(prices));
    for (LedgerEvent event : events) {
      books.apply(event);
      BookState state = books.state();
      BigDecimal releasedCost =
          state.flows().withdrawals().subtract(state.realized(PnlKind.TRANSFER));
      assertThat(releasedCost.add(state.holdings().get(Asset.XBT).cost()))
          .as("seed %d, %s, after %s: released + remaining vs paid", seed, method, event.id())
          .isEqualByComparingTo(state.flows().deposits());
      if (state.quantity(Asset.XBT).signum() == 0) {
        assertThat(state.holdings().get(Asset.XBT).cost()).isZero();
      }
    }
  }

  private static Amount xbt(long units) {
    return new Amount(Asset.XBT, BigDecimal.valueOf(units, 8));
  }
}
