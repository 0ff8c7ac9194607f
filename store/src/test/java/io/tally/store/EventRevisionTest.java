package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventRevisionTest {

  @Test
  void revisionsCountFromOne() {
    assertThat(new EventRevision(EventRecord.retracted("E1", T0), 1).revision()).isEqualTo(1);

    assertThatThrownBy(() -> new EventRevision(EventRecord.of("E1", T0, "TRADE"), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("E1")
        .hasMessageContaining("0");
  }

  @Test
  void aMissingRecordIsRejected() {
    assertThatThrownBy(() -> new EventRevision(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("record");
  }
}
