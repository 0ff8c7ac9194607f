package io.tally.engine.performance;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.engine.AppendedTail;
import io.tally.engine.StoredBooks;
import io.tally.series.DailyHistory;
import io.tally.series.HistoryFold;
import io.tally.series.HistorySettings;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PriceSource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The daily history of the service's books, kept between questions and extended: a question with
 * nothing new imported values the days from the last event's on again (a new day is one more
 * valuation); one after imports that only appended ({@link AppendedTail}) folds their events; any
 * other change (a revised, retracted or backdated event, a backdated price) folds the log again
 * from the start, as the live books do.
 *
 * <p>The history answers as of the import the caller's books were folded to, with the caller's
 * prices: so the performance figures describe the same books as the rest of the answers. When the
 * store already holds a later import (another process wrote it), the history of the whole log is
 * folded for that one question and not kept.
 *
 * <p>Example: {@code cache.history(store, view.importId(), view.prices(), clock.instant())}.
 * Thread-safe: one question folds at a time.
 */
public final class HistoryCache {

  private final BookConfig books;
  private final HistorySettings settings;
  private Optional<HistoryFold> fold = Optional.empty();
  private long importId;

  /** An empty cache for books kept by {@code books}, cut into days by {@code settings}. */
  public HistoryCache(BookConfig books, HistorySettings settings) {
    this.books = requireNonNull(books, "books");
    this.settings = requireNonNull(settings, "settings");
  }

  /**
   * The daily history of {@code store} up to {@code now}, as of import {@code importId}, valued
   * with {@code prices} (which hold every price of that import and the ones before it).
   */
  public synchronized DailyHistory history(
      PortfolioStore store, long importId, PriceSource prices, Instant now) {
    requireNonNull(prices, "prices");
    requireNonNull(now, "now");
    boolean current = store.lastImportId() == importId;
    if (fold.isPresent() && current && !now.isBefore(fold.get().until())) {
      HistoryFold kept = fold.get();
      if (this.importId == importId) {
        return kept.extend(prices, List.of(), now);
      }
      Optional<AppendedTail> tail = AppendedTail.since(store, this.importId, kept.last());
      if (tail.isPresent()) {
        this.importId = importId;
        return kept.extend(prices, tail.get().events(), now);
      }
    }
    HistoryFold fresh = new HistoryFold(books, settings);
    DailyHistory history = fresh.extend(prices, StoredBooks.load(store).events(), now);
    fold = current ? Optional.of(fresh) : Optional.empty();
    this.importId = importId;
    return history;
  }
}
