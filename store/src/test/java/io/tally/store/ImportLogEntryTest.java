package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImportLogEntryTest {

  private final CommitResult nothing = new CommitResult(0, 0, 0, 0, 0, 0);

  @Test
  void anEntryKeepsItsParts() {
    ImportLogEntry entry = new ImportLogEntry(1, T0, "ledgers.csv", nothing);

    assertThat(entry.importId()).isEqualTo(1);
    assertThat(entry.at()).isEqualTo(T0);
    assertThat(entry.description()).isEqualTo("ledgers.csv");
    assertThat(entry.result()).isEqualTo(nothing);
  }

  @Test
  void idsStartAtOne() {
    assertThatThrownBy(() -> new ImportLogEntry(0, T0, "x", nothing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
