package io.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.TradePnl;
import io.tally.ledger.EventId;
import io.tally.ledger.EventText;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.money.Asset;
import io.tally.store.DatedBooks;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import io.tally.testing.BookFigures;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.valuation.PriceSource;
import io.tally.valuation.PriceTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The books as of a past day from the store's dated books equal the events before the day's end
 * folded from scratch, to the last digit and scale: on a first question (which saves the books at
 * the month starts it passes), on later ones (which resume from them), and after a commit that
 * writes events, revisions and prices dated before saved books (where a stale state would answer
 * wrong). Over seeded random histories of several months in a real SQLite store, and reporting
 * zones either side of UTC.
 */
class PastBooksTest {

  private static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("America/New_York"),
          ZoneId.of("Asia/Tokyo"),
          ZoneId.of("Pacific/Kiritimati"),
          ZoneId.of("Pacific/Pago_Pago"));

  @TempDir Path directory;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 6);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void booksFromDatedBooksEqualAFoldFromScratch(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // About 2 hours apart: 1,500 to 2,500 events span four to seven months.
    GeneratedHistory history = HistoryGenerator.generate(seed, 1500 + random.nextInt(1000));
    BookConfig config =
        BookConfig.defaults()
            .withMethod(random.nextBoolean() ? CostBasisMethod.WAC : CostBasisMethod.FIFO);
    ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
    // Books saved at month starts only, or also at the midnights after every few hundred events.
    int eventsPerState =
        random.nextBoolean() ? DatedBooksSchedule.EVENTS_PER_STATE : 100 + random.nextInt(400);
    List<LedgerEvent> events = history.events();
    LocalDate first = LocalDate.ofInstant(events.get(0).at(), ZoneOffset.UTC).minusDays(2);
    LocalDate last =
        LocalDate.ofInstant(events.get(events.size() - 1).at(), ZoneOffset.UTC).plusDays(2);

    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("past-" + seed + ".db").toString(), Map.of())) {
      // Every event but some held back, which arrive later, dated among the others.
      List<LedgerEvent> held = new ArrayList<>();
      List<LedgerEvent> stored = new ArrayList<>();
      for (LedgerEvent event : events) {
        (random.nextInt(15) == 0 ? held : stored).add(event);
      }
      for (int from = 0; from < stored.size(); from += 500) {
        commit(store, history, stored.subList(from, Math.min(stored.size(), from + 500)), "head");
      }

      List<LocalDate> days = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        days.add(first.plusDays(random.nextInt((int) (last.toEpochDay() - first.toEpochDay()))));
      }
      String description =
          "seed " + seed + ", " + config.name() + ", " + zone + ", every " + eventsPerState;
      for (LocalDate day : days) {
        assertSameAsFromScratch(
            store, config, day, zone, eventsPerState, description + ", first, " + day);
      }
      assertThat(store.latestBooksAt(config.name(), Instant.parse("9999-01-01T00:00:00Z")))
          .as("%s: the month starts passed are saved", description)
          .isPresent();
      for (LocalDate day : days) {
        assertSameAsFromScratch(
            store, config, day, zone, eventsPerState, description + ", again, " + day);
      }

      // A backdated import: the held-back events, one event moved a week, one retracted, and a
      // price for a moment already booked.
      LedgerEvent moved = stored.get(random.nextInt(stored.size()));
      LedgerEvent retracted = stored.get(random.nextInt(stored.size()));
      Instant earliest = held.isEmpty() ? moved.at() : held.get(0).at();
      Optional<DatedBooks> stale =
          store.latestBooksAt(config.name(), last.atStartOfDay().toInstant(ZoneOffset.UTC));
      assertThat(stale.map(DatedBooks::before))
          .as("%s: books saved after the backdated events, which would now be stale", description)
          .hasValueSatisfying(before -> assertThat(before).isAfter(earliest));
      List<EventRecord> records = new ArrayList<>();
      held.forEach(event -> records.add(GeneratedRecords.event(event)));
      // A line starts with the event's time: the same event a week later.
      Instant movedAt = moved.at().plusSeconds(7 * 86_400);
      String movedLine =
          movedAt + EventText.format(moved).substring(moved.at().toString().length());
      assertThat(EventText.parse(movedLine).at()).isEqualTo(movedAt);
      records.add(EventRecord.of(moved.id().value(), movedAt, movedLine));
      if (!retracted.id().equals(moved.id())) {
        records.add(EventRecord.retracted(retracted.id().value(), retracted.at()));
      }
      List<StoredPrice> prices = new ArrayList<>(GeneratedRecords.prices(history, held, false));
      prices.add(
          new StoredPrice(
              HistoryGenerator.ETH.code(),
              events.get(events.size() / 3).at().minusNanos(1),
              "1234.5",
              "backdated"));
      store.commit(new ImportBatch(List.of(), records, prices, marks(), "backdated"));

      for (LocalDate day : days) {
        assertSameAsFromScratch(
            store, config, day, zone, eventsPerState, description + ", backdated, " + day);
      }
      for (LocalDate day : days) {
        assertSameAsFromScratch(
            store, config, day, zone, eventsPerState, description + ", after, " + day);
      }
    }
  }

  /**
   * What each trade realized, as the books of a past day answer it, equals a fold from scratch up
   * to that day: from the fold for trades after the saved books it resumed from, and for those
   * before, from the lines the live books saved (the same numbers, since a trade's PnL depends only
   * on the events before it) or, where they saved none, from a fold of the earlier events.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void tradesBeforeTheSavedBooksShowWhatAFoldFromScratchRealized(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GeneratedHistory history = HistoryGenerator.generate(seed, 1200);
    BookConfig config =
        BookConfig.defaults()
            .withMethod(random.nextBoolean() ? CostBasisMethod.WAC : CostBasisMethod.FIFO);
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("trades-" + seed + ".db").toString(), Map.of())) {
      commit(store, history, history.events(), "all");
      LocalDate day = LocalDate.ofInstant(history.events().get(1000).at(), ZoneOffset.UTC);
      PastBooks.at(store, config, storedPrices(store), day, ZoneOffset.UTC);
      PastBooks resumed = PastBooks.at(store, config, storedPrices(store), day, ZoneOffset.UTC);
      assertThat(resumed.from())
          .as("seed %d: resumed from saved books", seed)
          .isNotEqualTo(PastBooks.DAWN);

      Books scratch = fromScratch(store, config, resumed.end());
      List<Trade> trades = new ArrayList<>();
      Map<EventId, TradePnl> expected = new HashMap<>();
      for (LedgerEvent event : history.events()) {
        if (event instanceof Trade trade && trade.at().isBefore(resumed.end())) {
          trades.add(trade);
          expected.put(trade.id(), scratch.tradePnls().find(trade).orElseThrow());
        }
      }
      assertThat(trades.stream().filter(t -> t.at().isBefore(resumed.from())))
          .as("seed %d: trades before the saved books", seed)
          .isNotEmpty();

      // No live books saved lines: the trades before the saved books are folded again.
      assertThat(resumed.tradePnls(store, config).find(trades))
          .as("seed %d, without saved lines", seed)
          .isEqualTo(expected);

      // The live books save every trade's line, folded with every event, later ones too.
      LiveBooks.start(store, config).checkpoint(store, Instant.now());
      Map<String, String> lines =
          store.tradeLines(config.name(), trades.stream().map(t -> t.id().value()).toList());
      Map<EventId, TradePnl> saved = new HashMap<>();
      lines.forEach((id, line) -> saved.put(EventId.of(id), TradePnl.parse(line)));
      assertThat(saved).as("seed %d: the live books' lines", seed).isEqualTo(expected);
      assertThat(resumed.tradePnls(store, config).find(trades))
          .as("seed %d, with saved lines", seed)
          .isEqualTo(expected);
    }
  }

  @Test
  void aDayBeforeEveryEventHasEmptyBooksAndSavesNothing() {
    GeneratedHistory history = HistoryGenerator.generate(3, 50);
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("empty.db").toString(), Map.of())) {
      commit(store, history, history.events(), "all");
      LocalDate before =
          LocalDate.ofInstant(history.events().get(0).at(), ZoneOffset.UTC).minusDays(1);

      PastBooks past =
          PastBooks.at(store, BookConfig.defaults(), storedPrices(store), before, ZoneOffset.UTC);

      assertThat(past.state().eventCount()).isZero();
      assertThat(
              store.latestBooksAt(
                  BookConfig.defaults().name(), Instant.parse("9999-01-01T00:00:00Z")))
          .isEmpty();
    }
  }

  @Test
  void booksAreSavedAtEveryUtcMonthStartPassedAndHoldTheEventsBeforeIt() {
    GeneratedHistory history = HistoryGenerator.generate(4, 2000);
    BookConfig config = BookConfig.defaults();
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("months.db").toString(), Map.of())) {
      commit(store, history, history.events(), "all");
      LocalDate day = LocalDate.ofInstant(history.events().get(1999).at(), ZoneOffset.UTC);
      PastBooks.at(store, config, storedPrices(store), day, ZoneId.of("Asia/Tokyo"));

      Instant month = DatedBooksSchedule.monthStartAfter(history.events().get(0).at());
      int saved = 0;
      while (month.isBefore(history.events().get(1999).at())) {
        DatedBooks books = store.latestBooksAt(config.name(), month).orElseThrow();
        assertThat(books.before()).isEqualTo(month);
        Books resumed = Books.resume(config, storedPrices(store), books.state());
        BookFigures.assertIdentical(
            resumed.state(), fromScratch(store, config, month).state(), "books at " + month);
        month = DatedBooksSchedule.monthStartAfter(month);
        saved++;
      }
      assertThat(saved).isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void booksOfPricesInAnotherBaseAreSavedUnderTheirOwnName() {
    assertThat(
            PastBooks.booksName(
                BookConfig.defaults(), new Marks(Map.of(Mark.PRICES_BASE.key(), "USD"))))
        .isEqualTo("USD WAC KFEE=0.01");
    assertThat(
            PastBooks.booksName(
                BookConfig.defaults(), new Marks(Map.of(Mark.PRICES_BASE.key(), "EUR"))))
        .isEqualTo("USD WAC KFEE=0.01 unpriced");
    assertThat(PastBooks.booksName(BookConfig.defaults(), Marks.NONE))
        .isEqualTo("USD WAC KFEE=0.01 unpriced");
  }

  private static void assertSameAsFromScratch(
      PortfolioStore store,
      BookConfig config,
      LocalDate day,
      ZoneId zone,
      int eventsPerState,
      String description) {
    PastBooks past =
        PastBooks.at(
            store, config, storedPrices(store), store.lastImportId(), day, zone, eventsPerState);
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    assertThat(past.end()).as(description).isEqualTo(end);
    BookState expected = fromScratch(store, config, end).state();
    BookFigures.assertIdentical(past.state(), expected, description);

    // Any moment, not only a day's end (a PnL period's start): the day's end less a few minutes.
    Instant moment = end.minus(Duration.ofMinutes(37L * day.getDayOfMonth()));
    BookFigures.assertIdentical(
        PastBooks.before(store, config, storedPrices(store), store.lastImportId(), moment).state(),
        fromScratch(store, config, moment).state(),
        description + ", before " + moment);

    // With the store's own prices, read from the saved books on: the same books and valuation.
    PastBooks own = PastBooks.at(store, config, day, zone);
    BookFigures.assertIdentical(own.state(), expected, description + ", its own prices");
    PriceSource every = storedPrices(store);
    for (Asset asset : HistoryGenerator.ASSETS) {
      assertThat(own.prices().price(asset, own.valuedAt()))
          .as("%s, price of %s", description, asset)
          .isEqualTo(every.price(asset, own.valuedAt()));
    }
  }

  /**
   * Every stored event before {@code end} folded into new books with every stored price, read in
   * time order: not as {@link PastBooks} reads either.
   */
  private static Books fromScratch(PortfolioStore store, BookConfig config, Instant end) {
    List<LedgerEvent> events = new ArrayList<>();
    for (LedgerEvent event : StoredBooks.load(store).events()) {
      if (event.at().isBefore(end)) {
        events.add(event);
      }
    }
    events.sort(LedgerEvent.ORDER);
    Books books =
        new Books(config, PriceTable.of(store.prices().stream().map(StoredBooks::price).toList()));
    events.forEach(books::apply);
    return books;
  }

  /** The prices the CLI and the service give {@link PastBooks#at}. */
  private static PriceSource storedPrices(PortfolioStore store) {
    return PriceTable.of(StoredBooks.pricesIn(store, Asset.USD));
  }

  private static void commit(
      PortfolioStore store, GeneratedHistory history, List<LedgerEvent> events, String what) {
    store.commit(
        new ImportBatch(
            List.of(),
            GeneratedRecords.events(events),
            GeneratedRecords.prices(history, events, false),
            marks(),
            what));
  }

  /** Marks of a store an ingest checked (so its events are all stored), priced in USD. */
  private static Map<String, String> marks() {
    return Map.of(Mark.PRICES_BASE.key(), "USD", Mark.LEDGER_ISSUES.key(), "");
  }
}
