package io.tally.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookState;
import io.tally.books.Holding;
import io.tally.books.PairPosition;
import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every number of a {@link BookState} under a readable name, such as {@code holding XBT cost} or
 * {@code realized by pair ETHXBT}, so two sets of books can be compared figure by figure, value and
 * scale, with the name of the first figure that differs.
 *
 * <p>Example: {@code BookFigures.of(state).get("fees total")}. Stateless.
 */
public final class BookFigures {

  private BookFigures() {}

  /** The figures of the books, sorted by name. */
  public static SortedMap<String, BigDecimal> of(BookState books) {
    SortedMap<String, BigDecimal> figures = new TreeMap<>();
    for (Holding holding : books.holdings().values()) {
      String name = "holding " + holding.asset() + " ";
      figures.put(name + "quantity", holding.quantity());
      figures.put(name + "cost", holding.cost());
      figures.put(name + "realized", holding.realized());
    }
    put(figures, "realized by kind ", books.realizedByKind());
    put(figures, "trade realized by asset ", books.tradeRealizedByAsset());
    put(figures, "realized by pair ", books.realizedByPair());
    put(figures, "realized by strategy ", books.realizedByStrategy());
    books
        .realizedByStrategyAndPair()
        .forEach((tag, byPair) -> put(figures, "realized by strategy " + tag + " pair ", byPair));
    for (PairPosition position : books.positions()) {
      String name = "position " + position.pair() + " ";
      figures.put(name + "base size", position.baseSize());
      figures.put(name + "cost in base currency", position.costBase());
      figures.put(name + "cost in quote", position.costQuote());
      figures.put(name + "realized", position.realized());
      figures.put(name + "fees", position.fees());
    }
    put(figures, "non-pair holding ", books.nonPairHoldings());
    figures.put("fees total", books.fees().total());
    put(figures, "fees by asset ", books.fees().byAsset());
    put(figures, "fees by pair ", books.fees().byPair());
    figures.put("flows deposits", books.flows().deposits());
    figures.put("flows withdrawals", books.flows().withdrawals());
    figures.put("flows rewards", books.flows().rewards());
    figures.put("flows adjustments", books.flows().adjustments());
    figures.put("flows count", BigDecimal.valueOf(books.flows().count()));
    figures.put("event count", BigDecimal.valueOf(books.eventCount()));
    return figures;
  }

  /**
   * Asserts that two sets of books have the same figures to the last digit: the same names, each
   * value equal by {@code compareTo} and with the same scale.
   */
  public static void assertIdentical(BookState actual, BookState expected, String description) {
    SortedMap<String, BigDecimal> actualFigures = of(actual);
    SortedMap<String, BigDecimal> expectedFigures = of(expected);
    assertThat(actualFigures.keySet()).as(description).isEqualTo(expectedFigures.keySet());
    for (Map.Entry<String, BigDecimal> figure : expectedFigures.entrySet()) {
      BigDecimal value = actualFigures.get(figure.getKey());
      assertThat(value)
          .as("%s: %s", description, figure.getKey())
          .isEqualByComparingTo(figure.getValue());
      assertThat(value.scale())
          .as("%s: scale of %s (%s vs %s)", description, figure.getKey(), value, figure.getValue())
          .isEqualTo(figure.getValue().scale());
    }
    assertThat(actual.issues()).as(description).isEqualTo(expected.issues());
    assertThat(actual).as(description).isEqualTo(expected);
  }

  private static void put(
      Map<String, BigDecimal> figures, String prefix, Map<?, BigDecimal> values) {
    for (Map.Entry<?, BigDecimal> entry : values.entrySet()) {
      figures.put(prefix + entry.getKey(), entry.getValue());
    }
  }
}
