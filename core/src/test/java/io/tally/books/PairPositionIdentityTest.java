package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.EventId;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.testing.BookFigures;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import io.tally.valuation.PriceSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pair positions add up to the asset books (docs/ACCOUNTING-DECISIONS.md, pair positions; issue
 * 15): after every event of a random history, for every asset, Σ base sizes of the positions on its
 * pairs ≤ the holding, no size or cost is negative, and {@link BookState#nonPairHoldings()} is the
 * difference. In histories where every unit of XBT and ETH was bought through a pair (trades only,
 * no deposits or rewards), Σ equals the holding exactly. For both cost basis methods.
 */
class PairPositionIdentityTest {

  private static final Asset USD = Asset.USD;
  private static final Asset EUR = Asset.of("EUR");
  private static final Asset XBT = Asset.XBT;
  private static final Asset ETH = Asset.of("ETH");
  private static final Pair XBTUSD = new Pair(XBT, USD);
  private static final Pair XBTEUR = new Pair(XBT, EUR);
  private static final Pair ETHXBT = new Pair(ETH, XBT);
  private static final Pair ETHUSD = new Pair(ETH, USD);
  private static final int SCALE = 8;

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void positionsNeverHoldMoreThanTheHolding(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    for (CostBasisMethod method : CostBasisMethod.values()) {
      Books books = new Books(BookConfig.defaults().withMethod(method), history.prices());
      int applied = 0;
      for (LedgerEvent event : history.events()) {
        books.apply(event);
        applied++;
        assertPositionsWithinHoldings(books, false, seed, method, applied);
      }
      assertRemainderIsTheDifference(books.state(), seed, method);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void positionsAddUpExactlyWhenEveryUnitWasBoughtThroughAPair(long seed) {
    List<LedgerEvent> events = tradesOnly(seed, Seeds.events(seed));
    for (CostBasisMethod method : CostBasisMethod.values()) {
      Books books = new Books(BookConfig.defaults().withMethod(method), PriceSource.NONE);
      int applied = 0;
      for (LedgerEvent event : events) {
        books.apply(event);
        applied++;
        assertPositionsWithinHoldings(books, true, seed, method, applied);
      }
      BookState state = books.state();
      assertRemainderIsTheDifference(state, seed, method);
      assertThat(state.nonPairHoldings())
          .as("seed %d, %s: no XBT or ETH outside the pairs", seed, method)
          .doesNotContainKeys(XBT, ETH);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void tradeOnlyHistoriesReplayInStepsAndFromCheckpoints(long seed) {
    List<LedgerEvent> events = tradesOnly(seed, Seeds.events(seed));
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (CostBasisMethod method : CostBasisMethod.values()) {
      BookConfig config = BookConfig.defaults().withMethod(method);
      BookState fromScratch = Books.replay(config, PriceSource.NONE, events);

      Books stepped = new Books(config, PriceSource.NONE);
      Books resumed = new Books(config, PriceSource.NONE);
      int applied = 0;
      while (applied < events.size()) {
        int end = Math.min(events.size(), applied + 1 + random.nextInt(1 + events.size() / 4));
        events.subList(applied, end).forEach(stepped::apply);
        events.subList(applied, end).forEach(resumed::apply);
        applied = end;
        resumed = Books.resume(config, PriceSource.NONE, resumed.checkpoint());
      }
      String description = "seed " + seed + ", " + method;
      BookFigures.assertIdentical(stepped.state(), fromScratch, description + ", in steps");
      BookFigures.assertIdentical(resumed.state(), fromScratch, description + ", resumed");
    }
  }

  /** Checks the fold's own figures, so it can run after every event without building a state. */
  private static void assertPositionsWithinHoldings(
      Books books, boolean exact, long seed, CostBasisMethod method, int applied) {
    Map<Asset, BigDecimal> sizes = new HashMap<>();
    books.pairs.forEach(
        (pair, book) -> {
          String what = "seed " + seed + ", " + method + ", event " + applied + ", " + pair;
          assertThat(book.size.signum()).as(what + " size " + book.size).isNotNegative();
          assertThat(book.costBase.signum()).as(what + " cost " + book.costBase).isNotNegative();
          assertThat(book.costQuote.signum()).as(what + " quote cost").isNotNegative();
          sizes.merge(pair.base(), book.size, BigDecimal::add);
        });
    sizes.forEach(
        (asset, total) -> {
          BigDecimal held =
              books.pools.containsKey(asset) ? books.pools.get(asset).quantity() : null;
          String what = "seed " + seed + ", " + method + ", event " + applied + ", " + asset;
          assertThat(held).as(what + " has positions but no pool").isNotNull();
          assertThat(total).as(what + ": Σ pair sizes ≤ holding " + held).isLessThanOrEqualTo(held);
          if (exact && (asset.equals(XBT) || asset.equals(ETH))) {
            assertThat(total).as(what + ": Σ pair sizes = holding").isEqualByComparingTo(held);
          }
        });
  }

  private static void assertRemainderIsTheDifference(
      BookState state, long seed, CostBasisMethod method) {
    Map<Asset, BigDecimal> expected = new HashMap<>();
    state.holdings().forEach((asset, holding) -> expected.put(asset, holding.quantity()));
    for (PairPosition position : state.positions()) {
      expected.merge(position.pair().base(), position.baseSize().negate(), BigDecimal::add);
    }
    expected.forEach(
        (asset, left) -> {
          String what = "seed " + seed + ", " + method + ", " + asset;
          assertThat(left.signum()).as(what + " remainder " + left).isNotNegative();
          if (left.signum() == 0) {
            assertThat(state.nonPairHoldings()).as(what).doesNotContainKey(asset);
          } else {
            assertThat(state.nonPairHoldings().get(asset)).as(what).isEqualByComparingTo(left);
          }
        });
    assertThat(expected.keySet()).containsAll(state.nonPairHoldings().keySet());
  }

  /**
   * A history of trades alone in which XBT is only ever acquired as the base of XBTUSD or XBTEUR
   * and ETH as the base of ETHXBT or ETHUSD. XBT leaves by sales on its pairs, by being spent on
   * ETHXBT and by fees; ETH by sales on ETHUSD and fees. Nothing is disposed of beyond its holding
   * (USD and EUR, never held, are acquired by the books as missing acquisitions; they are no pair's
   * base). Quantities have 8 decimals.
   */
  static List<LedgerEvent> tradesOnly(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    Instant at = HistoryGenerator.START;
    BigDecimal xbt = BigDecimal.ZERO;
    BigDecimal eth = BigDecimal.ZERO;
    List<LedgerEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      at = at.plusSeconds(1 + random.nextInt(7_200));
      int kind = random.nextInt(7);
      Pair pair;
      List<Amount> sold;
      List<Amount> bought;
      if (kind <= 1 || (kind <= 3 && xbt.signum() == 0)) {
        pair = random.nextBoolean() ? XBTUSD : XBTEUR;
        BigDecimal q = units(random, 200_000_000L);
        sold = List.of(new Amount(pair.quote(), q.multiply(BigDecimal.valueOf(40_000))));
        bought = List.of(new Amount(XBT, q));
        xbt = xbt.add(q);
      } else if (kind <= 3) {
        pair = random.nextBoolean() ? XBTUSD : XBTEUR;
        BigDecimal q = upTo(random, xbt);
        sold = List.of(new Amount(XBT, q));
        bought = List.of(new Amount(pair.quote(), q.multiply(BigDecimal.valueOf(41_000))));
        xbt = xbt.subtract(q);
      } else if (kind == 4 && xbt.signum() > 0) {
        pair = ETHXBT;
        BigDecimal q = upTo(random, xbt);
        BigDecimal bought0 = units(random, 3_000_000_000L);
        sold = List.of(new Amount(XBT, q));
        bought = List.of(new Amount(ETH, bought0));
        xbt = xbt.subtract(q);
        eth = eth.add(bought0);
      } else if (kind == 5 && eth.signum() > 0) {
        pair = ETHUSD;
        BigDecimal q = upTo(random, eth);
        sold = List.of(new Amount(ETH, q));
        bought = List.of(new Amount(USD, q.multiply(BigDecimal.valueOf(2_500))));
        eth = eth.subtract(q);
      } else {
        pair = ETHUSD;
        BigDecimal q = units(random, 1_000_000_000L);
        sold = List.of(new Amount(USD, q.multiply(BigDecimal.valueOf(2_400))));
        bought = List.of(new Amount(ETH, q));
        eth = eth.add(q);
      }
      List<Amount> fees = new ArrayList<>();
      int fee = random.nextInt(4);
      if (fee == 0 && xbt.signum() > 0) {
        BigDecimal q = upTo(random, xbt.min(new BigDecimal("0.001")));
        fees.add(new Amount(XBT, q));
        xbt = xbt.subtract(q);
      } else if (fee == 1 && eth.signum() > 0) {
        BigDecimal q = upTo(random, eth.min(new BigDecimal("0.01")));
        fees.add(new Amount(ETH, q));
        eth = eth.subtract(q);
      } else if (fee == 2) {
        fees.add(new Amount(USD, units(random, 1_000_000_000L)));
      }
      events.add(
          new Trade(
              EventId.of("T" + i), at, TradeKind.ORDER_BOOK, pair, sold, bought, fees, "manual"));
    }
    return events;
  }

  /** Between 1 and {@code max} units of the 8th decimal. */
  private static BigDecimal units(SplittableRandom random, long max) {
    return BigDecimal.valueOf(1 + random.nextLong(max), SCALE);
  }

  /** Between one unit of the 8th decimal and all of {@code held}; all of it one time in ten. */
  private static BigDecimal upTo(SplittableRandom random, BigDecimal held) {
    long all = held.movePointRight(SCALE).longValueExact();
    if (all <= 1 || random.nextInt(10) == 0) {
      return held;
    }
    return BigDecimal.valueOf(1 + random.nextLong(all), SCALE);
  }
}
