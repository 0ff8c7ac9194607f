package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CheckpointTest {

  @Test
  void importZeroIsTheStateBeforeAnyImportButANegativeIdIsRejected() {
    assertThat(new Checkpoint(0, T0, "{}").importId()).isZero();

    assertThatThrownBy(() -> new Checkpoint(-1, T0, "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("importId");
  }

  @Test
  void aBlankOrMissingStateIsRejected() {
    assertThatThrownBy(() -> new Checkpoint(1, T0, " \n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state");
    assertThatThrownBy(() -> new Checkpoint(1, T0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("state");
  }

  @Test
  void aTimeTheStoreCannotKeepIsRejected() {
    assertThatThrownBy(() -> new Checkpoint(1, StoredInstant.MAX.plusNanos(1), "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takenAt");
    assertThatThrownBy(() -> new Checkpoint(1, null, "{}"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("takenAt");
  }

  @Test
  void toStringShowsTheLengthOfTheStateNotTheState() {
    Checkpoint checkpoint = new Checkpoint(7, T0, "x".repeat(1_000_000));

    assertThat(checkpoint.toString())
        .isEqualTo("Checkpoint[importId=7, takenAt=2024-03-01T12:00:00Z, state=1000000 chars]");
  }
}
