package io.tally.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.ledger.CashFlow;
import io.tally.ledger.FlowKind;
import io.tally.ledger.InternalMove;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.ledger.TradeKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.Price;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator makes valid, varied and reproducible histories (the property tests rely on it). */
class HistoryGeneratorTest {

  private static final Map<Asset, Integer> DECIMALS =
      Map.of(
          Asset.USD, 4,
          HistoryGenerator.EUR, 4,
          Asset.XBT, 8,
          HistoryGenerator.ETH, 8,
          HistoryGenerator.DOT, 8,
          HistoryGenerator.USDT, 8,
          Asset.KFEE, 2);

  private static final List<Asset> PRICED =
      List.of(
          HistoryGenerator.EUR,
          Asset.XBT,
          HistoryGenerator.ETH,
          HistoryGenerator.DOT,
          HistoryGenerator.USDT);

  @Test
  void theSameSeedGivesTheSameHistory() {
    GeneratedHistory first = HistoryGenerator.generate(42, 500);
    GeneratedHistory second = HistoryGenerator.generate(42, 500);

    assertThat(second.events()).isEqualTo(first.events());
    assertThat(second.prices().latest())
        .containsExactlyInAnyOrderElementsOf(first.prices().latest());
    for (LedgerEvent event : first.events()) {
      for (Asset asset : PRICED) {
        assertThat(second.prices().price(asset, event.at()))
            .isEqualTo(first.prices().price(asset, event.at()));
      }
    }
    assertThat(HistoryGenerator.generate(43, 500).events()).isNotEqualTo(first.events());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void generatedHistoriesAreValid(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));

