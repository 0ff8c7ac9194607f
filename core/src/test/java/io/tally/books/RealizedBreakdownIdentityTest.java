package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.money.Pair;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ACCOUNTING.md §6, identity 4: "Σ realized PnL by pair = Σ realized trading PnL by asset. Σ by
 * strategy tag = the total." Exact, after every event: each trading result is booked once, under
 * its asset, its pair and its strategy.
 */
class RealizedBreakdownIdentityTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void realizedByPairEqualsTradingPnlByAsset(long seed) {
    for (BookState books : statesAfterEveryEvent(seed)) {
      String at = "seed " + seed + " after " + books.eventCount() + " events";
      BigDecimal trading = books.realized(PnlKind.TRADE);

      assertThat(BookState.sum(books.realizedByPair())).as(at).isEqualByComparingTo(trading);
      assertThat(BookState.sum(books.tradeRealizedByAsset())).as(at).isEqualByComparingTo(trading);
      BigDecimal byPosition = BigDecimal.ZERO;
      for (PairPosition position : books.positions()) {
        byPosition = byPosition.add(position.realized());
      }
      assertThat(byPosition).as("%s: pair positions", at).isEqualByComparingTo(trading);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void realizedByStrategyAddsUpToTradingPnl(long seed) {
    for (BookState books : statesAfterEveryEvent(seed)) {
      assertThat(BookState.sum(books.realizedByStrategy()))
          .as("seed %d after %d events", seed, books.eventCount())
          .isEqualByComparingTo(books.realized(PnlKind.TRADE));
      assertThat(HistoryGenerator.STRATEGIES).containsAll(books.realizedByStrategy().keySet());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void realizedByStrategyAndPairAddsUpByStrategyAndByPair(long seed) {
    for (BookState books : statesAfterEveryEvent(seed)) {
      Map<Pair, BigDecimal> byPair = new HashMap<>();
      books
          .realizedByStrategyAndPair()
          .forEach(
              (tag, pairs) -> {
                assertThat(BookState.sum(pairs))
                    .as("seed %d after %d events, strategy %s", seed, books.eventCount(), tag)
                    .isEqualByComparingTo(books.realizedByStrategy().get(tag));
                pairs.forEach((pair, value) -> byPair.merge(pair, value, BigDecimal::add));
              });
      assertThat(byPair.keySet()).isEqualTo(books.realizedByPair().keySet());
      byPair.forEach(
          (pair, value) ->
              assertThat(value)
                  .as("seed %d after %d events, pair %s", seed, books.eventCount(), pair)
                  .isEqualByComparingTo(books.realizedByPair().get(pair)));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void realizedByAssetAddsUpToTheTotal(long seed) {
    for (BookState books : statesAfterEveryEvent(seed)) {
      BigDecimal byAsset = BigDecimal.ZERO;
      for (Holding holding : books.holdings().values()) {
        byAsset = byAsset.add(holding.realized());
      }
      assertThat(byAsset)
          .as("seed %d after %d events", seed, books.eventCount())
          .isEqualByComparingTo(books.realizedTotal());
    }
  }

  /**
   * Issue 15, point 2: the per-trade records add up to the summary by strategy, exactly, and their
   * fees to the trade fees. (By pair only in total: a dust sweep books each sold asset under its
   * own pair with the bought asset, not under the trade's pair.)
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void tradeRecordsAddUpToTheSummaryByStrategyAndByPair(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    List<LedgerEvent> ordered = new ArrayList<>(history.events());
    ordered.sort(LedgerEvent.ORDER);
    Books fold = new Books(BookConfig.defaults(), history.prices());
    ordered.forEach(fold::apply);
    BookState books = fold.state();
    TradePnls tradePnls = fold.tradePnls();
    Map<String, BigDecimal> byStrategy = new HashMap<>();
    BigDecimal realized = BigDecimal.ZERO;
    BigDecimal fees = BigDecimal.ZERO;
    int trades = 0;
    for (LedgerEvent event : history.events()) {
      if (event instanceof Trade trade) {
        trades++;
        TradePnl pnl = tradePnls.find(trade).orElseThrow();
        byStrategy.merge(trade.strategy(), pnl.realized(), BigDecimal::add);
        realized = realized.add(pnl.realized());
        fees = fees.add(pnl.fees());
      }
    }
    assertThat(tradePnls.size()).as("seed %d: one record per trade", seed).isEqualTo(trades);
    assertThat(byStrategy).as("seed %d", seed).isEqualTo(books.realizedByStrategy());
    assertThat(realized).as("seed %d", seed).isEqualTo(books.realized(PnlKind.TRADE));
    assertThat(fees).as("seed %d", seed).isEqualTo(BookState.sum(books.fees().byPair()));
  }

  private static Iterable<BookState> statesAfterEveryEvent(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    Books books = new Books(BookConfig.defaults(), history.prices());
    List<BookState> states = new ArrayList<>();
    for (LedgerEvent event : history.events()) {
      books.apply(event);
      states.add(books.state());
    }
    return states;
  }
}
