package io.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.books.BookState;
import io.tally.books.Books;
import io.tally.books.CostBasisMethod;
import io.tally.books.TradePnl;
import io.tally.engine.performance.HistoryCache;
import io.tally.engine.performance.StoredHistory;
import io.tally.engine.prices.PriceRequests;
import io.tally.engine.prices.PriceRequests.Missing;
import io.tally.ledger.EventId;
import io.tally.ledger.LedgerEvent;
import io.tally.ledger.Trade;
import io.tally.money.Asset;
import io.tally.money.Price;
import io.tally.series.HistorySettings;
import io.tally.store.EventRecord;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.store.StoredPrice;
import io.tally.testing.BookFigures;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.valuation.PriceTable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule of {@link LiveBooks}: however a store's history arrives — in batches, late (older events
 * after newer ones), with prices before or after the events that need them, with retractions — the
 * books caught up after every commit, and the books started from a checkpoint, equal a replay of
 * the whole stored log from scratch, to the last digit and scale (DESIGN.md decision 2). Over
 * seeded random histories in a real SQLite store; both paths (append and replay) must occur.
 */
class LiveBooksTest {

  @TempDir Path directory;

  private static long appended;
  private static long replayed;
  private static long resumedWithTail;
  private static long folded;
  private static long notFolded;
  private static long settledAhead;
  private static long refusedAhead;

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 40);
  }

  /** The defaults with WAC or FIFO, as {@code random} picks. */
  private static BookConfig anyMethod(SplittableRandom random) {
    return BookConfig.defaults()
        .withMethod(random.nextBoolean() ? CostBasisMethod.WAC : CostBasisMethod.FIFO);
  }

  /** A new store of this test's, named for what it holds and the seed. */
  private PortfolioStore store(String name, long seed) {
    return PortfolioStore.open(directory.resolve(name + "-" + seed + ".db").toString(), Map.of());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void caughtUpAndResumedBooksEqualAReplayOfTheWholeLog(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GeneratedHistory history = HistoryGenerator.generate(seed, 60 + random.nextInt(140));
    BookConfig config = anyMethod(random);
    List<LedgerEvent> events = new ArrayList<>(history.events());
    try (PortfolioStore store = store("books", seed)) {
      LiveBooks live = LiveBooks.start(store, config);
      // The daily history's cache follows the same rule: extended, or folded again, it equals
      // the history of the whole log after every commit.
      HistoryCache cache = new HistoryCache(config, HistorySettings.defaults());
      List<LedgerEvent> committed = new ArrayList<>();
      int next = 0;
      int commit = 0;
      while (next < events.size()) {
        commit++;
        int size = 1 + random.nextInt(Math.max(1, events.size() / 5));
        List<LedgerEvent> chunk =
            new ArrayList<>(events.subList(next, Math.min(events.size(), next + size)));
        next += chunk.size();
        List<EventRecord> records = new ArrayList<>();
        // Sometimes an event arrives late: it is held back to a later commit.
        if (chunk.size() > 1 && random.nextInt(4) == 0) {
          LedgerEvent late = chunk.remove(random.nextInt(chunk.size()));
          events.add(late);
        }
        chunk.forEach(event -> records.add(GeneratedRecords.event(event)));
        // Sometimes an event committed earlier is retracted.
        if (!committed.isEmpty() && random.nextInt(8) == 0) {
          LedgerEvent gone = committed.remove(random.nextInt(committed.size()));
          records.add(EventRecord.retracted(gone.id().value(), gone.at()));
        }
        committed.addAll(chunk);
        List<StoredPrice> prices = GeneratedRecords.prices(history, chunk, true);
        boolean pricesFirst = random.nextBoolean();
        if (pricesFirst && !prices.isEmpty()) {
          store.commit(new ImportBatch(List.of(), List.of(), prices, marks(), "prices " + commit));
        }
        store.commit(
            new ImportBatch(
                List.of(), records, pricesFirst ? List.of() : prices, marks(), "events " + commit));

        long applied = live.catchUp(store);
        if (applied >= 0) {
          appended++;
        } else {
          replayed++;
        }
        BookFigures.assertIdentical(
            live.state(), replay(store, config), "seed " + seed + ", after commit " + commit);
        assertSameTradePnls(live, store, config, "seed " + seed + ", after commit " + commit);
        assertThat(live.missingPrices())
            .as("seed %d, missing prices after commit %d", seed, commit)
            .isEqualTo(missingByReplay(store, config));
        Instant now = history.end().plus(Duration.ofMinutes(commit));
        assertThat(cache.history(store, live.importId(), live.prices(), now).days())
            .as("seed %d, daily history after commit %d", seed, commit)
            .isEqualTo(
                StoredHistory.load(
                        store,
                        config,
                        PriceTable.of(storedPrices(store, config)),
                        HistorySettings.defaults(),
                        now)
                    .days());

        if (random.nextInt(3) == 0) {
          live.checkpoint(store, Instant.now());
          LiveBooks resumed = LiveBooks.start(store, config);
          assertThat(resumed.resumed()).as("seed %d: a fresh checkpoint is used", seed).isTrue();
          BookFigures.assertIdentical(
              resumed.state(), live.state(), "seed " + seed + ", resumed after commit " + commit);
          assertThat(resumed.missingPrices())
              .as("seed %d, missing prices resumed after commit %d", seed, commit)
              .isEqualTo(live.missingPrices());
          // Trades before the checkpoint come from the store now, the tail's from memory.
          assertSameTradePnls(
              resumed, store, config, "seed " + seed + ", resumed after commit " + commit);
          live = resumed;
        }
      }
      assertThat(live.missingPrices())
          .as("seed %d: the moments left without a price are listed", seed)
          .isNotEmpty();
      // A checkpoint of other books (another method) is never resumed from.
      live.checkpoint(store, Instant.now());
      BookConfig other =
          config.withMethod(
              config.method() == CostBasisMethod.WAC ? CostBasisMethod.FIFO : CostBasisMethod.WAC);
      LiveBooks otherBooks = LiveBooks.start(store, other);
      assertThat(otherBooks.resumed()).isFalse();
      BookFigures.assertIdentical(
          otherBooks.state(), replay(store, other), "seed " + seed + ", other method");
    }
  }

  /**
   * {@link LiveBooks#fold}: the books handed the batches their own process committed (what a paper
   * account's desk does), falling back to a catch-up when a batch is not a plain tail (late events,
   * events already stored, prices) or another writer's import came between, equal a replay of the
   * whole log after every commit, to the last digit and scale.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void booksHandedTheirOwnCommitsEqualAReplayOfTheWholeLog(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GeneratedHistory history = HistoryGenerator.generate(seed, 60 + random.nextInt(140));
    BookConfig config = anyMethod(random);
    List<LedgerEvent> events = new ArrayList<>(history.events());
    try (PortfolioStore store = store("fold", seed)) {
      LiveBooks live = LiveBooks.start(store, config);
      List<LedgerEvent> committed = new ArrayList<>();
      int next = 0;
      int commit = 0;
      while (next < events.size()) {
        commit++;
        int size = 1 + random.nextInt(Math.max(1, events.size() / 8));
        List<LedgerEvent> chunk =
            new ArrayList<>(events.subList(next, Math.min(events.size(), next + size)));
        next += chunk.size();
        // Sometimes an event arrives late: it is held back to a later commit.
        if (chunk.size() > 1 && random.nextInt(5) == 0) {
          events.add(chunk.remove(random.nextInt(chunk.size())));
        }
        // Sometimes an event already stored comes again (unchanged: nothing is written for it).
        if (!committed.isEmpty() && random.nextInt(8) == 0) {
          chunk.add(0, committed.get(random.nextInt(committed.size())));
        }
        List<StoredPrice> prices = GeneratedRecords.prices(history, chunk, true);
        // Another writer's import: prices, or a retraction, the books have not caught up with.
        int other = random.nextInt(6);
        if (other == 0 && !prices.isEmpty()) {
          store.commit(new ImportBatch(List.of(), List.of(), prices, marks(), "prices " + commit));
        } else if (other == 1 && !committed.isEmpty()) {
          LedgerEvent gone = committed.remove(random.nextInt(committed.size()));
          store.commit(
              new ImportBatch(
                  List.of(),
                  List.of(EventRecord.retracted(gone.id().value(), gone.at())),
                  List.of(),
                  marks(),
                  "retraction " + commit));
        }
        boolean withPrices = other > 1 && random.nextInt(3) == 0;
        ImportBatch batch =
            new ImportBatch(
                List.of(),
                GeneratedRecords.events(chunk),
                withPrices ? prices : List.of(),
                marks(),
                "events " + commit);
        CommittedBatch done = new CommittedBatch(store.commitImport(batch), batch, chunk);
        chunk.stream().filter(event -> !committed.contains(event)).forEach(committed::add);

        if (live.fold(store, done)) {
          folded++;
        } else {
          notFolded++;
          live.catchUp(store);
        }
        assertEqualAReplay(live, store, config, "seed " + seed + ", after commit " + commit);
      }
    }
  }

  /**
   * A store's first import folded {@link LiveBooks#ahead} of its commit, from the batch alone: once
   * the commit wrote what was folded, the books, their trades' PnL, their missing prices and their
   * checkpoint equal a replay of the store. A commit that wrote something else (an event named
   * twice in the batch, another writer's import first) is refused, and so is a batch a replay of
   * the store would not give the same books (a retraction, or no running-balance check in the
   * marks).
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void booksFoldedAheadOfAStoresFirstImportEqualAReplay(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GeneratedHistory history = HistoryGenerator.generate(seed, 20 + random.nextInt(180));
    BookConfig config = anyMethod(random);
    List<LedgerEvent> events = new ArrayList<>(history.events());
    int twist = random.nextInt(4);
    // 0: an event named twice, which the store keeps once (one "unchanged").
    if (twist == 0) {
      events.add(events.get(random.nextInt(events.size())));
    }
    Map<String, String> checked = new HashMap<>(marks());
    checked.put(Mark.LEDGER_ISSUES.key(), "");
    ImportBatch batch =
        new ImportBatch(
            List.of(),
            GeneratedRecords.events(events),
            GeneratedRecords.prices(history, events, true),
            checked,
            "first import");
    try (PortfolioStore store = store("ahead", seed)) {
      // 1: another writer's import lands first.
      if (twist == 1) {
        store.commit(new ImportBatch(List.of(), List.of(), List.of(), marks(), "another"));
      }
      LiveBooks ahead =
          LiveBooks.ahead(config, batch, Marks.of(store).with(batch.marks()), 0).orElseThrow();
      boolean settled = ahead.settle(store.commitImport(batch));
      String description = "seed " + seed + ", twist " + twist;
      assertThat(settled).as(description).isEqualTo(twist > 1);
      if (!settled) {
        refusedAhead++;
        return;
      }
      settledAhead++;
      assertEqualAReplay(ahead, store, config, description);
      ahead.checkpoint(store, Instant.EPOCH);
      try (PortfolioStore replayed = store("replayed", seed)) {
        replayed.commit(batch);
        LiveBooks.start(replayed, config).checkpoint(replayed, Instant.EPOCH);
        assertThat(store.latestCheckpoint().orElseThrow().state())
            .as("%s, the checkpoint", description)
            .isEqualTo(replayed.latestCheckpoint().orElseThrow().state());
      }
    }
  }

  @Test
  void noBooksAreFoldedAheadOfARetractionOrOfAStoreWithoutTheRunningBalanceCheck() {
    GeneratedHistory history = HistoryGenerator.generate(3, 20);
    LedgerEvent first = history.events().get(0);
    Map<String, String> checked = new HashMap<>(marks());
    checked.put(Mark.LEDGER_ISSUES.key(), "");
    List<EventRecord> records = new ArrayList<>(GeneratedRecords.events(history.events()));
    ImportBatch unchecked = new ImportBatch(List.of(), records, List.of(), marks(), "unchecked");
    records.add(EventRecord.retracted(first.id().value(), first.at()));
    ImportBatch retracting = new ImportBatch(List.of(), records, List.of(), checked, "retracting");
    BookConfig config = BookConfig.defaults();

    assertThat(LiveBooks.ahead(config, unchecked, new Marks(unchecked.marks()), 0)).isEmpty();
    assertThat(LiveBooks.ahead(config, retracting, new Marks(retracting.marks()), 0)).isEmpty();
  }

  /**
   * A start-up from a checkpoint with a tail of events and their prices (read once, with every
   * other price), and a catch-up after it: the books and the price table equal a replay's.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void booksResumedWithATailOfEventsAndPricesEqualAReplay(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GeneratedHistory history = HistoryGenerator.generate(seed, 90);
    BookConfig config = anyMethod(random);
    List<LedgerEvent> events = history.events();
    try (PortfolioStore store = store("tail", seed)) {
      commit(store, history, events.subList(0, 50), random.nextBoolean());
      LiveBooks.start(store, config).checkpoint(store, Instant.now());

      commit(store, history, events.subList(50, 70), random.nextBoolean());
      LiveBooks live = LiveBooks.start(store, config);
      BookFigures.assertIdentical(live.state(), replay(store, config), "seed " + seed + ", tail");
      assertSameTradePnls(live, store, config, "seed " + seed + ", tail");
      assertSamePrices(live, store, history, "seed " + seed + ", tail");
      if (live.resumed()) {
        resumedWithTail++;
      }

      commit(store, history, events.subList(70, 90), random.nextBoolean());
      live.catchUp(store);
      BookFigures.assertIdentical(live.state(), replay(store, config), "seed " + seed + ", after");
      assertSamePrices(live, store, history, "seed " + seed + ", after");
    }
  }

  private static void commit(
      PortfolioStore store,
      GeneratedHistory history,
      List<LedgerEvent> chunk,
      boolean pricesFirst) {
    List<StoredPrice> prices = GeneratedRecords.prices(history, chunk, true);
    List<EventRecord> records = GeneratedRecords.events(chunk);
    if (pricesFirst) {
      store.commit(new ImportBatch(List.of(), List.of(), prices, marks(), "prices"));
      store.commit(new ImportBatch(List.of(), records, List.of(), marks(), "events"));
    } else {
      store.commit(new ImportBatch(List.of(), records, prices, marks(), "events and prices"));
    }
  }

  /** The books' price table answers like a table of every stored price, at every event's time. */
  private static void assertSamePrices(
      LiveBooks live, PortfolioStore store, GeneratedHistory history, String description) {
    PriceTable expected = PriceTable.of(store.prices().stream().map(StoredBooks::price).toList());
    for (LedgerEvent event : history.events()) {
      for (Asset asset : HistoryGenerator.ASSETS) {
        assertThat(live.prices().price(asset, event.at()))
            .as("%s: %s at %s", description, asset, event.at())
            .isEqualTo(expected.price(asset, event.at()));
      }
    }
  }

  @Test
  void aCatchUpReadsEveryPriceAgainWhenTheirBaseMarkMoved() {
    GeneratedHistory history = HistoryGenerator.generate(5, 40);
    List<LedgerEvent> first = history.events().subList(0, 20);
    List<LedgerEvent> second = history.events().subList(20, 40);
    try (PortfolioStore store =
        PortfolioStore.open(directory.resolve("base.db").toString(), Map.of())) {
      store.commit(
          new ImportBatch(
              List.of(),
              GeneratedRecords.events(first),
              GeneratedRecords.prices(history, first, true),
              Map.of(Mark.PRICES_BASE.key(), "EUR"),
              "priced in EUR"));
      LiveBooks live = LiveBooks.start(store, BookConfig.defaults());
      Instant early = first.get(0).at();
      assertThat(live.prices().price(HistoryGenerator.ETH, early)).as("prices in EUR").isEmpty();

      store.commit(
          new ImportBatch(
              List.of(),
              GeneratedRecords.events(second),
              GeneratedRecords.prices(history, second, true),
              marks(),
              "priced in USD"));
      live.catchUp(store);
      // As when every catch-up read all prices: now in USD, the earlier ones count too.
      assertThat(live.prices().price(HistoryGenerator.ETH, early))
          .as("the prices stored before the mark moved")
          .isEqualTo(
              PriceTable.of(StoredBooks.pricesIn(store, Asset.USD))
                  .price(HistoryGenerator.ETH, early))
          .isPresent();
    }
  }

  @AfterAll
  static void bothPathsWereTaken() {
    assertThat(resumedWithTail).as("start-ups that resumed and folded a tail").isPositive();
    assertThat(appended).as("catch-ups that only appended").isPositive();
    assertThat(replayed).as("catch-ups that replayed the log").isPositive();
    assertThat(folded).as("commits handed to the books").isPositive();
    assertThat(notFolded).as("commits the books caught up with instead").isPositive();
    assertThat(settledAhead).as("first imports folded ahead").isPositive();
    assertThat(refusedAhead).as("first imports whose commit refused the books ahead").isPositive();
  }

  /**
   * The whole log replayed with every stored price, read in time order ({@link
   * PortfolioStore#prices()}): not as {@link LiveBooks} reads them (in the order written, and only
   * the new ones on a catch-up).
   */
  /**
   * {@code live}'s books, trades' PnL and missing prices equal a replay of {@code store}'s whole
   * log, and they are current with its newest import.
   */
  private static void assertEqualAReplay(
      LiveBooks live, PortfolioStore store, BookConfig config, String description) {
    BookFigures.assertIdentical(live.state(), replay(store, config), description);
    assertSameTradePnls(live, store, config, description);
    assertThat(live.missingPrices())
        .as("%s, missing prices", description)
        .isEqualTo(missingByReplay(store, config));
    assertThat(live.importId()).as("%s, import", description).isEqualTo(store.lastImportId());
  }

  /**
   * What every stored trade did to PnL, as {@code live} answers it (from memory or from the lines
   * checkpoints saved), equals a replay's of the whole log.
   */
  private static void assertSameTradePnls(
      LiveBooks live, PortfolioStore store, BookConfig config, String description) {
    StoredBooks stored = StoredBooks.load(store);
    List<LedgerEvent> events = new ArrayList<>(stored.events());
    events.sort(LedgerEvent.ORDER);
    Books fold = new Books(config, PriceTable.of(storedPrices(store, config)));
    events.forEach(fold::apply);
    List<Trade> trades = new ArrayList<>();
    Map<EventId, TradePnl> expected = new HashMap<>();
    for (LedgerEvent event : events) {
      if (event instanceof Trade trade) {
        trades.add(trade);
        expected.put(trade.id(), fold.tradePnls().find(trade).orElseThrow());
      }
    }
    assertThat(live.tradePnls(store).find(trades)).as(description).isEqualTo(expected);
  }

  private static List<Price> storedPrices(PortfolioStore store, BookConfig config) {
    return config.base().code().equals(StoredBooks.load(store).pricesBase())
        ? store.prices().stream().map(StoredBooks::price).toList()
        : List.of();
  }

  private static BookState replay(PortfolioStore store, BookConfig config) {
    StoredBooks stored = StoredBooks.load(store);
    List<Price> prices =
        config.base().code().equals(stored.pricesBase())
            ? store.prices().stream().map(StoredBooks::price).toList()
            : List.of();
    return Books.replay(config, PriceTable.of(prices), stored.events());
  }

  /** The moments a replay of the whole log through {@link PriceRequests} lists as missing. */
  private static List<Missing> missingByReplay(PortfolioStore store, BookConfig config) {
    StoredBooks stored = StoredBooks.load(store);
    List<Price> prices =
        config.base().code().equals(stored.pricesBase())
            ? store.prices().stream().map(StoredBooks::price).toList()
            : List.of();
    PriceRequests requests = new PriceRequests(PriceTable.of(prices));
    Books.replay(config, requests, stored.events());
    return requests.missing();
  }

  private static Map<String, String> marks() {
    return Map.of(Mark.PRICES_BASE.key(), "USD");
  }
}
