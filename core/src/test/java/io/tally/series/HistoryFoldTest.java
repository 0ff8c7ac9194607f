package io.tally.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.books.BookConfig;
import io.tally.ledger.LedgerEvent;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import io.tally.testing.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryFoldTest {

  /**
   * Property over seeded random histories, in UTC and in a zone with daylight saving: a fold
   * extended piece by piece (random pieces of the log, each with a later end, some ends falling
   * before the piece's last events) answers, after every piece, exactly what a fold from scratch of
   * the events given so far answers; and at the end, the history of the whole log.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void extendingPieceByPieceEqualsFoldingFromScratch(long seed) {
    GeneratedHistory generated = HistoryGenerator.generate(seed, Seeds.events(seed));
    List<LedgerEvent> ordered = new ArrayList<>(generated.events());
    ordered.sort(LedgerEvent.ORDER);
    Random random = new Random(seed);
    HistorySettings settings =
        random.nextBoolean()
            ? HistorySettings.defaults()
            : new HistorySettings(ZoneId.of("America/New_York"), random.nextBoolean());
    Instant start = ordered.get(0).at();
    long span = Duration.between(start, generated.end()).toSeconds();
    HistoryFold fold = new HistoryFold(BookConfig.defaults(), settings);
    List<LedgerEvent> given = new ArrayList<>();
    Instant until = start;
    int next = 0;
    while (next < ordered.size()) {
      int size = 1 + random.nextInt(Math.max(1, ordered.size() / 5));
      List<LedgerEvent> piece = ordered.subList(next, Math.min(ordered.size(), next + size));
      next += piece.size();
      given.addAll(piece);
      Instant later = start.plusSeconds((long) (random.nextDouble() * span));
      until = later.isAfter(until) ? later : until;
      DailyHistory extended = fold.extend(generated.prices(), piece, until);

      DailyHistory scratch =
          DailyHistory.of(BookConfig.defaults(), generated.prices(), given, settings, until);
      assertThat(extended.days())
          .as("seed %d, %d events", seed, given.size())
          .isEqualTo(scratch.days());
      assertThat(extended.cycles()).as("seed %d", seed).isEqualTo(scratch.cycles());
    }
    DailyHistory whole = fold.extend(generated.prices(), List.of(), generated.end());
    assertThat(whole.days())
        .isEqualTo(
            DailyHistory.of(
                    BookConfig.defaults(),
                    generated.prices(),
                    generated.events(),
                    settings,
                    generated.end())
                .days());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.tally.testing.Seeds#seeds")
  void anEventBeforeTheLastFoldedOrAnEarlierEndIsRefused(long seed) {
    GeneratedHistory generated = HistoryGenerator.generate(seed, Seeds.events(seed));
    List<LedgerEvent> ordered = new ArrayList<>(generated.events());
    ordered.sort(LedgerEvent.ORDER);
    HistoryFold fold = new HistoryFold(BookConfig.defaults(), HistorySettings.defaults());
    int half = ordered.size() / 2;
    fold.extend(generated.prices(), ordered.subList(half, ordered.size()), generated.end());

    assertThatThrownBy(
            () -> fold.extend(generated.prices(), ordered.subList(0, 1), generated.end()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sorts at or before the last event folded")
        .hasMessageContaining(ordered.get(0).id().toString());
    assertThatThrownBy(
            () -> fold.extend(generated.prices(), List.of(), generated.end().minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already ends at " + generated.end());
    assertThat(fold.last()).contains(ordered.get(ordered.size() - 1));
  }
}
