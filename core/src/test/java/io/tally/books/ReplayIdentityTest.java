package io.tally.books;

import io.tally.ledger.LedgerEvent;
import io.tally.testing.BookFigures;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ACCOUNTING.md §6, identity 5: "Replay from scratch = incremental sync, to the last digit." (§2:
 * "Portfolio state … is a pure fold over the log: replaying the log from scratch gives the same
 * state as incremental updates, to the last digit.") Compared with {@code equals} and figure by
 * figure, value and scale.
 */
class ReplayIdentityTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void incrementalSyncInChunksEqualsReplayFromScratch(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    List<LedgerEvent> events = history.events();
    SplittableRandom random = new SplittableRandom(seed);

    for (CostBasisMethod method : CostBasisMethod.values()) {
      BookConfig config = BookConfig.defaults().withMethod(method);
      BookState fromScratch = Books.replay(config, history.prices(), events);

      // One Books synced chunk by chunk, its state read after every chunk (as a live sync would),
      // each midway state equal to a replay of the events so far.
      Books live = new Books(config, history.prices());
      int applied = 0;
      while (applied < events.size()) {
        int chunk = 1 + random.nextInt(Math.max(1, events.size() / 4));
        int end = Math.min(events.size(), applied + chunk);
        events.subList(applied, end).forEach(live::apply);
        applied = end;
        BookState midway = live.state();
        if (applied < events.size()) {
          BookFigures.assertIdentical(
              midway,
              Books.replay(config, history.prices(), events.subList(0, applied)),
              "seed " + seed + ", " + method + ", after " + applied + " events");
        }
      }
      BookFigures.assertIdentical(
          live.state(), fromScratch, "seed " + seed + ", " + method + ", synced in chunks");
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void takingStateMidwayChangesNothing(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    List<LedgerEvent> events = history.events();
    int split = new SplittableRandom(seed).nextInt(events.size() + 1);
    BookState fromScratch = Books.replay(BookConfig.defaults(), history.prices(), events);

    // Prefix, state, suffix: twice, into two fresh Books; and once reading state after every event.
    for (int round = 1; round <= 2; round++) {
      Books books = new Books(BookConfig.defaults(), history.prices());
      events.subList(0, split).forEach(books::apply);
      books.state();
      events.subList(split, events.size()).forEach(books::apply);
      BookFigures.assertIdentical(
          books.state(), fromScratch, "seed " + seed + ", split at " + split + ", round " + round);
    }
    Books watched = new Books(BookConfig.defaults(), history.prices());
    for (LedgerEvent event : events) {
      watched.apply(event);
      watched.state();
    }
    BookFigures.assertIdentical(
        watched.state(), fromScratch, "seed " + seed + ", state read after every event");
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void replayDoesNotDependOnTheOrderEventsArriveIn(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    List<LedgerEvent> shuffled = new ArrayList<>(history.events());
    Collections.shuffle(shuffled, new Random(seed));

    // Books.replay sorts by time, then id: ties (equal timestamps) are broken the same way.
    BookFigures.assertIdentical(
        Books.replay(BookConfig.defaults(), history.prices(), shuffled),
        Books.replay(BookConfig.defaults(), history.prices(), history.events()),
        "seed " + seed + ", shuffled");
  }
}
