package io.tally.tax;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.Holding;
import io.tally.books.PnlKind;
import io.tally.ledger.LedgerEvent;
import io.tally.money.Asset;
import io.tally.testing.EventSamples;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: with the books' fee treatment (fees apart), the tax lots hold what the books hold — per
 * asset the same units at the same cost, to the last digit, by FIFO and by average cost — and their
 * trade disposals' gains less the trade fees are the books' realized trading PnL (ACCOUNTING.md §3,
 * §10). Tax-style fees move cost between lots and proceeds but keep every unit: the lots still hold
 * the books' quantities. Over seeded random histories of every kind of event the generator makes.
 */
class TaxLotsBooksAgreementTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void withFeesApartTheLotsAreTheBooks(long seed) {
    lotsAreTheBooks(seed, HistoryGenerator.generate(seed, Seeds.events(seed)));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void afterEveryKindOfEventTheLotsAreTheBooks(long seed) {
    // Margin PnL, carry, unclassified rows, adjustments, one-leg trades: the kinds the generator
    // leaves out.
    GeneratedHistory generated = HistoryGenerator.generateFlat(seed, Seeds.events(seed));
    List<LedgerEvent> events = new ArrayList<>(generated.events());
    events.addAll(EventSamples.after(generated.end()));
    lotsAreTheBooks(seed, new GeneratedHistory(events, generated.prices(), seed));
  }

  private static void lotsAreTheBooks(long seed, GeneratedHistory history) {
    for (CostBasisMethod method : CostBasisMethod.values()) {
      LotMethod lotMethod = method == CostBasisMethod.FIFO ? LotMethod.FIFO : LotMethod.WAC;
      BookState books =
          Books.replay(
              BookConfig.defaults().withMethod(method), history.prices(), history.events());
      TaxLots lots =
          TaxLots.replay(
              TaxRules.defaults(Asset.USD).withMethod(lotMethod).withFeesInCostBasis(false),
              history.prices(),
              history.events());

      Map<Asset, List<OpenLot>> open = lots.openLots();
      for (Holding holding : books.holdings().values()) {
        Asset asset = holding.asset();
        if (asset.equals(Asset.USD) || asset.equals(Asset.KFEE)) {
          assertThat(open).as("seed %d: %s keeps no lots", seed, asset).doesNotContainKey(asset);
          continue;
        }
        List<OpenLot> held = open.getOrDefault(asset, List.of());
        assertThat(sum(held, OpenLot::quantity))
            .as("seed %d, %s, %s: units", seed, method, asset)
            .isEqualByComparingTo(holding.quantity());
        assertThat(sum(held, OpenLot::cost))
            .as("seed %d, %s, %s: cost", seed, method, asset)
            .isEqualByComparingTo(holding.cost());
      }

      BigDecimal gains =
          lots.disposals().stream()
              .map(Disposal::gain)
              .reduce(BigDecimal.ZERO, BigDecimal::add)
              .subtract(lots.tradeFees());
      assertThat(gains)
          .as("seed %d, %s: Σ gains − trade fees vs the books' trading PnL", seed, method)
          .isEqualByComparingTo(books.realized(PnlKind.TRADE));
      if (books.realized(PnlKind.TRADE).signum() != 0) {
        assertThat(lots.disposals()).as("seed %d: trades dispose of lots", seed).isNotEmpty();
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void taxStyleFeesKeepEveryUnit(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    BookState books = Books.replay(BookConfig.defaults(), history.prices(), history.events());
    for (LotMethod method : LotMethod.values()) {
      TaxLots lots =
          TaxLots.replay(
              TaxRules.defaults(Asset.USD).withMethod(method), history.prices(), history.events());
      Map<Asset, List<OpenLot>> open = lots.openLots();
      for (Holding holding : books.holdings().values()) {
        if (holding.asset().equals(Asset.USD) || holding.asset().equals(Asset.KFEE)) {
          continue;
        }
        assertThat(sum(open.getOrDefault(holding.asset(), List.of()), OpenLot::quantity))
            .as("seed %d, %s, %s: units", seed, method, holding.asset())
            .isEqualByComparingTo(holding.quantity());
      }
      // The log of lot changes adds up to the lots held: per asset, Σ quantities and the costs
      // opened less the costs taken.
      Map<Asset, BigDecimal> units = new java.util.HashMap<>();
      Map<Asset, BigDecimal> cost = new java.util.HashMap<>();
      for (LotChange change : lots.changes()) {
        units.merge(change.asset(), change.quantity(), BigDecimal::add);
        cost.merge(
            change.asset(),
            change.quantity().signum() < 0 ? change.cost().negate() : change.cost(),
            BigDecimal::add);
      }
      open.forEach(
          (asset, held) -> {
            assertThat(units.get(asset))
                .as("seed %d, %s, %s: Σ changes", seed, method, asset)
                .isEqualByComparingTo(sum(held, OpenLot::quantity));
            assertThat(cost.get(asset))
                .as("seed %d, %s, %s: Σ costs", seed, method, asset)
                .isEqualByComparingTo(sum(held, OpenLot::cost));
          });
      for (Disposal row : lots.disposals()) {
        assertThat(row.gain())
            .as("seed %d, %s: gain = proceeds − cost", seed, method)
            .isEqualByComparingTo(row.proceeds().subtract(row.costBasis()));
        assertThat(row.acquiredLatest()).isBeforeOrEqualTo(row.disposed());
        assertThat(row.acquired()).isBeforeOrEqualTo(row.acquiredLatest());
      }
    }
  }

  private static BigDecimal sum(
      List<OpenLot> lots, java.util.function.Function<OpenLot, BigDecimal> figure) {
    return lots.stream().map(figure).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
