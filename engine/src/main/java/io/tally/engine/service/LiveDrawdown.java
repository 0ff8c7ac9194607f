package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.metrics.DrawdownWindow;
import io.tally.metrics.ResetSchedule;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredEquityPoint;
import io.tally.valuation.PortfolioValuation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The live drawdown windows of {@code getEquity()}: each valuation the service publishes is
 * observed with the flows booked since the one before; the first, at start-up, after the windows
 * were replayed over the stored equity series, so a restart neither forgets the peak nor starts a
 * new day's window at today's low. Flows are the books' net external flows, as the equity series
 * records them (rewards included).
 *
 * <p>Example: {@code liveDrawdown.after(previous, books, valuation).map(w ->
 * w.daily().drawdown())}. Stateless beyond the store it reads; called by the single writer.
 */
final class LiveDrawdown {

  private final PortfolioStore store;
  private final ResetSchedule schedule;

  LiveDrawdown(PortfolioStore store, ResetSchedule schedule) {
    this.store = requireNonNull(store, "store");
    this.schedule = requireNonNull(schedule, "schedule");
  }

  /**
   * The windows after {@code valuation} of {@code books}: {@code previous}'s observing it, or, with
   * no previous view, the stored equity series' observing it.
   */
  Optional<DrawdownWindow> after(
      Optional<PortfolioView> previous, BookState books, PortfolioValuation valuation) {
    BigDecimal flows = books.flows().net();
    Optional<DrawdownWindow> window;
    BigDecimal flowSince;
    if (previous.isPresent()) {
      window = previous.get().drawdown();
      flowSince = flows.subtract(previous.get().books().flows().net());
    } else {
      window = Optional.empty();
      BigDecimal last = BigDecimal.ZERO;
      for (StoredEquityPoint point : store.equityPoints(Instant.EPOCH)) {
        BigDecimal pointFlows = new BigDecimal(point.flows());
        window =
            DrawdownWindow.next(
                window,
                schedule,
                point.at(),
                new BigDecimal(point.equity()),
                pointFlows.subtract(last));
        last = pointFlows;
      }
      flowSince = window.isEmpty() ? BigDecimal.ZERO : flows.subtract(last);
    }
    return DrawdownWindow.next(window, schedule, valuation.asOf(), valuation.equity(), flowSince);
  }
}
