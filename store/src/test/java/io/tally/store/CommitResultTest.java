package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommitResultTest {

  @Test
  void countsAreKeptAsGiven() {
    CommitResult result = new CommitResult(3, 1, 2, 1, 1, 4);

    assertThat(result.rowsAdded()).isEqualTo(3);
    assertThat(result.rowsSkipped()).isEqualTo(1);
    assertThat(result.eventsAdded()).isEqualTo(2);
    assertThat(result.eventsRevised()).isEqualTo(1);
    assertThat(result.eventsRetracted()).isEqualTo(1);
    assertThat(result.eventsUnchanged()).isEqualTo(4);
  }

  @Test
  void aNegativeCountIsRejectedByName() {
    assertThatThrownBy(() -> new CommitResult(0, 0, 0, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventsRevised must not be negative: -1");
  }
}
