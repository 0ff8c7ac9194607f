package io.tally.series;

import io.tally.books.BookConfig;
import io.tally.ledger.LedgerEvent;
import io.tally.metrics.DailyValue;
import io.tally.metrics.TradeCycle;
import io.tally.valuation.PriceSource;
import java.time.Instant;
import java.util.List;

/**
 * The books at the end of every day of a history, from the event log and the stored prices alone
 * (ACCOUNTING.md §9): one fold of the log in {@link LedgerEvent#ORDER} that stops at each midnight
 * of the reporting time zone to value the books with the prices in force then, and values the books
 * just before each external flow, so returns can be split at every flow. The same fold closes the
 * flat→flat trade cycles of each pair. {@link HistoryFold} keeps that fold to extend it.
 *
 * <p>External flows are deposits, withdrawals, adjustments (an opening balance or a gap is capital
 * that appears, not performance) and, when {@link HistorySettings#rewardsAsContribution()},
 * rewards; each is valued as the books booked it. A withdrawal's fee is a cost, not part of the
 * flow.
 *
 * <p>Example:
 *
 * <pre>{@code
 * DailyHistory history =
 *     DailyHistory.of(BookConfig.defaults(), prices, events, HistorySettings.defaults(), now);
 * Returns returns = Returns.of(history.dailyValues());
 * }</pre>
 *
 * Immutable.
 */
public final class DailyHistory {

  private final List<DayEnd> days;
  private final List<TradeCycle> cycles;

  DailyHistory(List<DayEnd> days, List<TradeCycle> cycles) {
    this.days = List.copyOf(days);
    this.cycles = List.copyOf(cycles);
  }

  /**
   * Every day from the first event's to {@code until}'s, in {@code settings}' zone: the books of
   * the events before each day's end, valued with {@code prices} at its last instant, the last day
   * at {@code until} (events after it are left out). Empty when there are no events up to {@code
   * until}.
   *
   * @param events the log, in any order (sorted into {@link LedgerEvent#ORDER} first)
   */
  public static DailyHistory of(
      BookConfig config,
      PriceSource prices,
      List<LedgerEvent> events,
      HistorySettings settings,
      Instant until) {
    return new HistoryFold(config, settings).extend(prices, events, until);
  }

  /** Every day, oldest first. */
  public List<DayEnd> days() {
    return days;
  }

  /** The days as the return figures read them. */
  public List<DailyValue> dailyValues() {
    return days.stream().map(DayEnd::dailyValue).toList();
  }

  /** The flat→flat cycles closed up to the last day, in the order they closed. */
  public List<TradeCycle> cycles() {
    return cycles;
  }
}
