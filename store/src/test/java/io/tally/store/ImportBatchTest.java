package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static io.tally.store.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportBatchTest {

  @Test
  void theBatchKeepsItsOwnCopyOfTheLists() {
    List<SourceRow> rows = new ArrayList<>(List.of(ledger("L1", "R1", 0)));
    List<EventRecord> events = new ArrayList<>(List.of(EventRecord.of("R1", T0, "TRADE")));

    ImportBatch batch = new ImportBatch(rows, events, "ledgers.csv");
    rows.clear();
    events.clear();

    assertThat(batch.rows()).hasSize(1);
    assertThat(batch.events()).hasSize(1);
    assertThatThrownBy(() -> batch.rows().add(ledger("L2", "R2", 0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void nullsAreRejected() {
    assertThatThrownBy(() -> new ImportBatch(List.of(), List.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("description");
    assertThatThrownBy(() -> new ImportBatch(null, List.of(), "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("rows");
  }
}
