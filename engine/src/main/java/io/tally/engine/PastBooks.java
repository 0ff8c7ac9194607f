package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.TradePnl;
import io.tally.engine.ingest.LedgerCheck;
import io.tally.engine.prices.LivePrices;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.store.DatedBooks;
import io.tally.store.EventRecord;
import io.tally.store.PortfolioStore;
import io.tally.store.StoreException;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The books as they stood at the end of a past day ({@code tally report --as-of}, {@code GET
 * /portfolio?as_of=}): the stored events before the day's end folded, valued with the prices in
 * force at its last instant. Holdings, cost basis and PnL are those of the events up to then;
 * events stored later but dated before it count, as they would in a replay.
 *
 * <p><b>Dated books.</b> The fold starts from the books the store saved at the latest moment at or
 * before the day's end ({@link PortfolioStore#latestBooksAt}) and reads only the events from that
 * moment to the day's end ({@link PortfolioStore#eventsBetween}); with none saved, from the first
 * event. On the way it saves the books at the UTC midnights {@link DatedBooksSchedule} names (every
 * month start, and one after every few thousand events), so the next question about a day near one
 * folds at most those events and a day's. A saved state holds the events dated strictly before its
 * moment and is keyed by instant, so it serves every reporting zone. The store deletes the states a
 * commit makes stale (an event or price dated before them); both paths give the same books to the
 * last digit ({@code PastBooksTest}).
 *
 * <p>The saved states are folds with the store's prices for the books' base currency ({@link
 * StoredBooks#pricesIn}), which is what {@link #at} must be given; books valued with other prices
 * (a prices file) are folded by {@link #replayed}, which neither reads nor saves states.
 *
 * <p>Example: {@code PastBooks.at(store, config, prices, LocalDate.parse("2025-06-30"),
 * ZoneId.of("UTC")).state().realizedTotal()}. Immutable.
 *
 * @param state the books after every event before {@link #end()}
 * @param fold the fold itself, for what each trade after {@link #from()} realized
 * @param end the first instant of the next day: the books hold the events before it
 * @param from the moment of the saved books the fold resumed from ({@link #DAWN} for a fold from
 *     the first event): {@link #fold()} knows the trades from then on, not those before
 * @param prices the prices the books were folded with, which value them at {@link #valuedAt()}
 *     (exact at every moment before {@link #end()})
 */
public record PastBooks(
    BookState state, Books fold, Instant end, Instant from, PriceSource prices) {

  /** The earliest moment a store can hold, where a fold from the first event starts. */
  public static final Instant DAWN = Instant.parse("0000-01-01T00:00:00Z");

  public PastBooks {
    requireNonNull(state, "state");
    requireNonNull(fold, "fold");
    requireNonNull(end, "end");
    requireNonNull(from, "from");
    requireNonNull(prices, "prices");
  }

  /**
   * The books at the end of {@code day} in {@code zone} like {@link #at(PortfolioStore, BookConfig,
   * PriceSource, LocalDate, ZoneId)}, folded and valued with the store's own prices for the books'
   * base ({@link #prices()}): of those, only the prices in force from the saved books on are read
   * ({@link PortfolioStore#pricesInForce}), every price only when an earlier moment is asked. So a
   * question answered from saved books reads neither the whole log nor every price.
   *
   * <p>Example: {@code PastBooks.at(store, config, LocalDate.parse("2025-06-30"), zone)}.
   */
  public static PastBooks at(PortfolioStore store, BookConfig config, LocalDate day, ZoneId zone) {
    requireNonNull(store, "store");
    requireNonNull(config, "config");
    long importId = store.lastImportId();
    Marks marks = Marks.of(store);
    Instant end = end(day, zone);
    boolean priced = marks.pricedIn(config.base());
    if (!LedgerCheck.checked(marks)) {
      return replayed(
          store,
          config,
          LivePrices.of(priced ? StoredBooks.storedPrices(store) : List.of()),
          day,
          zone);
    }
    Optional<DatedBooks> saved = store.latestBooksAt(booksName(config, marks), end);
    PriceSource prices;
    if (!priced) {
      prices = LivePrices.of(List.of());
    } else if (saved.isEmpty()) {
      prices = LivePrices.of(StoredBooks.storedPrices(store));
    } else {
      Instant from = saved.get().before();
      prices =
          LivePrices.from(
              from,
              store.pricesInForce(from, end).stream().map(StoredBooks::price).toList(),
              () -> PriceTable.of(StoredBooks.storedPrices(store)));
    }
    return fold(
        store, config, prices, importId, end, marks, saved, DatedBooksSchedule.EVENTS_PER_STATE);
  }

  /**
   * The books at the end of {@code day} in {@code zone}, from the dated books {@code store} saved,
   * saving those it passes; {@code prices} are the store's prices for the books' base ({@link
   * StoredBooks#pricesIn}), read just before.
   */
  public static PastBooks at(
      PortfolioStore store, BookConfig config, PriceSource prices, LocalDate day, ZoneId zone) {
    return at(store, config, prices, store.lastImportId(), day, zone);
  }

  /**
   * The books at the end of {@code day} in {@code zone} like {@link #at(PortfolioStore, BookConfig,
   * PriceSource, LocalDate, ZoneId)}, with {@code prices} the store's prices as of import {@code
   * pricesImport}: the states folded on the way are saved only while the store is still at that
   * import (a later import may have written prices these lack).
   *
   * <p>Example: the service passes the prices and the import of the books it last published.
   */
  public static PastBooks at(
      PortfolioStore store,
      BookConfig config,
      PriceSource prices,
      long pricesImport,
      LocalDate day,
      ZoneId zone) {
    return at(store, config, prices, pricesImport, day, zone, DatedBooksSchedule.EVENTS_PER_STATE);
  }

  /** {@link #at} with books saved after every {@code eventsPerState} events, for tests. */
  static PastBooks at(
      PortfolioStore store,
      BookConfig config,
      PriceSource prices,
      long pricesImport,
      LocalDate day,
      ZoneId zone,
      int eventsPerState) {
    return before(store, config, prices, pricesImport, end(day, zone), eventsPerState);
  }

  /**
   * The books of the events dated before {@code end}, like {@link #at(PortfolioStore, BookConfig,
   * PriceSource, long, LocalDate, ZoneId)} for any moment: what a PnL period starts from.
   *
   * <p>Example: {@code PastBooks.before(store, config, view.prices(), view.importId(),
   * now.minus(Duration.ofDays(7))).state()}.
   */
  public static PastBooks before(
      PortfolioStore store, BookConfig config, PriceSource prices, long pricesImport, Instant end) {
    return before(store, config, prices, pricesImport, end, DatedBooksSchedule.EVENTS_PER_STATE);
  }

  private static PastBooks before(
      PortfolioStore store,
      BookConfig config,
      PriceSource prices,
      long pricesImport,
      Instant end,
      int eventsPerState) {
    requireNonNull(store, "store");
    requireNonNull(config, "config");
    requireNonNull(prices, "prices");
    requireNonNull(end, "end");
    Marks marks = Marks.of(store);
    if (!LedgerCheck.checked(marks)) {
      // A store written before ingests kept their ledger check: its opening-balance events are
      // derived from every row (StoredBooks.load), so there is no range of events to read.
      return replayed(store, config, prices, end);
    }
    return fold(
        store,
        config,
        prices,
        pricesImport,
        end,
        marks,
        store.latestBooksAt(booksName(config, marks), end),
        eventsPerState);
  }

  /**
   * The books of the events before {@code end}, resumed from {@code saved} when it can be, saving
   * the books at the moments the schedule names.
   */
  private static PastBooks fold(
      PortfolioStore store,
      BookConfig config,
      PriceSource prices,
      long pricesImport,
      Instant end,
      Marks marks,
      Optional<DatedBooks> saved,
      int eventsPerState) {
    String books = booksName(config, marks);
    Books fold = new Books(config, prices);
    Instant from = DAWN;
    if (saved.isPresent()) {
      try {
        fold = Books.resume(config, prices, saved.get().state());
        from = saved.get().before();
      } catch (IllegalArgumentException e) {
        // Saved by another version of the books: fold from the first event, saving anew.
        fold = new Books(config, prices);
      }
    }
    List<LedgerEvent> events = parse(store.eventsBetween(from, end));
    List<DatedBooks> passed = new ArrayList<>();
    if (!events.isEmpty()) {
      Books folding = fold;
      Consumer<Instant> saveAt =
          moment -> passed.add(new DatedBooks(books, moment, pricesImport, folding.checkpoint()));
      DatedBooksSchedule schedule =
          new DatedBooksSchedule(from.equals(DAWN) ? events.get(0).at() : from, eventsPerState);
      for (LedgerEvent event : events) {
        schedule.passTo(event.at(), saveAt);
        fold.apply(event);
        schedule.folded();
      }
      schedule.passTo(end, saveAt);
    }
    save(store, passed);
    return new PastBooks(fold.state(), fold, end, from, prices);
  }

  /**
   * The books at the end of {@code day} in {@code zone} folded from every stored event, with any
   * {@code prices} (a prices file's among them): neither reads nor saves dated books.
   */
  public static PastBooks replayed(
      PortfolioStore store, BookConfig config, PriceSource prices, LocalDate day, ZoneId zone) {
    return replayed(store, config, prices, end(day, zone));
  }

  private static PastBooks replayed(
      PortfolioStore store, BookConfig config, PriceSource prices, Instant end) {
    List<LedgerEvent> events = new ArrayList<>();
    for (LedgerEvent event : StoredBooks.load(store).events()) {
      if (event.at().isBefore(end)) {
        events.add(event);
      }
    }
    events.sort(LedgerEvent.ORDER);
    Books fold = new Books(config, prices);
    events.forEach(fold::apply);
    return new PastBooks(fold.state(), fold, end, DAWN, prices);
  }

  /** The last instant of the day: when the books are valued. */
  public Instant valuedAt() {
    return end.minusNanos(1);
  }

  /**
   * What each trade did to trading PnL, for these books kept by {@code config}: those after {@link
   * #from()} from the fold, the rest from the lines the live books saved in {@code store} (a
   * trade's PnL depends only on the events before it, so they are the same numbers), and any trade
   * before {@link #from()} neither has from a fold of {@code store}'s events before {@link #from()}
   * with {@code prices}, made only if one is asked for.
   */
  public TradePnlLookup tradePnls(PortfolioStore store, BookConfig config) {
    return new TradePnlLookup(
        fold.tradePnls(),
        store,
        config,
        missing -> {
          List<Trade> earlier = missing.stream().filter(t -> t.at().isBefore(from)).toList();
          Map<EventId, TradePnl> found = new HashMap<>();
          if (earlier.isEmpty()) {
            return found;
          }
          Books before = new Books(config, prices);
          parse(store.eventsBetween(DAWN, from)).forEach(before::apply);
          for (Trade trade : earlier) {
            before.tradePnls().find(trade).ifPresent(pnl -> found.put(trade.id(), pnl));
          }
          return found;
        });
  }

  /**
   * The name dated books of {@code config} are saved under: the books' own name when the store's
   * prices are in their base currency, else that name marked unpriced (folded without prices, as
   * {@link StoredBooks#pricesIn} gives none), so a change of the prices' base never resumes books
   * folded with the other prices.
   */
  static String booksName(BookConfig config, Marks marks) {
    return marks.pricedIn(config.base()) ? config.name() : config.name() + " unpriced";
  }

  private static Instant end(LocalDate day, ZoneId zone) {
    return requireNonNull(day, "day")
        .plusDays(1)
        .atStartOfDay(requireNonNull(zone, "zone"))
        .toInstant();
  }

  /** The records' events in replay order. */
  private static List<LedgerEvent> parse(List<EventRecord> records) {
    List<LedgerEvent> events = new ArrayList<>(records.size());
    for (EventRecord record : records) {
      events.add(EventText.parse(record.line()));
    }
    events.sort(LedgerEvent.ORDER);
    return events;
  }

  /**
   * Saves the books passed. A store that cannot save them now (another process holds its write lock
   * past the wait) answers the same; only the next question folds more.
   */
  private static void save(PortfolioStore store, List<DatedBooks> passed) {
    try {
      store.saveBooksAt(passed);
    } catch (StoreException e) {
      // The books are answered already; the states are only a saving for next time.
    }
  }
}
