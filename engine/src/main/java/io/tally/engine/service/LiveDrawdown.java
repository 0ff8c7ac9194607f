package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookState;
import io.tally.metrics.DrawdownWindow;
import io.tally.metrics.ResetSchedule;
import io.tally.series.EquityPoint;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PortfolioValuation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The live drawdown windows of {@code getEquity()}: each valuation the service publishes is
 * observed with the flows booked since the one before; the first, at start-up, after the windows
 * were replayed over the stored equity samples, so a restart neither forgets the peak nor starts a
 * new day's window at today's low. Once the daily history is folded (the schedule's first job),
 * they are replayed again over the whole equity series ({@link #over}: the history's day ends, then
 * the samples), so the total window's peak is the history's. Flows are the books' net external
 * flows, as the equity series records them (rewards included).
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
   * no previous view, the stored equity samples' observing it.
   */
  Optional<DrawdownWindow> after(
      Optional<PortfolioView> previous, BookState books, PortfolioValuation valuation) {
    if (previous.isEmpty()) {
      return over(EquitySamples.since(store, Instant.EPOCH), books, valuation);
    }
    BigDecimal flowSince = books.flows().net().subtract(previous.get().books().flows().net());
    return DrawdownWindow.next(
        previous.get().drawdown(), schedule, valuation.asOf(), valuation.equity(), flowSince);
  }

  /**
   * The windows replayed over {@code series} (oldest first, each point with the books' net flows up
   * to it), then observing {@code valuation} of {@code books}.
   */
  Optional<DrawdownWindow> over(
      List<EquityPoint> series, BookState books, PortfolioValuation valuation) {
    Optional<DrawdownWindow> window = Optional.empty();
    BigDecimal last = BigDecimal.ZERO;
    for (EquityPoint point : series) {
      window =
          DrawdownWindow.next(
              window, schedule, point.at(), point.equity(), point.flows().subtract(last));
      last = point.flows();
    }
    BigDecimal flowSince = window.isEmpty() ? BigDecimal.ZERO : books.flows().net().subtract(last);
    return DrawdownWindow.next(window, schedule, valuation.asOf(), valuation.equity(), flowSince);
  }
}
