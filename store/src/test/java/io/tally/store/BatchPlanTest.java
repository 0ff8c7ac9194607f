package io.tally.store;

import static io.tally.store.Fixtures.LEDGERS;
import static io.tally.store.Fixtures.T0;
import static io.tally.store.Fixtures.ledger;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

  @Test
  void storedRowsAndRepeatsInTheBatchAreSkipped() {
    ImportBatch batch =
        new ImportBatch(
            List.of(
                ledger("L1", "R1", 0),
                ledger("L2", "R2", 0),
                ledger("L2", "R2", 0),
                ledger("L3", "R3", 0)),
            List.of(),
            "x");

    BatchPlan plan = BatchPlan.of(batch, Map.of(LEDGERS, Set.of("L1")), Map.of());

    assertThat(plan.rows()).extracting(SourceRow::rowId).containsExactly("L2", "L3");
    assertThat(plan.result()).isEqualTo(new CommitResult(2, 2, 0, 0, 0, 0));
  }

  @Test
  void revisionsAreNumberedAfterTheLatestStoredOne() {
    ImportBatch batch =
        new ImportBatch(
            List.of(),
            List.of(
                EventRecord.of("E1", T0, "same"),
                EventRecord.of("E2", T0, "changed"),
                EventRecord.retracted("E3", T0),
                EventRecord.of("E4", T0, "new"),
                EventRecord.retracted("E5", T0)),
            "x");
    Map<String, EventRevision> latest =
        Map.of(
            "E1", new EventRevision(EventRecord.of("E1", T0, "same"), 1),
            "E2", new EventRevision(EventRecord.of("E2", T0, "old"), 4),
            "E3", new EventRevision(EventRecord.of("E3", T0, "live"), 2));

    BatchPlan plan = BatchPlan.of(batch, Map.of(), latest);

    assertThat(plan.revisions())
        .containsExactly(
            new EventRevision(EventRecord.of("E2", T0, "changed"), 5),
            new EventRevision(EventRecord.retracted("E3", T0), 3),
            new EventRevision(EventRecord.of("E4", T0, "new"), 1));
    // E1 equal to its latest revision, E5 retracted without ever being stored: both unchanged.
    assertThat(plan.result()).isEqualTo(new CommitResult(0, 0, 1, 1, 1, 2));
  }

  @Test
  void theLookupsAreTheBatchsDistinctIds() {
    ImportBatch batch =
        new ImportBatch(
            List.of(
                ledger("L1", "R1", 0),
                new SourceRow("kraken.trades", "T1", "R1", T0, Map.of()),
                ledger("L1", "R1", 0)),
            List.of(EventRecord.of("E1", T0, "a"), EventRecord.of("E1", T0, "b")),
            "x");

    assertThat(BatchPlan.rowIdsBySource(batch))
        .isEqualTo(Map.of(LEDGERS, Set.of("L1"), "kraken.trades", Set.of("T1")));
    assertThat(BatchPlan.eventIds(batch)).containsExactly("E1");
  }

  @Test
  void rowsMadeOnDemandArePlannedWithoutMakingThemAll() {
    List<String> ids = List.of("L1", "L2", "L2", "L3");
    AtomicInteger made = new AtomicInteger();
    ImportBatch batch =
        new ImportBatch(
            ImportBatch.DerivedRows.of(
                LEDGERS,
                ids,
                id -> id,
                id -> {
                  made.incrementAndGet();
                  return ledger(id, "R", 0);
                }),
            List.of(),
            "x");

    BatchPlan plan = BatchPlan.of(batch, Map.of(LEDGERS, Set.of("L1")), Map.of());

    assertThat(made).hasValue(0);
    assertThat(plan.rows()).extracting(SourceRow::rowId).containsExactly("L2", "L3");
    assertThat(plan.result()).isEqualTo(new CommitResult(2, 2, 0, 0, 0, 0));
  }
}
