package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.money.Asset;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ACCOUNTING.md §3: FIFO "keeps lots in acquisition order and removes the oldest first; the same
 * events give the same total realized PnL once every lot is closed."
 *
 * <p>Exactly, not within rounding. What an event acquires (its cost), what it disposes of for
 * (proceeds, fee values) and its flows do not depend on the method; the method only decides how
 * much of the cost held a disposal releases. Rounding a partial release (WAC's single share, FIFO's
 * share of the oldest lot) moves cost between "released" and "still held" but never creates or
 * loses any: a pool subtracts exactly what it returns. Per asset, realized PnL is Σ proceeds of its
 * disposals − Σ cost released (a fee leg's gain and its expense cancel but for the cost it
 * releases), and Σ cost released = Σ acquisition cost − cost still held. So realized PnL − cost
 * still held (= Σ proceeds − Σ acquisition cost) is the same under both methods to the digit, and
 * once an asset is flat its cost is exactly 0 under both (identity 2), leaving its realized PnL
 * equal. The base currency costs 1 per unit under both.
 */
class CostBasisMethodEquivalenceTest {

  private static final BookConfig WAC = BookConfig.defaults();
  private static final BookConfig FIFO = BookConfig.defaults().withMethod(CostBasisMethod.FIFO);

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void wacAndFifoRealizeTheSameOnceEveryLotIsClosed(long seed) {
    GeneratedHistory history = HistoryGenerator.generateFlat(seed, Seeds.events(seed));
    BookState wac = Books.replay(WAC, history.prices(), history.events());
    BookState fifo = Books.replay(FIFO, history.prices(), history.events());

    assertThat(fifo.realizedTotal())
        .as("seed %d: total realized PnL, FIFO vs WAC", seed)
        .isEqualByComparingTo(wac.realizedTotal());
    for (Holding holding : wac.holdings().values()) {
      assertThat(fifo.holdings().get(holding.asset()).realized())
          .as("seed %d: realized PnL of %s, FIFO vs WAC", seed, holding.asset())
          .isEqualByComparingTo(holding.realized());
    }
    assertThat(fifo.fees().total()).isEqualByComparingTo(wac.fees().total());
    assertThat(fifo.flows().net()).isEqualByComparingTo(wac.flows().net());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void realizedMinusCostStillHeldIsTheSameUnderBothMethods(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    BookState wac = Books.replay(WAC, history.prices(), history.events());
    BookState fifo = Books.replay(FIFO, history.prices(), history.events());

    Set<Asset> assets = new TreeSet<>(wac.holdings().keySet());
    assets.addAll(fifo.holdings().keySet());
    for (Asset asset : assets) {
      Holding inWac = wac.holdings().get(asset);
      Holding inFifo = fifo.holdings().get(asset);
      assertThat(inFifo.quantity()).isEqualByComparingTo(inWac.quantity());
      assertThat(inFifo.realized().subtract(inFifo.cost()))
          .as("seed %d: %s realized − cost held, FIFO vs WAC", seed, asset)
          .isEqualByComparingTo(inWac.realized().subtract(inWac.cost()));
    }
    BigDecimal wacCost = BigDecimal.ZERO;
    BigDecimal fifoCost = BigDecimal.ZERO;
    for (Asset asset : assets) {
      wacCost = wacCost.add(wac.holdings().get(asset).cost());
      fifoCost = fifoCost.add(fifo.holdings().get(asset).cost());
    }
    assertThat(fifo.realizedTotal().subtract(fifoCost))
        .as("seed %d: total realized − cost held", seed)
        .isEqualByComparingTo(wac.realizedTotal().subtract(wacCost));
  }
}
