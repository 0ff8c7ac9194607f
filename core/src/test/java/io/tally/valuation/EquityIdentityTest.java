package io.tally.valuation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.DataIssue;
import io.tally.books.Holding;
import io.tally.books.IssueKind;
import io.tally.ledger.LedgerEvent;
import io.tally.testing.EventSamples;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ACCOUNTING.md §6, identity 3: "Between any two times: Δequity = Δrealized + Δunrealized + net
 * flows, to within rounding (number of events × 1e-8 base currency)."
 *
 * <p>Which prices: both snapshots (the books after event i and after event j) are valued at the
 * same moment, the later event's time, with the same table. Flows and realized PnL were booked at
 * their own time's value; what the prices did since then is unrealized PnL, measured against the
 * cost basis. With one price per asset, equity − unrealized is the cost of the holdings, and each
 * event moves cost by its realized PnL plus its net flow (a trade's value goes into realized PnL
 * and out of cost, a deposit into cost and flows), so the identity holds to the digit; the
 * tolerance is the one the rule grants. Valuing the earlier snapshot at its own time's prices would
 * instead need the price change of the units held in between, which no figure of the books carries.
 */
class EquityIdentityTest {

  private static final Duration MAX_PRICE_AGE = Duration.ofDays(3650);
  private static final BigDecimal ROUNDING_PER_EVENT = new BigDecimal("0.00000001");
  private static final int RANDOM_PAIRS = 40;

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void equityChangeIsExplainedBetweenAnyTwoPoints(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    SplittableRandom random = new SplittableRandom(seed);
    int events = history.events().size();

    for (CostBasisMethod method : CostBasisMethod.values()) {
      List<BookState> states = statesAfterEveryEvent(history, method);
      assertExplained(history, method, states, 0, events);
      for (int k = 0; k < RANDOM_PAIRS; k++) {
        int i = random.nextInt(events);
        int j = i + 1 + random.nextInt(events - i);
        assertExplained(history, method, states, i, j);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void equityChangeIsExplainedForEverySingleEvent(long seed) {
    GeneratedHistory history = HistoryGenerator.generateFlat(seed, Seeds.events(seed));

    for (CostBasisMethod method : CostBasisMethod.values()) {
      List<BookState> states = statesAfterEveryEvent(history, method);
      for (int j = 1; j < states.size(); j++) {
        assertExplained(history, method, states, j - 1, j);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void equityChangeIsExplainedForEveryKindOfEvent(long seed) {
    // Margin PnL, unclassified rows, adjustments, one-leg trades: the kinds the generator leaves
    // out.
    GeneratedHistory generated = HistoryGenerator.generateFlat(seed, Seeds.events(seed));
    List<LedgerEvent> events = new ArrayList<>(generated.events());
    events.addAll(EventSamples.after(generated.end()));
    GeneratedHistory history = new GeneratedHistory(events, generated.prices(), seed);

    List<BookState> states = statesAfterEveryEvent(history, CostBasisMethod.WAC);
    for (int j = generated.events().size() + 1; j < states.size(); j++) {
      assertExplained(history, CostBasisMethod.WAC, states, j - 1, j);
    }
    assertExplained(history, CostBasisMethod.WAC, states, 0, events.size());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void costHeldMovesByExactlyRealizedPnlAndFlows(long seed) {
    // The books' half of the identity, with no tolerance: equity − unrealized is the cost held, and
    // no event may lose or invent a digit of it. A swap's value V is shared among its legs so that
    // "the shares add up exactly" (Books), a pool returns exactly what it subtracts, and so each
    // event changes Σ cost by exactly its realized PnL plus its net flow. (Rounding within the
    // tolerance of identity 3 would hide a lost remainder in a dust sweep.)
    GeneratedHistory generated = HistoryGenerator.generateFlat(seed, Seeds.events(seed));
    List<LedgerEvent> events = new ArrayList<>(generated.events());
    events.addAll(EventSamples.after(generated.end()));
    GeneratedHistory history = new GeneratedHistory(events, generated.prices(), seed);

    for (CostBasisMethod method : CostBasisMethod.values()) {
      List<BookState> states = statesAfterEveryEvent(history, method);
      for (int j = 1; j < states.size(); j++) {
        BookState before = states.get(j - 1);
        BookState after = states.get(j);
        BigDecimal cost = costHeld(after).subtract(costHeld(before));
        BigDecimal realized = after.realizedTotal().subtract(before.realizedTotal());
        BigDecimal flows = after.flows().net().subtract(before.flows().net());
        assertThat(cost)
            .as(
                "seed %d, %s, %s: Δcost held vs Δrealized %s + net flows %s",
                seed, method, events.get(j - 1), realized, flows)
            .isEqualByComparingTo(realized.add(flows));
      }
    }
  }

  /** The books before any event (index 0) and after each event (index k after k events). */
  private static List<BookState> statesAfterEveryEvent(
      GeneratedHistory history, CostBasisMethod method) {
    Books books = new Books(BookConfig.defaults().withMethod(method), history.prices());
    List<BookState> states = new ArrayList<>(history.events().size() + 1);
    states.add(books.state());
    for (LedgerEvent event : history.events()) {
      books.apply(event);
      states.add(books.state());
    }
    return states;
  }

  /** The identity between the books after {@code i} events and after {@code j > i} events. */
  private static void assertExplained(
      GeneratedHistory history, CostBasisMethod method, List<BookState> states, int i, int j) {
    long seed = history.seed();
    Instant at = history.events().get(j - 1).at();
    PortfolioValuation before = Valuation.of(states.get(i), history.prices(), at, MAX_PRICE_AGE);
    PortfolioValuation after = Valuation.of(states.get(j), history.prices(), at, MAX_PRICE_AGE);
    assertThat(unvalued(before)).as("seed %d: unvalued holdings", seed).isEmpty();
    assertThat(unvalued(after)).as("seed %d: unvalued holdings", seed).isEmpty();

    BigDecimal equity = after.equity().subtract(before.equity());
    BigDecimal realized = after.realized().subtract(before.realized());
    BigDecimal unrealized = after.unrealized().subtract(before.unrealized());
    BigDecimal flows = states.get(j).flows().net().subtract(states.get(i).flows().net());
    BigDecimal gap = equity.subtract(realized.add(unrealized).add(flows));

    assertThat(gap.abs())
        .as(
            "seed %d, %s, after event %d vs after event %d (%s), valued at %s: Δequity %s ≠"
                + " Δrealized %s + Δunrealized %s + net flows %s",
            seed,
            method,
            i,
            j,
            history.events().get(j - 1).id(),
            at,
            equity,
            realized,
            unrealized,
            flows)
        .isLessThanOrEqualTo(ROUNDING_PER_EVENT.multiply(BigDecimal.valueOf(j - i)));
  }

  private static BigDecimal costHeld(BookState books) {
    BigDecimal cost = BigDecimal.ZERO;
    for (Holding holding : books.holdings().values()) {
      cost = cost.add(holding.cost());
    }
    return cost;
  }

  private static List<DataIssue> unvalued(PortfolioValuation valuation) {
    return valuation.issues().stream().filter(issue -> issue.kind() == IssueKind.UNVALUED).toList();
  }
}
