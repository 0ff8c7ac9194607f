package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static io.tally.store.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

  @Test
  void derivedRowsAreKeptAsTheyAreAndMadeWhenAskedFor() {
    List<String> ledgerIds = List.of("L1", "L2");
    List<SourceRow> orders = List.of(new SourceRow("kraken.orders", "O1", "O1", T0, Map.of()));
    AtomicInteger made = new AtomicInteger();
    ImportBatch.DerivedRows rows =
        ImportBatch.DerivedRows.of(
                Fixtures.LEDGERS,
                ledgerIds,
                id -> id,
                id -> {
                  made.incrementAndGet();
                  return ledger(id, "R" + id, 0);
                })
            .followedBy(
                ImportBatch.DerivedRows.of("kraken.orders", orders, SourceRow::rowId, o -> o));

    ImportBatch batch = new ImportBatch(rows, List.of(), "ledgers.csv");

    assertThat(batch.rows()).isSameAs(rows);
    assertThat(made).hasValue(0);
    assertThat(batch.rows())
        .isEqualTo(List.of(ledger("L1", "RL1", 0), ledger("L2", "RL2", 0), orders.get(0)));
    assertThat(rows.source(2)).isEqualTo("kraken.orders");
    assertThat(rows.rowId(1)).isEqualTo("L2");
  }

  @Test
  void aDerivedRowMustBeWhatItsIdSaid() {
    ImportBatch.DerivedRows rows =
        ImportBatch.DerivedRows.of(
            Fixtures.LEDGERS, List.of("L1"), id -> id, id -> ledger("L9", "R1", 0));

    assertThatThrownBy(() -> rows.get(0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("L9");
  }
}
