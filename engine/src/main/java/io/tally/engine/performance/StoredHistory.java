package io.tally.engine.performance;

import io.tally.books.BookConfig;
import io.tally.engine.StoredBooks;
import io.tally.series.DailyHistory;
import io.tally.series.HistorySettings;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PriceSource;
import java.time.Instant;

/**
 * The daily history of a store: its whole event log folded by {@link DailyHistory}, valued with the
 * given prices (the books' stored prices, or a prices file on top of them).
 *
 * <p>Example: {@code StoredHistory.load(store, bookConfig, live.prices(), settings, now)}.
 * Stateless.
 */
public final class StoredHistory {

  private StoredHistory() {}

  /** Every day from the first stored event's to {@code until}'s. */
  public static DailyHistory load(
      PortfolioStore store,
      BookConfig books,
      PriceSource prices,
      HistorySettings settings,
      Instant until) {
    return DailyHistory.of(books, prices, StoredBooks.load(store).events(), settings, until);
  }
}
