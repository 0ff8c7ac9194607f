package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventPositionTest {

  @Test
  void theTimeAndIdOfARecordAreItsPosition() {
    assertThat(EventPosition.of(EventRecord.of("E1", T0, "TRADE")))
        .isEqualTo(new EventPosition(T0, "E1"));
  }

  @Test
  void aBlankIdIsRejected() {
    assertThatThrownBy(() -> new EventPosition(T0, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eventId");
    assertThatThrownBy(() -> new EventPosition(T0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("eventId");
  }

  @Test
  void aTimeTheStoreCannotKeepIsRejected() {
    assertThatThrownBy(() -> new EventPosition(Instant.MIN, "E1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at");
  }
}
