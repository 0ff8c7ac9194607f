package io.tally.books;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.ledger.LedgerEvent;
import io.tally.ledger.TabText;
import io.tally.testing.BookFigures;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import io.tally.valuation.PriceSource;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Start-up from a checkpoint: DESIGN.md decision 2, "Checkpoints make start-up fast; replay from
 * scratch must give identical numbers". A fold checkpointed midway and resumed from the text ends
 * in the same books, to the last digit and scale, as one replay from scratch — for both cost basis
 * methods, at random split points of random histories.
 */
class CheckpointIdentityTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void resumingFromACheckpointEqualsReplayFromScratch(long seed) {
    GeneratedHistory history = HistoryGenerator.generate(seed, Seeds.events(seed));
    List<LedgerEvent> events = history.events();
    SplittableRandom random = new SplittableRandom(seed);
    for (CostBasisMethod method : CostBasisMethod.values()) {
      BookConfig config = BookConfig.defaults().withMethod(method);
      BookState fromScratch = Books.replay(config, history.prices(), events);

      // Checkpoint, resume, checkpoint again at several points: each resumed fold carries on.
      Books books = new Books(config, history.prices());
      int applied = 0;
      while (applied < events.size()) {
        int end = Math.min(events.size(), applied + 1 + random.nextInt(1 + events.size() / 3));
        events.subList(applied, end).forEach(books::apply);
        applied = end;
        String text = books.checkpoint();
        Books resumed = Books.resume(config, history.prices(), text);
        assertThat(resumed.checkpoint())
            .as("seed %d, %s, after %d events: the text round-trips", seed, method, applied)
            .isEqualTo(text);
        BookFigures.assertIdentical(
            resumed.state(),
            books.state(),
            "seed " + seed + ", " + method + ", resumed after " + applied + " events");
        books = resumed;
      }
      BookFigures.assertIdentical(
          books.state(), fromScratch, "seed " + seed + ", " + method + ", resumed at checkpoints");
    }
  }

  @Test
  void aCheckpointOfOtherBooksIsRefused() {
    Books wac = new Books(BookConfig.defaults(), PriceSource.NONE);
    String text = wac.checkpoint();
    BookConfig fifo = BookConfig.defaults().withMethod(CostBasisMethod.FIFO);

    assertThatThrownBy(() -> Books.resume(fifo, PriceSource.NONE, text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("FIFO");
  }

  @Test
  void aCheckpointCutShortIsRefused() {
    Books books = new Books(BookConfig.defaults(), PriceSource.NONE);
    String text = books.checkpoint();

    assertThatThrownBy(
            () ->
                Books.resume(
                    BookConfig.defaults(),
                    PriceSource.NONE,
                    text.substring(0, text.indexOf("end"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cut short");
    assertThatThrownBy(() -> Books.resume(BookConfig.defaults(), PriceSource.NONE, "hello"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a books checkpoint");
  }

  @Test
  void freeTextSurvivesEscaping() {
    String text = "tag\twith\\odd\nchars\r";

    assertThat(TabText.unescape(TabText.escape(text))).isEqualTo(text);
    assertThat(TabText.escape(text)).doesNotContain("\t", "\n", "\r");
  }
}
