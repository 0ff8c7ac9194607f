package io.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatedBooksScheduleTest {

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void aQuietFoldSavesAtEveryUtcMonthStartItPasses() {
    DatedBooksSchedule schedule = new DatedBooksSchedule(at("2024-01-20T10:00:00Z"));
    List<Instant> saved = new ArrayList<>();

    schedule.passTo(at("2024-02-10T00:00:00Z"), saved::add);
    schedule.folded();
    schedule.passTo(at("2024-04-01T00:00:00Z"), saved::add);

    // April 1 is passed too: an event at a midnight is folded after the books saved there.
    assertThat(saved)
        .containsExactly(
            at("2024-02-01T00:00:00Z"), at("2024-03-01T00:00:00Z"), at("2024-04-01T00:00:00Z"));
  }

  @Test
  void aBusyFoldAlsoSavesAtTheFirstMidnightAfterEnoughEvents() {
    DatedBooksSchedule schedule = new DatedBooksSchedule(at("2024-03-01T00:00:00Z"), 3);
    List<Instant> saved = new ArrayList<>();
    // Two events a day, on March 1 to 4: the third is folded on the 2nd, so the
    // books are saved at the next midnight (the 3rd), then at the 5th (three more by the 4th).
    for (int day = 1; day <= 4; day++) {
      for (int hour : new int[] {6, 18}) {
        schedule.passTo(
            at("2024-03-0" + day + "T" + (hour < 10 ? "0" : "") + hour + ":00:00Z"), saved::add);
        schedule.folded();
      }
    }
    schedule.passTo(at("2024-03-06T12:00:00Z"), saved::add);

    assertThat(saved).containsExactly(at("2024-03-03T00:00:00Z"), at("2024-03-05T00:00:00Z"));
  }

  @Test
  void theFirstMidnightIsStrictlyAfterTheStart() {
    assertThat(DatedBooksSchedule.midnightAfter(at("2024-03-01T00:00:00Z")))
        .isEqualTo(at("2024-03-02T00:00:00Z"));
    assertThat(DatedBooksSchedule.monthStartAfter(at("2024-02-10T12:00:00Z")))
        .isEqualTo(at("2024-03-01T00:00:00Z"));
    assertThat(DatedBooksSchedule.monthStartAfter(at("2024-03-01T00:00:00Z")))
        .isEqualTo(at("2024-04-01T00:00:00Z"));
    assertThat(DatedBooksSchedule.monthStartAfter(at("2024-12-31T23:59:59.999999999Z")))
        .isEqualTo(at("2025-01-01T00:00:00Z"));
    assertThatThrownBy(() -> new DatedBooksSchedule(at("2024-03-01T00:00:00Z"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventsPerState");
  }
}
