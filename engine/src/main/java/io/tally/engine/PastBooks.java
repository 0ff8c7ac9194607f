package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.ledger.LedgerEvent;
import io.tally.store.PortfolioStore;
import io.tally.valuation.PriceSource;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The books as they stood at the end of a past day ({@code tally report --as-of}, {@code GET
 * /portfolio?as_of=}): the stored events before the day's end folded from scratch, valued with the
 * prices in force at its last instant. Holdings, cost basis and PnL are those of the events up to
 * then; events stored later but dated before it count, as they would in a replay.
 *
 * <p>Example: {@code PastBooks.at(store, config, prices, LocalDate.parse("2025-06-30"),
 * ZoneId.of("UTC")).state().realizedTotal()}. Immutable.
 *
 * @param state the books after every event before {@link #end()}
 * @param fold the fold itself, for what each trade realized
 * @param end the first instant of the next day: the books hold the events before it
 */
public record PastBooks(BookState state, Books fold, Instant end) {

  public PastBooks {
    requireNonNull(state, "state");
    requireNonNull(fold, "fold");
    requireNonNull(end, "end");
  }

  /** The books at the end of {@code day} in {@code zone}. */
  public static PastBooks at(
      PortfolioStore store, BookConfig config, PriceSource prices, LocalDate day, ZoneId zone) {
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    List<LedgerEvent> events = new ArrayList<>();
    for (LedgerEvent event : StoredBooks.load(store).events()) {
      if (event.at().isBefore(end)) {
        events.add(event);
      }
    }
    events.sort(LedgerEvent.ORDER);
    Books fold = new Books(config, prices);
    events.forEach(fold::apply);
    return new PastBooks(fold.state(), fold, end);
  }

  /** The last instant of the day: when the books are valued. */
  public Instant valuedAt() {
    return end.minusNanos(1);
  }
}
