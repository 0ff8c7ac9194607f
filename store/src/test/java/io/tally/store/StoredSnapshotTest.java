package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredSnapshotTest {

  @Test
  void theBodyIsKeptAsGiven() {
    assertThat(new StoredSnapshot(T0, " {\"a\": 1.50} ").body()).isEqualTo(" {\"a\": 1.50} ");
  }

  @Test
  void aBlankBodyIsRejected() {
    assertThatThrownBy(() -> new StoredSnapshot(T0, "\t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body");
    assertThatThrownBy(() -> new StoredSnapshot(T0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("body");
  }

  @Test
  void aTimeTheStoreCannotKeepIsRejected() {
    assertThatThrownBy(() -> new StoredSnapshot(Instant.MAX, "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takenAt");
  }
}
