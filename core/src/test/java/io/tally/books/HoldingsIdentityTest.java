package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.testing.EventSamples;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.LedgerRow;
import io.tally.testing.Seeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ACCOUNTING.md §6, identity 1: "Holdings per asset = Σ ledger amounts − Σ ledger fees = Kraken's
 * running balance on every row." Exact: quantities are never rounded.
 */
class HoldingsIdentityTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void holdingsEqualLedgerSumsForEveryAsset(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    Map<Asset, BigDecimal> ledger = history.ledgerBalances();

    for (CostBasisMethod method : CostBasisMethod.values()) {
      BookState books =
          Books.replay(
              BookConfig.defaults().withMethod(method), history.prices(), history.events());

      Set<Asset> assets = new TreeSet<>(ledger.keySet());
      assets.addAll(books.holdings().keySet());
      for (Asset asset : assets) {
        assertThat(books.quantity(asset))
            .as("seed %d, %s, %s: holdings vs Σ amounts − Σ fees", seed, method, asset)
            .isEqualByComparingTo(ledger.getOrDefault(asset, BigDecimal.ZERO));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void holdingsEqualLedgerSumsAfterEveryKindOfEvent(long seed) {
    // Margin PnL, unclassified rows, adjustments, one-leg trades: the kinds the generator leaves
    // out.
    GeneratedHistory generated = HistoryGenerator.generateFlat(seed, Seeds.events(seed));
    List<LedgerEvent> events = new ArrayList<>(generated.events());
    events.addAll(EventSamples.after(generated.end()));
    GeneratedHistory history = new GeneratedHistory(events, generated.prices(), seed);

    BookState books = Books.replay(BookConfig.defaults(), history.prices(), history.events());
    for (Map.Entry<Asset, BigDecimal> balance : history.ledgerBalances().entrySet()) {
      assertThat(books.quantity(balance.getKey()))
          .as("seed %d, %s: holdings vs Σ amounts − Σ fees", seed, balance.getKey())
          .isEqualByComparingTo(balance.getValue());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void holdingsEqualTheRunningBalanceAfterEveryEvent(long seed) {
    GeneratedHistory history = HistoryGenerator.generateFlat(seed, Seeds.events(seed));
    List<LedgerRow> rows = history.rows();
    Books books = new Books(BookConfig.defaults(), history.prices());

    int next = 0;
    for (LedgerEvent event : history.events()) {
      books.apply(event);
      BookState state = books.state();
      // The balance after the event's last row of each asset: an internal move writes two rows
      // (out of spot, into earn) that the books see as one event.
      Map<Asset, BigDecimal> after = new LinkedHashMap<>();
      while (next < rows.size() && rows.get(next).refid().equals(event.id())) {
        after.put(rows.get(next).asset(), rows.get(next).balance());
        next++;
      }
      assertThat(after).as("seed %d, rows of %s", seed, event.id()).isNotEmpty();
      for (Map.Entry<Asset, BigDecimal> balance : after.entrySet()) {
        assertThat(state.quantity(balance.getKey()))
            .as("seed %d, %s after %s: holdings vs ledger balance", seed, balance.getKey(), event)
            .isEqualByComparingTo(balance.getValue());
      }
    }
    assertThat(next).as("seed %d, rows left over", seed).isEqualTo(rows.size());
  }
}