    assertThat(history.seed()).isEqualTo(seed);
    assertThat(history.events()).as("seed %d", seed).hasSize(Seeds.events(seed));
    assertValid(history);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void flatHistoriesEndHoldingOnlyTheBaseCurrency(long seed) {
    GeneratedHistory history = HistoryGenerator.generateFlat(seed, Seeds.events(seed));

    assertValid(history);
    history
        .ledgerBalances()
        .forEach(
            (asset, balance) -> {
              if (!asset.equals(Asset.USD)) {
                assertThat(balance).as("seed %d, %s", seed, asset).isZero();
              }
            });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void closingHistoriesEndWithoutTheClosedAsset(long seed) {
    Asset asset = HistoryGenerator.ASSETS.get(1 + (int) (seed % 6));
    GeneratedHistory history = HistoryGenerator.generateClosing(seed, Seeds.events(seed), asset);

    assertValid(history);
    assertThat(history.ledgerBalances().get(asset)).as("seed %d, %s", seed, asset).isZero();
    LedgerEvent last = history.events().get(history.events().size() - 1);
    assertThat(GeneratedHistory.rowsOf(last)).as("seed %d", seed).containsKey(asset);
  }

  @Test
  void theBaseCurrencyCannotBeClosed() {
    assertThatThrownBy(() -> HistoryGenerator.generateClosing(1, 10, Asset.USD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("USD");
  }

  @Test
  void historiesCoverEveryShapeTheBooksKnow() {
    Set<String> shapes = new TreeSet<>();
    for (long seed = 1; seed <= 5; seed++) {
      GeneratedHistory history = HistoryGenerator.generate(seed, 2_000);
      Instant previous = null;
      Set<Asset> depositedKfee = new HashSet<>();
      for (LedgerEvent event : history.events()) {
        if (event.at().equals(previous)) {
          shapes.add("equal timestamps");
        }
        previous = event.at();
        if (event instanceof CashFlow flow) {
          Asset asset = flow.amount().asset();
          shapes.add(flow.kind() + " " + category(asset));
          if (!flow.fee().isZero()) {
            shapes.add(flow.kind() + " with fee");
          }
          if (flow.kind() == FlowKind.DEPOSIT && asset.equals(Asset.KFEE)) {
            depositedKfee.add(asset);
          }
        } else if (event instanceof InternalMove) {
          shapes.add("internal move");
        } else if (event instanceof Trade trade) {
          shapes.add("trade " + trade.kind());
          shapes.add("strategy " + trade.strategy());
          if (trade.kind() != TradeKind.DUST_SWEEP) {
            shapes.add(
                "pair " + category(trade.pair().base()) + "/" + category(trade.pair().quote()));
          }
          for (Amount fee : trade.fees()) {
            if (fee.asset().equals(Asset.KFEE)) {
              assertThat(depositedKfee)
                  .as("seed %d: KFEE fee before any deposit", seed)
                  .isNotEmpty();
              shapes.add("fee in KFEE");
            } else if (fee.asset().equals(trade.pair().quote())) {
              shapes.add("fee in quote");
            } else if (fee.asset().equals(trade.pair().base())) {
              shapes.add("fee in base");
            } else {
              shapes.add("fee in a third asset");
            }
          }
          if (trade.fees().size() > 1) {
            shapes.add("two fee legs");
          }
        }
      }
    }

    assertThat(shapes)
        .contains(
            "equal timestamps",
            "DEPOSIT fiat",
            "DEPOSIT crypto",
            "DEPOSIT KFEE",
            "DEPOSIT with fee",
            "WITHDRAWAL fiat",
            "WITHDRAWAL crypto",
            "WITHDRAWAL with fee",
            "REWARD crypto",
            "REWARD with fee",
            "internal move",
            "trade ORDER_BOOK",
            "trade SPEND_RECEIVE",
            "trade DUST_SWEEP",
            "pair crypto/fiat",
            "pair crypto/crypto",
            "pair fiat/fiat",
            "fee in quote",
            "fee in base",
            "fee in KFEE",
            "fee in a third asset",
            "two fee legs",
            "strategy manual",
            "strategy trend_v1",
            "strategy grid_v2");
  }

  @Test
  void largeHistoriesAreQuickToMake() {
    // Benchmarks generate a million events: about 1.2 s of work plus GC on a quiet 2-core machine.
    // The bound is loose so that a busy machine does not fail the build; it still catches work
    // that grows faster than the history.
    long start = System.nanoTime();
    GeneratedHistory history = HistoryGenerator.generate(3, 200_000);
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(seconds).as("seconds for 200,000 events").isLessThan(20);
    assertThat(history.events()).hasSize(200_000);
    assertThat(history.events().get(199_999).id().value()).isEqualTo("E200000");
    assertInReplayOrder(history.events(), 3);
  }

  @Test
  void idsGrowWiderWhenAHistoryNeedsMoreThanSixDigits() {
    assertThat(HistoryGenerator.idWidth(0)).isEqualTo(6);
    assertThat(HistoryGenerator.idWidth(300)).isEqualTo(6);
    assertThat(HistoryGenerator.idWidth(999_990)).isEqualTo(6);
    // 999,999 events and up to six closing ones reach E1000005
    assertThat(HistoryGenerator.idWidth(999_999)).isEqualTo(7);
    assertThat(HistoryGenerator.idWidth(1_000_000)).isEqualTo(7);
    assertThat(HistoryGenerator.idWidth(10_000_000)).isEqualTo(8);
  }

  @Test
  void ledgerRowsCarryTheRunningBalance() {
    GeneratedHistory history = HistoryGenerator.generate(11, 200);
    Map<Asset, BigDecimal> balances = history.ledgerBalances();

    for (Asset asset : balances.keySet()) {
      LedgerRow last = null;
      for (LedgerRow row : history.rows()) {
        if (row.asset().equals(asset)) {
          last = row;
        }
      }
      assertThat(last).as("%s", asset).isNotNull();
      assertThat(last.balance()).isEqualByComparingTo(balances.get(asset));
    }
  }

  private static void assertValid(GeneratedHistory history) {
    long seed = history.seed();
    List<LedgerEvent> events = history.events();
    assertInReplayOrder(events, seed);

    for (LedgerEvent event : events) {
      for (Asset asset : PRICED) {
        Optional<Price> price = history.prices().price(asset, event.at());
        assertThat(price).as("seed %d, %s price at %s", seed, asset, event.id()).isPresent();
        assertThat(price.get().value().signum()).isPositive();
        assertThat(price.get().value().scale()).isLessThanOrEqualTo(8);
      }
      for (Amount amount : amounts(event)) {
        assertThat(amount.value().scale())
            .as("seed %d, %s in %s", seed, amount, event.id())
            .isLessThanOrEqualTo(DECIMALS.get(amount.asset()));
      }
      if (event instanceof Trade trade) {
        assertThat(HistoryGenerator.STRATEGIES).contains(trade.strategy());
        assertThat(trade.sold()).as("seed %d, %s", seed, event.id()).isNotEmpty();
        assertThat(trade.bought()).as("seed %d, %s", seed, event.id()).hasSize(1);
        Set<Asset> legs = new HashSet<>();
        trade.sold().forEach(leg -> legs.add(leg.asset()));
        trade.bought().forEach(leg -> legs.add(leg.asset()));
        if (trade.kind() == TradeKind.DUST_SWEEP) {
          assertThat(trade.pair().quote()).isEqualTo(trade.bought().get(0).asset());
          assertThat(legs).contains(trade.pair().base());
        } else {
          assertThat(legs)
              .as("seed %d, legs of %s", seed, event.id())
              .containsExactlyInAnyOrder(trade.pair().base(), trade.pair().quote());
        }
      }
    }

    for (LedgerRow row : history.rows()) {
      assertThat(row.balance().signum())
          .as("seed %d, %s balance after %s", seed, row.asset(), row.refid())
          .isNotNegative();
    }

    BookState books = Books.replay(BookConfig.defaults(), history.prices(), events);
    assertThat(books.issues()).as("seed %d", seed).isEmpty();
  }

  private static void assertInReplayOrder(List<LedgerEvent> events, long seed) {
    for (int i = 1; i < events.size(); i++) {
      LedgerEvent previous = events.get(i - 1);
      LedgerEvent event = events.get(i);
      // A plain check first: AssertJ on every one of a million events would dominate the test.
      boolean inOrder =
          !event.at().isBefore(previous.at())
              && event.id().compareTo(previous.id()) > 0
              && LedgerEvent.ORDER.compare(previous, event) < 0;
      if (!inOrder) {
        fail(
            "seed %d: %s at %s follows %s at %s",
            seed, event.id(), event.at(), previous.id(), previous.at());
      }
    }
  }

  private static List<Amount> amounts(LedgerEvent event) {
    List<Amount> amounts = new ArrayList<>();
    if (event instanceof Trade trade) {
      amounts.addAll(trade.sold());
      amounts.addAll(trade.bought());
      amounts.addAll(trade.fees());
    } else if (event instanceof CashFlow flow) {
      amounts.add(flow.amount());
      amounts.add(flow.fee());
    } else if (event instanceof InternalMove move) {
      amounts.add(move.amount());
      amounts.add(move.fee());
    }
    return amounts;
  }

  private static String category(Asset asset) {
    if (asset.equals(Asset.KFEE)) {
      return "KFEE";
    }
    return asset.isFiat() ? "fiat" : "crypto";
  }
}
