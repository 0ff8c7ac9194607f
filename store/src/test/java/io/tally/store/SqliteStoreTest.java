package io.tally.store;

import static io.tally.store.Fixtures.LEDGERS;
import static io.tally.store.Fixtures.T0;
import static io.tally.store.Fixtures.events;
import static io.tally.store.Fixtures.ledger;
import static io.tally.store.Fixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

  @TempDir Path directory;

  private Path file() {
    return directory.resolve("tally.db");
  }

  private static String queryOne(Path file, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).as("a result row for %s", sql).isTrue();
      return result.getString(1);
    }
  }

  private static void execute(Path file, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Nested
  class Opening {

    @Test
    void openingANewFileCreatesTheSchema() throws SQLException {
      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.rowCount()).isZero();
        assertThat(store.eventCount()).isZero();
        assertThat(store.imports()).isEmpty();
      }

      assertThat(file()).isRegularFile();
      assertThat(
              queryOne(
                  file(),
                  "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                      + " WHERE type = 'table' ORDER BY name)"))
          .isEqualTo(
              "event_revision,flyway_schema_history,import_log,price_point,source_row,sync_mark");
      assertThat(queryOne(file(), "SELECT max(version) FROM flyway_schema_history")).isEqualTo("2");
    }

    @Test
    void openingCreatesMissingDirectories() {
      Path nested = directory.resolve("a/b/tally.db");

      try (SqliteStore store = SqliteStore.open(nested)) {
        assertThat(store.rowCount()).isZero();
      }

      assertThat(nested).isRegularFile();
    }

    @Test
    void reopeningKeepsTheData() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(
            new ImportBatch(
                List.of(ledger("L1", "R1", 0)),
                List.of(EventRecord.of("R1", T0, "DEPOSIT BTC 0.01")),
                "first"));
      }

      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.rows(LEDGERS)).containsExactly(ledger("L1", "R1", 0));
        assertThat(store.events()).containsExactly(EventRecord.of("R1", T0, "DEPOSIT BTC 0.01"));
        assertThat(store.imports())
            .extracting(ImportLogEntry::description)
            .containsExactly("first");
      }
    }

    @Test
    void theFileIsInWriteAheadLogMode() throws SQLException {
      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.pragma("journal_mode")).isEqualTo("wal");
      }

      // WAL mode is a property of the file: a fresh connection sees it too.
      assertThat(queryOne(file(), "PRAGMA journal_mode")).isEqualTo("wal");
    }

    @Test
    void theConnectionSyncsFullyChecksForeignKeysAndWaitsForLocks() {
      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.pragma("synchronous")).isEqualTo("2"); // 2 = FULL
        assertThat(store.pragma("foreign_keys")).isEqualTo("1");
        assertThat(store.pragma("busy_timeout"))
            .isEqualTo(String.valueOf(SqliteStore.BUSY_TIMEOUT_MILLIS));
      }
    }

    @Test
    void aFileThatIsNotADatabaseIsRejectedByName() throws Exception {
      Files.write(file(), "not a database, just text".repeat(100).getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> SqliteStore.open(file()))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(file().toString());
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReportedByName() throws Exception {
      Path plainFile = Files.createFile(directory.resolve("plain"));
      Path impossible = plainFile.resolve("tally.db");

      assertThatThrownBy(() -> SqliteStore.open(impossible))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(impossible.toString());
    }

    @Test
    void twoStoresOnOneFileSeeEachOthersCommits() {
      try (SqliteStore writer = SqliteStore.open(file());
          SqliteStore reader = SqliteStore.open(file())) {
        writer.commit(rows("first", ledger("L1", "R1", 0)));
        reader.commit(rows("second", ledger("L1", "R1", 0), ledger("L2", "R2", 1)));

        assertThat(writer.rows(LEDGERS)).extracting(SourceRow::rowId).containsExactly("L1", "L2");
        assertThat(reader.imports()).extracting(ImportLogEntry::importId).containsExactly(1L, 2L);
      }
    }

    @Test
    void closingTwiceIsHarmlessButUseAfterCloseIsAnError() {
      SqliteStore store = SqliteStore.open(file());
      store.close();
      store.close();

      assertThatThrownBy(store::rowCount)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }

    @Test
    void storedRowsCannotBeChangedBehindTheStoresBack() throws SQLException {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
      }

      assertThatThrownBy(() -> execute(file(), "UPDATE source_row SET fields = '{}'"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute(file(), "DELETE FROM import_log"))
          .hasMessageContaining("append-only");
    }
  }

  @Nested
  class Rows {

    @Test
    void committingTheSameBatchTwiceAddsNothingTheSecondTime() {
      ImportBatch batch =
          new ImportBatch(
              List.of(ledger("L1", "R1", 0), ledger("L2", "R1", 0), ledger("L3", "R2", 5)),
              List.of(EventRecord.of("R1", T0, "TRADE"), EventRecord.of("R2", T0, "FEE")),
              "ledgers.csv");

      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.commit(batch)).isEqualTo(new CommitResult(3, 0, 2, 0, 0, 0));
        assertThat(store.commit(batch)).isEqualTo(new CommitResult(0, 3, 0, 0, 0, 2));

        assertThat(store.rowCount()).isEqualTo(3);
        assertThat(store.eventCount()).isEqualTo(2);
      }
    }

    @Test
    void anOverlappingBatchAddsOnlyTheNewRows() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(rows("january", ledger("L1", "R1", 0), ledger("L2", "R2", 1)));

        CommitResult result =
            store.commit(rows("jan-feb", ledger("L2", "R2", 1), ledger("L3", "R3", 2)));

        assertThat(result.rowsAdded()).isEqualTo(1);
        assertThat(result.rowsSkipped()).isEqualTo(1);
        assertThat(store.rows(LEDGERS))
            .extracting(SourceRow::rowId)
            .containsExactly("L1", "L2", "L3");
      }
    }

    @Test
    void aRowRepeatedInOneBatchIsStoredOnce() {
      try (SqliteStore store = SqliteStore.open(file())) {
        CommitResult result =
            store.commit(rows("twice", ledger("L1", "R1", 0), ledger("L1", "R1", 0)));

        assertThat(result.rowsAdded()).isEqualTo(1);
        assertThat(result.rowsSkipped()).isEqualTo(1);
        assertThat(store.rowCount()).isEqualTo(1);
      }
    }

    @Test
    void aStoredRowIsNeverUpdated() {
      SourceRow original = ledger("L1", "R1", 0);
      SourceRow changed =
          new SourceRow(LEDGERS, "L1", "R9", T0.plusSeconds(9), Map.of("amount", "5"));

      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(rows("first", original));
        CommitResult result = store.commit(rows("second", changed));

        assertThat(result.rowsSkipped()).isEqualTo(1);
        assertThat(store.rows(LEDGERS)).containsExactly(original);
      }
    }

    @Test
    void theSameRowIdInTwoSourcesIsTwoRows() {
      SourceRow trade = new SourceRow("kraken.trades", "L1", "R1", T0, Map.of("pair", "XBTUSD"));

      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(rows("both", ledger("L1", "R1", 0), trade));

        assertThat(store.rowCount()).isEqualTo(2);
        assertThat(store.rows("kraken.trades")).containsExactly(trade);
        assertThat(store.rows(LEDGERS)).containsExactly(ledger("L1", "R1", 0));
        assertThat(store.rows("kraken.unknown")).isEmpty();
      }
    }

    @Test
    void rowsComeBackInInsertionOrderNotByIdOrTime() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(rows("first", ledger("Z9", "R1", 30), ledger("A1", "R2", 10)));
        store.commit(rows("second", ledger("M5", "R3", 0)));

        assertThat(store.rows(LEDGERS))
            .extracting(SourceRow::rowId)
            .containsExactly("Z9", "A1", "M5");
      }
    }

    @Test
    void rowsInGroupsReturnsEveryRowOfTheGroupsInInsertionOrder() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(
            rows("first", ledger("L1", "R1", 0), ledger("L2", "R2", 0), ledger("L3", "R3", 0)));
        // R1 gains a row in a later import.
        store.commit(rows("second", ledger("L4", "R1", 1)));

        assertThat(store.rowsInGroups(LEDGERS, List.of("R1", "R3", "R1", "R-unknown")))
            .extracting(SourceRow::rowId)
            .containsExactly("L1", "L3", "L4");
        assertThat(store.rowsInGroups("kraken.trades", List.of("R1"))).isEmpty();
        assertThat(store.rowsInGroups(LEDGERS, List.of())).isEmpty();
      }
    }

    @Test
    void knownRowIdsTakesMoreIdsThanSqliteBindsInOneStatement() {
      // SQLite binds at most 32,766 variables per statement by default.
      List<SourceRow> stored =
          IntStream.range(0, 40_000).mapToObj(i -> ledger("L" + i, "R" + i, i)).toList();
      List<String> asked =
          IntStream.range(20_000, 60_000).mapToObj(i -> "L" + i).collect(Collectors.toList());

      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(new ImportBatch(stored, List.of(), "40k"));

        assertThat(store.knownRowIds(LEDGERS, asked))
            .hasSize(20_000)
            .contains("L20000", "L39999")
            .doesNotContain("L19999", "L40000");
        assertThat(store.knownRowIds(LEDGERS, List.of())).isEmpty();
        assertThat(store.knownRowIds("kraken.trades", asked)).isEmpty();
      }
    }

    @Test
    void fieldValuesComeBackExactly() {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("tiny", "0.0000000001");
      fields.put("long", "12345.123456789012345678");
      fields.put("zeros", "1.000000000000000000000000");
      fields.put("padded", "007");
      fields.put("exponent", "1e5");
      fields.put("empty", "");
      fields.put("spaces", "  a  b  ");
      fields.put("quoted", "say \"hi\", \\ ok\nnext line\ttab");
      fields.put("unicode", "Zürich ₿ 🚀");
      fields.put("control", "\u0000\u0001");
      SourceRow row = new SourceRow(LEDGERS, "L1", "R1", T0, fields);

      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(rows("exact", row));
      }

      try (SqliteStore store = SqliteStore.open(file())) {
        SourceRow back = store.rows(LEDGERS).get(0);
        assertThat(back).isEqualTo(row);
        assertThat(back.fields()).containsExactlyEntriesOf(fields); // same order too
      }
    }

    @Test
    void idsDifferingOnlyInCaseAreDifferentRows() {
      try (SqliteStore store = SqliteStore.open(file())) {
        CommitResult result =
            store.commit(rows("case", ledger("FTabc", "Rabc", 0), ledger("FTABC", "RABC", 0)));

        assertThat(result.rowsAdded()).isEqualTo(2);
        assertThat(store.knownRowIds(LEDGERS, List.of("FTabc", "ftabc"))).containsExactly("FTabc");
        assertThat(store.rowsInGroups(LEDGERS, List.of("RABC")))
            .extracting(SourceRow::rowId)
            .containsExactly("FTABC");
      }
    }

    @Test
    void timesKeepTheirFullPrecision() {
      SourceRow nanos =
          new SourceRow(
              LEDGERS, "L1", "R1", Instant.parse("2024-03-01T12:00:00.123456789Z"), Map.of());
      SourceRow whole = new SourceRow(LEDGERS, "L2", "R2", StoredInstant.MIN, Map.of());
      SourceRow last = new SourceRow(LEDGERS, "L3", "R3", StoredInstant.MAX, Map.of());

      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(rows("times", nanos, whole, last));

        assertThat(store.rows(LEDGERS)).containsExactly(nanos, whole, last);
      }
    }
  }

  @Nested
  class Events {

    private final Instant later = T0.plusSeconds(60);

    @Test
    void aRecordWithANewLineIsANewRevisionAndReadersSeeTheLatest() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(events("v1", EventRecord.of("E1", T0, "UNCLASSIFIED")));

        CommitResult result = store.commit(events("v2", EventRecord.of("E1", T0, "TRADE BUY")));

        assertThat(result).isEqualTo(new CommitResult(0, 0, 0, 1, 0, 0));
        assertThat(store.events()).containsExactly(EventRecord.of("E1", T0, "TRADE BUY"));
        assertThat(store.findEvent("E1")).contains(EventRecord.of("E1", T0, "TRADE BUY"));
        assertThat(store.eventCount()).isEqualTo(1);
      }
    }

    @Test
    void aRecordEqualToTheLatestRevisionIsSkipped() throws SQLException {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(events("v1", EventRecord.of("E1", T0, "TRADE")));

        CommitResult result = store.commit(events("again", EventRecord.of("E1", T0, "TRADE")));

        assertThat(result).isEqualTo(new CommitResult(0, 0, 0, 0, 0, 1));
      }
      assertThat(queryOne(file(), "SELECT count(*) FROM event_revision")).isEqualTo("1");
    }

    @Test
    void aRecordWithTheSameLineAtAnotherTimeIsARevision() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(events("v1", EventRecord.of("E1", T0, "TRADE")));

        CommitResult result = store.commit(events("v2", EventRecord.of("E1", later, "TRADE")));

        assertThat(result.eventsRevised()).isEqualTo(1);
        assertThat(store.events()).containsExactly(EventRecord.of("E1", later, "TRADE"));
      }
    }

    @Test
    void aTombstoneHidesTheEventButFindEventStillShowsIt() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(
            events("v1", EventRecord.of("E1", T0, "TRADE"), EventRecord.of("E2", T0, "FEE")));

        CommitResult result = store.commit(events("retract", EventRecord.retracted("E1", later)));

        assertThat(result).isEqualTo(new CommitResult(0, 0, 0, 0, 1, 0));
        assertThat(store.events()).containsExactly(EventRecord.of("E2", T0, "FEE"));
        assertThat(store.eventCount()).isEqualTo(1);
        assertThat(store.findEvent("E1")).contains(EventRecord.retracted("E1", later));
        assertThat(store.findEvent("E-unknown")).isEmpty();
      }
    }

    @Test
    void retractingAnUnknownOrRetractedEventChangesNothing() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(events("v1", EventRecord.of("E1", T0, "TRADE")));
        store.commit(events("retract", EventRecord.retracted("E1", T0)));

        CommitResult result =
            store.commit(
                events(
                    "retract again",
                    EventRecord.retracted("E1", later),
                    EventRecord.retracted("E-unknown", T0)));

        assertThat(result).isEqualTo(new CommitResult(0, 0, 0, 0, 0, 2));
        assertThat(store.findEvent("E1")).contains(EventRecord.retracted("E1", T0));
        assertThat(store.findEvent("E-unknown")).isEmpty();
      }
    }

    @Test
    void aRetractedEventCanComeBack() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(events("v1", EventRecord.of("E1", T0, "TRADE")));
        store.commit(events("retract", EventRecord.retracted("E1", T0)));

        CommitResult result = store.commit(events("back", EventRecord.of("E1", T0, "TRADE")));

        assertThat(result.eventsRevised()).isEqualTo(1);
        assertThat(store.events()).containsExactly(EventRecord.of("E1", T0, "TRADE"));
      }
    }

    @Test
    void recordsOfOneIdInOneBatchApplyInOrder() throws SQLException {
      try (SqliteStore store = SqliteStore.open(file())) {
        CommitResult result =
            store.commit(
                events(
                    "three",
                    EventRecord.of("E1", T0, "A"),
                    EventRecord.of("E1", T0, "A"),
                    EventRecord.of("E1", T0, "B"),
                    EventRecord.retracted("E1", T0),
                    EventRecord.of("E1", T0, "C")));

        // A added, A unchanged, B revised, retracted, C revised (brought back).
        assertThat(result).isEqualTo(new CommitResult(0, 0, 1, 2, 1, 1));
        assertThat(store.events()).containsExactly(EventRecord.of("E1", T0, "C"));
      }
      assertThat(
              queryOne(
                  file(),
                  "SELECT group_concat(revision || ':' || line, ',') FROM"
                      + " (SELECT revision, line FROM event_revision ORDER BY revision)"))
          .isEqualTo("1:A,2:B,3:,4:C");
    }

    @Test
    void eventsAreOrderedByTimeThenIdWhateverTheirPrecision() {
      // As Instant.toString() text, "12:00:00Z" would sort after "12:00:00.5Z" ('Z' > '.').
      Instant whole = Instant.parse("2024-03-01T12:00:00Z");
      Instant half = Instant.parse("2024-03-01T12:00:00.5Z");
      Instant nano = Instant.parse("2024-03-01T12:00:00.000000001Z");
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(
            events(
                "unordered",
                EventRecord.of("E-half", half, "3"),
                EventRecord.of("E-b", whole, "2"),
                EventRecord.of("E-nano", nano, "4"),
                EventRecord.of("E-a", whole, "1"),
                EventRecord.of("E-early", Instant.parse("2023-12-31T23:59:59.999Z"), "0")));

        assertThat(store.events())
            .extracting(EventRecord::eventId)
            .containsExactly("E-early", "E-a", "E-b", "E-nano", "E-half");
      }
    }

    @Test
    void eventIdsDifferingOnlyInCaseAreDifferentEvents() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(
            events("case", EventRecord.of("FTabc", T0, "x"), EventRecord.of("FTABC", T0, "y")));

        assertThat(store.eventCount()).isEqualTo(2);
        assertThat(store.findEvent("FTabc")).contains(EventRecord.of("FTabc", T0, "x"));
      }
    }
  }

  @Nested
  class Commits {

    @Test
    void everyCommitIsLoggedWithItsTimeDescriptionAndCounts() {
      Instant now = Instant.parse("2024-03-02T08:00:00.123Z");
      try (SqliteStore store = SqliteStore.open(file(), Clock.fixed(now, ZoneOffset.UTC))) {
        store.commit(
            new ImportBatch(
                List.of(ledger("L1", "R1", 0)),
                List.of(EventRecord.of("R1", T0, "DEPOSIT")),
                "ledgers.csv"));
        store.commit(new ImportBatch(List.of(), List.of(), "nothing new"));

        assertThat(store.imports())
            .containsExactly(
                new ImportLogEntry(1, now, "ledgers.csv", new CommitResult(1, 0, 1, 0, 0, 0)),
                new ImportLogEntry(2, now, "nothing new", new CommitResult(0, 0, 0, 0, 0, 0)));
      }
    }

    @Test
    void aBatchThatFailsHalfwayLeavesTheStoreAsItWas() throws SQLException {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(
            new ImportBatch(
                List.of(ledger("L1", "R1", 0)), List.of(EventRecord.of("R1", T0, "v1")), "first"));
        // A real database failure, not a mock: inserting event "BOOM" aborts the statement, after
        // the import log entry and the batch's rows were written.
        execute(
            file(),
            "CREATE TRIGGER fail_on_boom BEFORE INSERT ON event_revision"
                + " WHEN NEW.event_id = 'BOOM' BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
        List<SourceRow> rowsBefore = store.rows(LEDGERS);
        List<EventRecord> eventsBefore = store.events();
        List<ImportLogEntry> importsBefore = store.imports();
        ImportBatch failing =
            new ImportBatch(
                List.of(ledger("L2", "R2", 1), ledger("L3", "R3", 2)),
                List.of(
                    EventRecord.of("R1", T0, "v2"),
                    EventRecord.of("R2", T0, "new"),
                    EventRecord.of("BOOM", T0, "fails")),
                "failing.csv");

        assertThatThrownBy(() -> store.commit(failing))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("failing.csv")
            .hasMessageContaining(file().toString())
            .hasMessageContaining("forced failure");

        assertThat(store.rows(LEDGERS)).isEqualTo(rowsBefore);
        assertThat(store.rowCount()).isEqualTo(1);
        assertThat(store.events()).isEqualTo(eventsBefore);
        assertThat(store.findEvent("R1")).contains(EventRecord.of("R1", T0, "v1"));
        assertThat(store.imports()).isEqualTo(importsBefore);

        // The store is still usable, and the rows of the failed batch are new to it.
        execute(file(), "DROP TRIGGER fail_on_boom");
        assertThat(store.commit(failing)).isEqualTo(new CommitResult(2, 0, 2, 1, 0, 0));
      }
    }

    @Test
    void twoHundredThousandRowsCommitInOneBatchAndReadBack() {
      List<SourceRow> rows = new ArrayList<>(200_000);
      for (int i = 0; i < 200_000; i++) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("txid", "L" + i);
        fields.put("refid", "R" + i / 2);
        fields.put("time", T0.plusSeconds(i).toString());
        fields.put("type", "trade");
        fields.put("asset", "XXBT");
        fields.put("amount", "0.00" + i);
        fields.put("fee", "0.0000000001");
        fields.put("balance", "12345.123456789012345678");
        rows.add(new SourceRow(LEDGERS, "L" + i, "R" + i / 2, T0.plusSeconds(i), fields));
      }

      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      try (SqliteStore store = SqliteStore.open(file())) {
        long start = System.nanoTime();
        long startCpu = threads.getCurrentThreadCpuTime();
        CommitResult result = store.commit(new ImportBatch(rows, List.of(), "200k"));
        long committed = System.nanoTime();
        long committedCpu = threads.getCurrentThreadCpuTime();
        List<SourceRow> back = store.rows(LEDGERS);
        long read = System.nanoTime();
        long readCpu = threads.getCurrentThreadCpuTime();
        CommitResult again = store.commit(new ImportBatch(rows, List.of(), "200k again"));
        long recommitted = System.nanoTime();
        long recommittedCpu = threads.getCurrentThreadCpuTime();
        // Wall time varies with the machine's load; this thread's CPU time much less.
        System.out.printf(
            "200,000 rows, ms wall (thread CPU): commit %d (%d), read %d (%d),"
                + " recommit with all skipped %d (%d)%n",
            (committed - start) / 1_000_000,
            (committedCpu - startCpu) / 1_000_000,
            (read - committed) / 1_000_000,
            (readCpu - committedCpu) / 1_000_000,
            (recommitted - read) / 1_000_000,
            (recommittedCpu - readCpu) / 1_000_000);

        assertThat(result.rowsAdded()).isEqualTo(200_000);
        assertThat(again.rowsSkipped()).isEqualTo(200_000);
        assertThat(back).isEqualTo(rows);
      }
    }
  }
}
