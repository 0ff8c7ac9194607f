package io.tally.store;

import static io.tally.store.Fixtures.LEDGERS;
import static io.tally.store.Fixtures.T0;
import static io.tally.store.Fixtures.deflated;
import static io.tally.store.Fixtures.events;
import static io.tally.store.Fixtures.ledger;
import static io.tally.store.Fixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@link PortfolioStore} contract, run against every implementation: a subclass says how to
 * open a store on a fresh database of its own per test, and how to reach that database behind the
 * store's back (a second connection, for checks and for failures the store cannot cause itself).
 */
abstract class PortfolioStoreContract {

  /** Opens a store on this test's database; opening again opens the same database. */
  abstract PortfolioStore open(Clock clock);

  /** This test's database as {@link PortfolioStore#open(String, Map)} takes it. */
  abstract String location();

  /** The environment {@link PortfolioStore#open(String, Map)} needs for {@link #location()}. */
  abstract Map<String, String> env();

  /** The class {@link PortfolioStore#open(String, Map)} gives for {@link #location()}. */
  abstract Class<? extends PortfolioStore> implementation();

  /** How the store's messages name this test's database. */
  abstract String databaseName();

  /** A connection of its own to this test's database, in autocommit mode. */
  abstract Connection connect() throws SQLException;

  /** The names of the tables in this test's database, sorted. */
  abstract List<String> tables() throws SQLException;

  /**
   * Makes the database fail every insert into {@code table} whose {@code column} is {@code value},
   * with the message {@code forced failure}, as a trigger would.
   */
  abstract void failInsertsOf(String table, String column, String value) throws SQLException;

  /** Makes the database fail every insert into {@code table} whose {@code column} is BOOM. */
  final void failInsertsOf(String table, String column) throws SQLException {
    failInsertsOf(table, column, "BOOM");
  }

  /**
   * Makes the database fail every delete from {@code table} with the message {@code forced
   * failure}, as a trigger would.
   */
  abstract void failDeletesFrom(String table) throws SQLException;

  /** Undoes {@link #failInsertsOf} for {@code table}. */
  abstract void stopFailingInsertsOf(String table) throws SQLException;

  /**
   * Creates this test's database at schema {@code version} with the store's own migrations, without
   * opening a store (which would migrate it to the newest).
   */
  abstract void migrateTo(String version);

  final PortfolioStore open() {
    return open(Clock.systemUTC());
  }

  final String queryOne(String sql) throws SQLException {
    List<String> values = queryList(sql);
    assertThat(values).as("one result row for %s", sql).hasSize(1);
    return values.get(0);
  }

  final List<String> queryList(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (result.next()) {
        values.add(result.getString(1));
      }
      return values;
    }
  }

  /** Every value appended for mark {@code name}, oldest first. */
  final List<String> markValues(String name) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT value FROM sync_mark WHERE name = ? ORDER BY seq")) {
      query.setString(1, name);
      List<String> values = new ArrayList<>();
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          values.add(result.getString(1));
        }
      }
      return values;
    }
  }

  final void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** The schema versions Flyway's history records as migrated, in the order they ran. */
  final List<String> migratedVersions() throws SQLException {
    return queryList(
        "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
  }

  /** Makes the database fail every insert of a revision of event {@code eventId}. */
  final void failInsertsOfEvent(String eventId) throws SQLException {
    failInsertsOf("event_key", "id_hash", String.valueOf(IdKey.of(eventId)));
  }

  /**
   * Every stored revision as its block's line holds it, less its time: revision, form, event id and
   * line, separated by a TAB, in write order.
   */
  final List<String> storedLines() throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet blocks =
            statement.executeQuery("SELECT lines FROM event_block ORDER BY block_id")) {
      while (blocks.next()) {
        String text = Deflated.inflate(blocks.getBytes(1), SQLException::new);
        for (String line : text.split("\n")) {
          String[] texts = line.split("\t", -1);
          lines.add(texts[0] + "\t" + texts[1] + "\t" + texts[3] + "\t" + texts[4]);
        }
      }
    }
    return lines;
  }

  /** The number of entries in every history table, by table: what pruning must never change. */
  final Map<String, String> historyCounts() throws SQLException {
    Map<String, String> counts = new LinkedHashMap<>();
    for (String table :
        List.of(
            "import_log",
            "row_source",
            "row_layout",
            "row_block",
            "row_id_key",
            "row_group_key",
            "event_block",
            "event_key",
            "price_point",
            "sync_mark")) {
      counts.put(table, queryOne("SELECT count(*) FROM " + table));
    }
    return counts;
  }

  /**
   * 200 random ledger rows, then plain ones, more than a migration moving {@code chunk} rows at
   * once moves in one go.
   */
  static List<SourceRow> rowsOverAChunk(RandomRows random, int chunk) {
    List<SourceRow> rows = new ArrayList<>(random.rows(LEDGERS, 200));
    for (int i = 0; i < chunk + 500; i++) {
      rows.add(ledger("plain-" + i, "group-" + i / 2, i));
    }
    return rows;
  }

  /** The rows of these groups, in their order. */
  static List<SourceRow> ofGroups(List<SourceRow> rows, String... groups) {
    List<String> wanted = List.of(groups);
    return rows.stream().filter(row -> wanted.contains(row.groupId())).toList();
  }

  /**
   * Writes row block {@code blockId} of source 1 and import 1 behind the store's back, holding
   * these bytes.
   */
  final void insertBlock(long blockId, int rowCount, byte[] bytes) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO row_block (block_id, source_id, import_id, row_count, rows)"
                    + " VALUES (?, 1, 1, ?, ?)")) {
      insert.setLong(1, blockId);
      insert.setInt(2, rowCount);
      insert.setBytes(3, bytes);
      insert.executeUpdate();
    }
  }

  /** Logs an import the way a store of an older schema did, written behind the store's back. */
  final void logOldImport(String description) throws SQLException {
    execute(
        "INSERT INTO import_log (imported_at, description, rows_added, rows_skipped,"
            + " events_added, events_revised, events_retracted, events_unchanged)"
            + " VALUES ('2024-03-01T12:00:00.000000000Z', '"
            + description
            + "', 0, 0, 0, 0, 0, 0)");
  }

  /** Commits a batch of every kind of history: rows, events, a tombstone, prices and marks. */
  static void commitSomeHistory(PortfolioStore store) {
    store.commit(
        new ImportBatch(
            List.of(ledger("L1", "R1", 0), ledger("L2", "R2", 1)),
            List.of(
                EventRecord.of("R1", T0, "TRADE"),
                EventRecord.of("R2", T0, "FEE"),
                EventRecord.retracted("R2", T0)),
            List.of(new StoredPrice("XBT", T0, "42000.5", "test")),
            Map.of("ledgers.newest", "1709294400"),
            "history"));
  }

  @Nested
  class Opening {

    @Test
    void openingAnEmptyDatabaseCreatesTheSchema() throws SQLException {
      try (PortfolioStore store = open()) {
        assertThat(store.rowCount()).isZero();
        assertThat(store.eventCount()).isZero();
        assertThat(store.imports()).isEmpty();
      }

      assertThat(tables())
          .containsExactly(
              "checkpoint",
              "dated_books",
              "equity_point",
              "event_block",
              "event_key",
              "flyway_schema_history",
              "import_log",
              "portfolio_snapshot",
              "price_point",
              "reconciliation",
              "reconciliation_asset",
              "risk_event",
              "row_block",
              "row_group_key",
              "row_id_key",
              "row_layout",
              "row_source",
              "sync_mark",
              "trade_pnl_block",
              "trade_pnl_key");
      assertThat(
              queryList(
                  "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
                      + " ORDER BY installed_rank"))
          .containsExactly(
              "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
              "17", "18", "19");
    }

    @Test
    void theLocationOpensTheSameStore() {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
      }

      try (PortfolioStore store = PortfolioStore.open(location(), env())) {
        assertThat(store).isInstanceOf(implementation());
        assertThat(store.rows(LEDGERS)).containsExactly(ledger("L1", "R1", 0));
      }
    }

    @Test
    void reopeningKeepsTheData() {
      try (PortfolioStore store = open()) {
        store.commit(
            new ImportBatch(
                List.of(ledger("L1", "R1", 0)),
                List.of(EventRecord.of("R1", T0, "DEPOSIT BTC 0.01")),
                "first"));
      }

      try (PortfolioStore store = open()) {
        assertThat(store.rows(LEDGERS)).containsExactly(ledger("L1", "R1", 0));
        assertThat(store.events()).containsExactly(EventRecord.of("R1", T0, "DEPOSIT BTC 0.01"));
        assertThat(store.imports())
            .extracting(ImportLogEntry::description)
            .containsExactly("first");
      }
    }

    @Test
    void twoStoresOnOneDatabaseSeeEachOthersCommits() {
      try (PortfolioStore writer = open();
          PortfolioStore reader = open()) {
        writer.commit(rows("first", ledger("L1", "R1", 0)));
        reader.commit(rows("second", ledger("L1", "R1", 0), ledger("L2", "R2", 1)));

        assertThat(writer.rows(LEDGERS)).extracting(SourceRow::rowId).containsExactly("L1", "L2");
        assertThat(reader.imports()).extracting(ImportLogEntry::importId).containsExactly(1L, 2L);
      }
    }

    @Test
    void closingTwiceIsHarmlessButUseAfterCloseIsAnError() {
      PortfolioStore store = open();
      store.close();
      store.close();

      assertThatThrownBy(store::rowCount)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
      assertThatThrownBy(() -> store.commit(rows("late", ledger("L1", "R1", 0))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }

    @Test
    void storedRowsCannotBeChangedBehindTheStoresBack() {
      try (PortfolioStore store = open()) {
        store.commit(
            new ImportBatch(
                List.of(ledger("L1", "R1", 0)),
                List.of(EventRecord.of("R1", T0, "TRADE")),
                List.of(new StoredPrice("XBT", T0, "1", "test")),
                Map.of("m", "1"),
                "first"));
      }

      assertThatThrownBy(() -> execute("UPDATE row_block SET row_count = 2"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("UPDATE row_id_key SET id_hash = 1"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("DELETE FROM row_group_key"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("UPDATE row_layout SET names = ''"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("DELETE FROM row_source"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("DELETE FROM import_log"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("UPDATE event_block SET revisions = 2"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("DELETE FROM event_key"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("DELETE FROM price_point"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> execute("UPDATE sync_mark SET value = '2'"))
          .hasMessageContaining("append-only");
    }

    @Test
    void derivedTablesAreNotAppendOnly() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
        store.saveCheckpoint(new Checkpoint(1, T0, "state"));
        store.saveSnapshot(new StoredSnapshot(T0, "{}"));
        store.appendEquityPoint(new StoredEquityPoint(T0, "1", "1", "0", "0"));
        store.saveReconciliation(
            new StoredReconciliation(
                T0,
                "ok",
                false,
                Optional.of(
                    new StoredReconciliation.Comparison(
                        BigDecimal.ONE,
                        BigDecimal.ZERO,
                        List.of(
                            new StoredReconciliation.AssetDifference(
                                "XBT",
                                BigDecimal.ONE,
                                BigDecimal.ONE,
                                BigDecimal.ZERO,
                                Optional.of(BigDecimal.ZERO)))))));
      }

      // The engine can rebuild them, so nothing stops a delete; the history is still guarded.
      execute("DELETE FROM checkpoint");
      execute("DELETE FROM dated_books");
      execute("DELETE FROM portfolio_snapshot");
      execute("DELETE FROM equity_point");
      execute("DELETE FROM reconciliation_asset");
      execute("DELETE FROM reconciliation");
      assertThatThrownBy(() -> execute("DELETE FROM row_block"))
          .hasMessageContaining("append-only");
      try (PortfolioStore store = open()) {
        assertThat(store.latestCheckpoint()).isEmpty();
        assertThat(store.snapshots(Optional.empty(), 10)).isEmpty();
        assertThat(store.equityPoints(StoredInstant.MIN)).isEmpty();
        assertThat(store.latestReconciliation()).isEmpty();
        assertThat(store.rowCount()).isEqualTo(1);
      }
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

      try (PortfolioStore store = open()) {
        assertThat(store.commit(batch)).isEqualTo(new CommitResult(3, 0, 2, 0, 0, 0));
        assertThat(store.commit(batch)).isEqualTo(new CommitResult(0, 3, 0, 0, 0, 2));

        assertThat(store.rowCount()).isEqualTo(3);
        assertThat(store.eventCount()).isEqualTo(2);
      }
    }

    @Test
    void anOverlappingBatchAddsOnlyTheNewRows() {
      try (PortfolioStore store = open()) {
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
      try (PortfolioStore store = open()) {
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

      try (PortfolioStore store = open()) {
        store.commit(rows("first", original));
        CommitResult result = store.commit(rows("second", changed));

        assertThat(result.rowsSkipped()).isEqualTo(1);
        assertThat(store.rows(LEDGERS)).containsExactly(original);
      }
    }

    @Test
    void theSameRowIdInTwoSourcesIsTwoRows() {
      SourceRow trade = new SourceRow("kraken.trades", "L1", "R1", T0, Map.of("pair", "XBTUSD"));

      try (PortfolioStore store = open()) {
        store.commit(rows("both", ledger("L1", "R1", 0), trade));

        assertThat(store.rowCount()).isEqualTo(2);
        assertThat(store.rows("kraken.trades")).containsExactly(trade);
        assertThat(store.rows(LEDGERS)).containsExactly(ledger("L1", "R1", 0));
        assertThat(store.rows("kraken.unknown")).isEmpty();
      }
    }

    @Test
    void rowsComeBackInInsertionOrderNotByIdOrTime() {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("Z9", "R1", 30), ledger("A1", "R2", 10)));
        store.commit(rows("second", ledger("M5", "R3", 0)));

        assertThat(store.rows(LEDGERS))
            .extracting(SourceRow::rowId)
            .containsExactly("Z9", "A1", "M5");
      }
    }

    @Test
    void rowsInGroupsReturnsEveryRowOfTheGroupsInInsertionOrder() {
      try (PortfolioStore store = open()) {
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
    void idsAskedAboutMayComeAsASetOrAListWithRepeatsButNeverWithNull() {
      try (PortfolioStore store = open()) {
        store.commit(rows("2", ledger("L1", "R1", 0), ledger("L2", "R2", 1)));
        Set<String> withNull = new HashSet<>(Arrays.asList("L1", null));

        assertThat(store.knownRowIds(LEDGERS, new LinkedHashSet<>(List.of("L2", "L3", "L1"))))
            .containsExactlyInAnyOrder("L1", "L2");
        assertThat(store.knownRowIds(LEDGERS, List.of("L1", "L1", "L9"))).containsExactly("L1");
        assertThat(store.rowsInGroups(LEDGERS, List.of("R2", "R2")))
            .extracting(SourceRow::rowId)
            .containsExactly("L2");
        assertThatThrownBy(() -> store.knownRowIds(LEDGERS, withNull))
            .isInstanceOf(NullPointerException.class)
            .hasMessage("rowIds must not contain null");
        assertThatThrownBy(() -> store.rowsInGroups(LEDGERS, Arrays.asList("R1", null)))
            .isInstanceOf(NullPointerException.class)
            .hasMessage("groupIds must not contain null");
      }
    }

    @Test
    void knownRowIdsTakesMoreIdsThanADatabaseBindsInOneStatement() {
      // SQLite binds at most 32,766 variables per statement by default, PostgreSQL 65,535.
      List<SourceRow> stored =
          IntStream.range(0, 40_000).mapToObj(i -> ledger("L" + i, "R" + i, i)).toList();
      List<String> asked =
          IntStream.range(20_000, 100_000).mapToObj(i -> "L" + i).collect(Collectors.toList());

      try (PortfolioStore store = open()) {
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
      fields.put("b", "keys stay in their order, not sorted");
      fields.put("a", "");
      SourceRow row = new SourceRow(LEDGERS, "L1", "R1", T0, fields);

      try (PortfolioStore store = open()) {
        store.commit(rows("exact", row));
      }

      try (PortfolioStore store = open()) {
        SourceRow back = store.rows(LEDGERS).get(0);
        assertThat(back).isEqualTo(row);
        assertThat(back.fields()).containsExactlyEntriesOf(fields); // same order too
      }
    }

    @Test
    void idsDifferingOnlyInCaseAreDifferentRows() {
      try (PortfolioStore store = open()) {
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

      try (PortfolioStore store = open()) {
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
      try (PortfolioStore store = open()) {
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
      try (PortfolioStore store = open()) {
        store.commit(events("v1", EventRecord.of("E1", T0, "TRADE")));

        CommitResult result = store.commit(events("again", EventRecord.of("E1", T0, "TRADE")));

        assertThat(result).isEqualTo(new CommitResult(0, 0, 0, 0, 0, 1));
      }
      assertThat(queryOne("SELECT sum(revisions) FROM event_block")).isEqualTo("1");
    }

    @Test
    void aRecordWithTheSameLineAtAnotherTimeIsARevision() {
      try (PortfolioStore store = open()) {
        store.commit(events("v1", EventRecord.of("E1", T0, "TRADE")));

        CommitResult result = store.commit(events("v2", EventRecord.of("E1", later, "TRADE")));

        assertThat(result.eventsRevised()).isEqualTo(1);
        assertThat(store.events()).containsExactly(EventRecord.of("E1", later, "TRADE"));
      }
    }

    @Test
    void aTombstoneHidesTheEventButFindEventStillShowsIt() {
      try (PortfolioStore store = open()) {
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
    void theCountIsOfTheEventsWhoseLatestRevisionIsLive() {
      try (PortfolioStore store = open()) {
        store.commit(
            events(
                "v1",
                EventRecord.of("E1", T0, "TRADE"),
                EventRecord.of("E2", T0, "FEE"),
                EventRecord.of("E3", T0, "FLOW"),
                EventRecord.of("E4", T0, "TRADE A")));
        store.commit(
            events(
                "v2",
                EventRecord.retracted("E2", later),
                EventRecord.retracted("E3", later),
                EventRecord.of("E4", T0, "TRADE B")));
        // E3 comes back after its tombstone; E4 is revised once more.
        store.commit(
            events("v3", EventRecord.of("E3", later, "FLOW"), EventRecord.of("E4", T0, "TRADE C")));

        // E1, E3 and E4 are visible; E2's latest revision is its tombstone.
        assertThat(store.eventCount()).isEqualTo(3).isEqualTo(store.events().size());
      }
    }

    @Test
    void retractingAnUnknownOrRetractedEventChangesNothing() {
      try (PortfolioStore store = open()) {
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
      try (PortfolioStore store = open()) {
        store.commit(events("v1", EventRecord.of("E1", T0, "TRADE")));
        store.commit(events("retract", EventRecord.retracted("E1", T0)));

        CommitResult result = store.commit(events("back", EventRecord.of("E1", T0, "TRADE")));

        assertThat(result.eventsRevised()).isEqualTo(1);
        assertThat(store.events()).containsExactly(EventRecord.of("E1", T0, "TRADE"));
      }
    }

    @Test
    void recordsOfOneIdInOneBatchApplyInOrder() throws SQLException {
      try (PortfolioStore store = open()) {
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
      assertThat(storedLines())
          .containsExactly("1\tw\tE1\tA", "2\tw\tE1\tB", "3\tt\tE1\t", "4\tw\tE1\tC");
    }

    @Test
    void eventsAreOrderedByTimeThenIdWhateverTheirPrecision() {
      // As Instant.toString() text, "12:00:00Z" would sort after "12:00:00.5Z" ('Z' > '.').
      Instant whole = Instant.parse("2024-03-01T12:00:00Z");
      Instant half = Instant.parse("2024-03-01T12:00:00.5Z");
      Instant nano = Instant.parse("2024-03-01T12:00:00.000000001Z");
      try (PortfolioStore store = open()) {
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
    void idsOfOneMomentAreOrderedByCodePointNotByLanguage() {
      // A language's collation would put a before B and may ignore the '-' and '_'.
      try (PortfolioStore store = open()) {
        store.commit(
            events(
                "ids",
                EventRecord.of("b", T0, "1"),
                EventRecord.of("É", T0, "2"),
                EventRecord.of("_x", T0, "3"),
                EventRecord.of("a-z", T0, "4"),
                EventRecord.of("B", T0, "5"),
                EventRecord.of("az", T0, "6")));

        assertThat(store.events())
            .extracting(EventRecord::eventId)
            .containsExactly("B", "_x", "a-z", "az", "b", "É");
      }
    }

    @Test
    void eventIdsDifferingOnlyInCaseAreDifferentEvents() {
      try (PortfolioStore store = open()) {
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
      try (PortfolioStore store = open(Clock.fixed(now, ZoneOffset.UTC))) {
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
      try (PortfolioStore store = open()) {
        store.commit(
            new ImportBatch(
                List.of(ledger("L1", "R1", 0)), List.of(EventRecord.of("R1", T0, "v1")), "first"));
        // A real database failure, not a mock: inserting event "BOOM" aborts the statement, after
        // the import log entry and the batch's rows were written.
        failInsertsOfEvent("BOOM");
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
            .hasMessageContaining(databaseName())
            .hasMessageContaining("forced failure");

        assertThat(store.rows(LEDGERS)).isEqualTo(rowsBefore);
        assertThat(store.rowCount()).isEqualTo(1);
        assertThat(store.events()).isEqualTo(eventsBefore);
        assertThat(store.findEvent("R1")).contains(EventRecord.of("R1", T0, "v1"));
        assertThat(store.imports()).isEqualTo(importsBefore);

        // The store is still usable, and the rows of the failed batch are new to it.
        stopFailingInsertsOf("event_key");
        assertThat(store.commit(failing)).isEqualTo(new CommitResult(2, 0, 2, 1, 0, 0));
      }
    }

    @Test
    void commitsFromTwoStoresAtOnceStoreEveryRowOnce() throws Exception {
      // Both write the same 300 rows, in 30 overlapping batches each, at the same time: each row
      // must be added by exactly one commit, and no commit may fail.
      int batches = 30;
      try (PortfolioStore first = open();
          PortfolioStore second = open()) {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
          List<Callable<Integer>> writers = new ArrayList<>();
          for (PortfolioStore store : List.of(first, second)) {
            writers.add(
                () -> {
                  int added = 0;
                  for (int batch = 0; batch < batches; batch++) {
                    List<SourceRow> rows = new ArrayList<>();
                    for (int i = batch * 10; i < batch * 10 + 20; i++) {
                      rows.add(ledger("L" + (i % (batches * 10)), "R" + i, i));
                    }
                    EventRecord event = EventRecord.of("E" + batch, T0, "TRADE " + batch);
                    added +=
                        store.commit(new ImportBatch(rows, List.of(event), "batch")).rowsAdded();
                  }
                  return added;
                });
          }
          int added = 0;
          for (Future<Integer> writer : threads.invokeAll(writers)) {
            added += writer.get();
          }

          assertThat(added).isEqualTo(batches * 10);
          assertThat(first.rowCount()).isEqualTo(batches * 10);
          assertThat(second.eventCount()).isEqualTo(batches);
          assertThat(first.imports()).hasSize(2 * batches);
          assertThat(second.imports().stream().mapToInt(entry -> entry.result().eventsAdded()))
              .containsOnly(0, 1)
              .hasSize(2 * batches);
        } finally {
          threads.shutdown();
          assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
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
      try (PortfolioStore store = open()) {
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
        // Wall time varies with the machine's load; this thread's CPU time much less (and on
        // PostgreSQL the server's work is not in it).
        System.out.printf(
            "%s, 200,000 rows, ms wall (thread CPU): commit %d (%d), read %d (%d),"
                + " recommit with all skipped %d (%d)%n",
            store.getClass().getSimpleName(),
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

  /**
   * Rows are stored in blocks of consecutive rows, deflated, each line a layout of field names,
   * kept once, and the row's values.
   */
  @Nested
  class RowsStoredCompactly {

    /** The query of the blocks {@code row_group_key} names for group {@code groupId}'s key. */
    private String groupKeyBlocks(String groupId) {
      return "SELECT block_id FROM row_group_key WHERE id_hash = " + IdKey.of(groupId);
    }

    /** The lines of block {@code blockId}, inflated. */
    private List<String> blockLines(long blockId) throws Exception {
      try (Connection connection = connect();
          PreparedStatement query =
              connection.prepareStatement("SELECT rows FROM row_block WHERE block_id = ?")) {
        query.setLong(1, blockId);
        try (ResultSet result = query.executeQuery()) {
          assertThat(result.next()).as("block %d", blockId).isTrue();
          byte[] text =
              new InflaterInputStream(new ByteArrayInputStream(result.getBytes(1))).readAllBytes();
          return List.of(new String(text, StandardCharsets.UTF_8).split("\n"));
        }
      }
    }

    @Test
    void rowsOfOneLayoutStoreTheirNamesOnceAndOnlyTheirValuesInBlocks() throws Exception {
      int full = RowBlock.MAX_ROWS;
      List<SourceRow> rows = new ArrayList<>();
      for (int i = 0; i < 2 * full + 44; i++) {
        rows.add(ledger("L" + i, "R" + i / 2, i));
      }

      try (PortfolioStore store = open()) {
        store.commit(new ImportBatch(rows, List.of(), "rows"));

        assertThat(store.rows(LEDGERS)).isEqualTo(rows);
        assertThat(store.rowCount()).isEqualTo(rows.size());
      }

      assertThat(queryList("SELECT source FROM row_source")).containsExactly(LEDGERS);
      assertThat(queryList("SELECT field_count || ' ' || names FROM row_layout"))
          .containsExactly("4 txid\trefid\tasset\tamount");
      // Two full blocks and one of the 44 rows left.
      assertThat(queryList("SELECT row_count FROM row_block ORDER BY block_id"))
          .containsExactly(String.valueOf(full), String.valueOf(full), "44");
      // The ledger id and refid are the row's own row_id and group_id: \i and \g.
      List<String> lines = blockLines(1);
      assertThat(lines).hasSize(full);
      assertThat(lines.get(7))
          .isEqualTo("1\tL7\tR3\t2024-03-01T12:00:07.000000000Z\t\\i\t\\g\tXXBT\t0.0100000000");
      // The last group of block 1 (its last two rows) lies in block 1 only; the next in block 2.
      assertThat(queryList(groupKeyBlocks("R" + (full / 2 - 1)))).containsExactly("1");
      assertThat(queryList(groupKeyBlocks("R" + full / 2))).containsExactly("2");
      // A key per group and block it lies in, and one per row.
      assertThat(queryOne("SELECT count(*) FROM row_group_key"))
          .isEqualTo(String.valueOf(rows.size() / 2));
      assertThat(queryOne("SELECT count(*) FROM row_id_key"))
          .isEqualTo(String.valueOf(rows.size()));
    }

    @Test
    void aGroupSplitAcrossBlocksReadsBackWhole() {
      int full = RowBlock.MAX_ROWS;
      List<SourceRow> rows = new ArrayList<>();
      for (int i = 0; i < full - 1; i++) {
        rows.add(ledger("L" + i, "R" + i, i));
      }
      // One group: its first row ends block 1, its second starts block 2.
      rows.add(ledger("split-1", "split", full - 1));
      rows.add(ledger("split-2", "split", full));

      try (PortfolioStore store = open()) {
        store.commit(new ImportBatch(rows, List.of(), "split"));
        // A later import adds a third row to the group, in a block of its own.
        store.commit(rows("later", ledger("split-3", "split", 0)));

        assertThat(store.rowsInGroups(LEDGERS, List.of("split", "R5")))
            .containsExactly(
                rows.get(5), rows.get(full - 1), rows.get(full), ledger("split-3", "split", 0));
      }
    }

    @Test
    void eachSourceFillsBlocksOfItsOwnAndEachImportStartsNewOnes() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(
            new ImportBatch(
                List.of(
                    ledger("L1", "R1", 0),
                    trade("T1", "R1", 0),
                    trade("T2", "R2", 1),
                    ledger("L2", "R2", 1)),
                List.of(),
                "mixed"));
        store.commit(rows("second", ledger("L3", "R3", 2)));

        assertThat(store.rows(LEDGERS))
            .containsExactly(ledger("L1", "R1", 0), ledger("L2", "R2", 1), ledger("L3", "R3", 2));
        assertThat(store.rows("kraken.trades"))
            .containsExactly(trade("T1", "R1", 0), trade("T2", "R2", 1));
      }

      assertThat(
              queryList(
                  "SELECT b.import_id || ' ' || s.source || ' ' || b.row_count FROM row_block AS b"
                      + " JOIN row_source AS s ON s.source_id = b.source_id ORDER BY b.block_id"))
          .containsExactly("1 kraken.ledgers 2", "1 kraken.trades 2", "2 kraken.ledgers 1");
    }

    private SourceRow trade(String rowId, String groupId, int second) {
      return new SourceRow(
          "kraken.trades",
          rowId,
          groupId,
          T0.plusSeconds(second),
          Map.of("txid", rowId, "ordertxid", groupId, "vol", "1"));
    }

    @Test
    void randomRowsReadBackEqual() {
      long seed = System.nanoTime();
      RandomRows random = new RandomRows(seed);
      List<SourceRow> ledgers = random.rows(LEDGERS, 300);
      List<SourceRow> trades = random.rows("kraken.trades", 100);
      List<SourceRow> all = new ArrayList<>(ledgers);
      all.addAll(trades);
      Collections.shuffle(all, new Random(seed));

      try (PortfolioStore store = open()) {
        store.commit(new ImportBatch(all, List.of(), "random"));
      }

      try (PortfolioStore store = open()) {
        assertThat(store.rows(LEDGERS))
            .as("seed %d", seed)
            .isEqualTo(all.stream().filter(ledgers::contains).toList());
        assertThat(store.rows("kraken.trades"))
            .as("seed %d", seed)
            .isEqualTo(all.stream().filter(trades::contains).toList());
        List<String> groups = ledgers.stream().map(SourceRow::groupId).distinct().toList();
        assertThat(store.rowsInGroups(LEDGERS, groups))
            .as("seed %d", seed)
            .isEqualTo(store.rows(LEDGERS));
        assertThat(
                store.knownRowIds("kraken.trades", trades.stream().map(SourceRow::rowId).toList()))
            .as("seed %d", seed)
            .hasSize(100);
      }
    }

    @Test
    void storedValuesThatDoNotFitTheirLayoutAreAStoreErrorNamingTheRow() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
        // Three values for the layout of four names, written behind the store's back.
        insertBlock(2, 1, deflated("1\tL2\tR2\t2024-03-01T12:00:00.000000000Z\ta\tb\tc\n"));

        assertThatThrownBy(() -> store.rows(LEDGERS))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining(databaseName())
            .hasMessageContaining(
                "row_block 2 holds kraken.ledgers row L2, whose values do not fit the 4 names of"
                    + " layout 1")
            .hasMessageContaining("expected 4 texts, found 3");
      }
    }

    @Test
    void aDamagedBlockIsAStoreErrorNamingTheBlock() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
        byte[] damaged = deflated("1\tL2\tR2\t2024-03-01T12:00:00.000000000Z\ta\tb\tc\td\n");
        damaged[damaged.length - 1] ^= 1; // the checksum no longer matches
        insertBlock(2, 1, damaged);

        assertThatThrownBy(() -> store.rows(LEDGERS))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining(
                "column rows of row_block 2 (kraken.ledgers) is not a block of rows: its bytes do"
                    + " not inflate");
        // What does not read the blocks still works.
        assertThat(store.knownRowIds(LEDGERS, List.of("L1", "L2"))).containsExactly("L1");
      }
    }

    @Test
    void aBlockHoldingOtherThanItsCountIsAStoreErrorNamingTheBlock() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
        insertBlock(2, 2, deflated("1\tL2\tR2\t2024-03-01T12:00:00.000000000Z\ta\tb\tc\td\n"));

        assertThatThrownBy(() -> store.rows(LEDGERS))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining(
                "column rows of row_block 2 (kraken.ledgers) is not a block of rows: it holds 1"
                    + " rows, not 2");
      }
    }
  }

  /**
   * A line that starts with its head, the event's time and id as the engine writes them, is stored
   * without it (schema 13), and every reader gets the whole line back.
   */
  @Nested
  class EventLinesStoredHeadless {

    private final Instant at = Instant.parse("2024-03-01T12:00:00.250Z");

    @Test
    void aLineIsStoredWithoutItsHeadAndEveryReaderPutsItBack() throws SQLException {
      // The head is the time as Instant.toString writes it, the id, and a space after each.
      EventRecord trade =
          EventRecord.of("R1", at, "2024-03-01T12:00:00.250Z R1 trade pair=XBT/EUR sold=EUR:10");
      EventRecord otherId = EventRecord.of("R2", at, "2024-03-01T12:00:00.250Z R1 flow x");
      EventRecord otherTime = EventRecord.of("R3", at, "2024-03-01T12:00:00.25Z R3 flow x");
      EventRecord onlyHead = EventRecord.of("R4", at, "2024-03-01T12:00:00.250Z R4 ");
      List<EventRecord> records = List.of(trade, otherId, otherTime, onlyHead);

      try (PortfolioStore store = open()) {
        store.commit(new ImportBatch(List.of(), records, "lines"));

        assertThat(store.events()).containsExactlyElementsOf(records);
        assertThat(store.findEvent("R1")).contains(trade);
        assertThat(store.eventsBetween(at, at.plusSeconds(1))).containsExactlyElementsOf(records);
        assertThat(store.eventsBefore(Optional.empty(), 10))
            .containsExactly(onlyHead, otherTime, otherId, trade);
        assertThat(store.revisionsSince(0))
            .extracting(EventRevision::record)
            .containsExactlyElementsOf(records);
        assertThat(store.commit(new ImportBatch(List.of(), records, "again")).eventsUnchanged())
            .isEqualTo(4);
      }

      // Only the line that starts with its own head, and holds more, loses it.
      assertThat(storedLines())
          .containsExactly(
              "1\th\tR1\ttrade pair=XBT/EUR sold=EUR:10",
              "1\tw\tR2\t2024-03-01T12:00:00.250Z R1 flow x",
              "1\tw\tR3\t2024-03-01T12:00:00.25Z R3 flow x",
              "1\tw\tR4\t2024-03-01T12:00:00.250Z R4 ");
    }

    @Test
    void linesWrittenBeforeSchemaThirteenReadBackWhole() throws SQLException {
      migrateTo("12");
      logOldImport("old");
      execute(
          "INSERT INTO event_revision (event_id, revision, at, line, retracted, import_id)"
              + " VALUES ('R1', 1, '2024-03-01T12:00:00.250000000Z',"
              + " '2024-03-01T12:00:00.250Z R1 trade', 0, 1)");

      try (PortfolioStore store = open()) {
        assertThat(store.events())
            .containsExactly(EventRecord.of("R1", at, "2024-03-01T12:00:00.250Z R1 trade"));
        // The same line again is no new revision.
        assertThat(
                store
                    .commit(
                        events(
                            "same", EventRecord.of("R1", at, "2024-03-01T12:00:00.250Z R1 trade")))
                    .eventsUnchanged())
            .isEqualTo(1);
      }
    }
  }

  /**
   * A store of schema 13, which kept one row per event revision, opens with its revisions moved
   * into blocks ({@link BlockEvents}).
   */
  @Nested
  class StoresOfSchemaThirteen {

    /**
     * Writes {@code count} seeded random revisions the way schema 13 did, as a new import: new
     * events, revisions, moves and tombstones, lines whole or without their head. Records each in
     * {@code history}.
     */
    private void insertSchemaThirteenRevisions(Random random, int count, EventHistory history)
        throws SQLException {
      logOldImport("old");
      long importId = Long.parseLong(queryOne("SELECT max(import_id) FROM import_log"));
      try (Connection connection = connect();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO event_revision"
                      + " (event_id, revision, at, line, retracted, import_id, headless)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < count; i++) {
          String id = "E" + random.nextInt(8_000);
          Optional<EventRevision> latest = history.latest(id, Long.MAX_VALUE);
          boolean live = latest.isPresent() && !latest.get().record().retracted();
          Instant at = T0.plusSeconds(random.nextInt(100_000)).plusMillis(random.nextInt(3));
          String line =
              random.nextBoolean() ? EventBlock.head(id, at) + "trade " + i : "flow \t" + i;
          EventRecord record =
              live && random.nextInt(5) == 0
                  ? EventRecord.retracted(id, at)
                  : EventRecord.of(id, at, line);
          boolean headless =
              !record.retracted()
                  && line.startsWith(EventBlock.head(id, at))
                  && random.nextBoolean();
          long revision = latest.map(EventRevision::revision).orElse(0L) + 1;
          insert.setString(1, id);
          insert.setLong(2, revision);
          insert.setString(3, StoredInstant.toText(at));
          insert.setString(
              4, headless ? line.substring(EventBlock.head(id, at).length()) : record.line());
          insert.setInt(5, record.retracted() ? 1 : 0);
          insert.setLong(6, importId);
          insert.setInt(7, headless ? 1 : 0);
          insert.addBatch();
          history.add(importId, new EventRevision(record, revision));
        }
        insert.executeBatch();
      }
    }

    @Test
    void revisionsMoveIntoBlocksAndReadBackAsTheyWere() throws SQLException {
      migrateTo("13");
      Random random = new Random(13);
      EventHistory history = new EventHistory();
      insertSchemaThirteenRevisions(random, 900, history);
      // More than one chunk of the migration, so an import's revisions move in two goes.
      insertSchemaThirteenRevisions(random, BlockEvents.CHUNK + 700, history);
      insertSchemaThirteenRevisions(random, 900, history);

      try (PortfolioStore store = open()) {
        long last = store.lastImportId();
        List<EventRecord> visible = history.visible(last);
        assertThat(store.events()).isEqualTo(visible);
        assertThat(store.eventCount()).isEqualTo(visible.size());
        assertThat(store.revisionsSince(0)).isEqualTo(history.since(0));
        for (String id : history.ids()) {
          assertThat(store.findEvent(id))
              .as(id)
              .isEqualTo(history.latest(id, last).map(EventRevision::record));
        }
        long first = store.imports().get(0).importId();
        List<EventRecord> firstNewestFirst = new ArrayList<>(history.visible(first));
        Collections.reverse(firstNewestFirst);
        assertThat(store.eventsBefore(Optional.empty(), 25, first))
            .isEqualTo(firstNewestFirst.subList(0, 25));
        // A revision equal to the stored one is none.
        EventRecord newest = visible.get(visible.size() - 1);
        assertThat(store.commit(events("same", newest)).eventsUnchanged()).isEqualTo(1);
      }
      assertThat(tables()).doesNotContain("event_revision");
      assertThat(queryOne("SELECT sum(revisions) FROM event_block"))
          .isEqualTo(String.valueOf(900 + BlockEvents.CHUNK + 700 + 900));
    }

    @Test
    void aRevisionThatCannotMoveFailsTheOpeningByNameAndLeavesSchemaThirteen() throws SQLException {
      migrateTo("13");
      logOldImport("first");
      execute(
          "INSERT INTO event_revision (event_id, revision, at, line, retracted, import_id)"
              + " VALUES ('E1', 1, '2024-03-01T12:00:00.000000000Z', 'a', 0, 1),"
              + " ('E2', 1, '2024-13-01T12:00:00.000000000Z', 'b', 0, 1)");

      assertThatThrownBy(() -> open().close())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("Could not migrate the schema of " + databaseName())
          .hasMessageContaining("event row E2 (seq 2 of event_revision)");

      assertThat(migratedVersions())
          .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13");
      assertThat(queryOne("SELECT count(*) FROM event_revision")).isEqualTo("2");
    }
  }

  /**
   * A store of schema 15, which kept one row per trade's PnL line, opens with its lines moved into
   * blocks ({@link BlockTradePnl}).
   */
  @Nested
  class TradeLinesOfSchemaFifteen {

    @Test
    void linesMoveIntoBlocksByBooksAndReadBackAsTheyWere() throws SQLException {
      migrateTo("15");
      Map<String, String> wac = new HashMap<>();
      Map<String, String> fifo = new HashMap<>();
      // More than one chunk of the migration, so one books' lines move in two goes.
      for (int i = 0; i < BlockTradePnl.CHUNK + 600; i++) {
        wac.put("T" + i, i + "\t0.5\t-");
      }
      for (int i = 0; i < 700; i++) {
        fifo.put("T" + i, i + "\t9\t" + i);
      }
      try (Connection connection = connect();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO trade_pnl (books, event_id, line) VALUES (?, ?, ?)")) {
        for (Map.Entry<String, Map<String, String>> books :
            Map.of("USD WAC", wac, "USD FIFO", fifo).entrySet()) {
          for (Map.Entry<String, String> line : books.getValue().entrySet()) {
            insert.setString(1, books.getKey());
            insert.setString(2, line.getKey());
            insert.setString(3, line.getValue());
            insert.addBatch();
          }
        }
        insert.executeBatch();
      }

      try (PortfolioStore store = open()) {
        assertThat(store.tradeLines("USD WAC", wac.keySet())).isEqualTo(wac);
        assertThat(store.tradeLines("USD FIFO", wac.keySet())).isEqualTo(fifo);
        assertThat(store.tradeLines("EUR WAC", wac.keySet())).isEmpty();
      }
      assertThat(tables()).doesNotContain("trade_pnl");
      assertThat(
              queryList(
                  "SELECT books || ' ' || sum(line_count) FROM trade_pnl_block"
                      + " GROUP BY books ORDER BY books"))
          .containsExactly("USD FIFO 700", "USD WAC " + wac.size());
    }
  }

  /** A store of schema 4, which kept each row's fields as JSON, opens with its rows intact. */
  @Nested
  class StoresOfSchemaFour {

    private static final String TRADES = "kraken.trades";

    /** Writes rows the way schema 4 did, as import {@code importId}. */
    private void insertSchemaFourRows(long importId, List<SourceRow> rows) throws SQLException {
      try (Connection connection = connect();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO source_row (source, row_id, group_id, at, fields, import_id)"
                      + " VALUES (?, ?, ?, ?, ?, ?)")) {
        for (SourceRow row : rows) {
          insert.setString(1, row.source());
          insert.setString(2, row.rowId());
          insert.setString(3, row.groupId());
          insert.setString(4, StoredInstant.toText(row.at()));
          insert.setString(5, SchemaFour.fieldsJson(row.fields()));
          insert.setLong(6, importId);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }

    @Test
    void itsRowsReadBackEqualInTheirOrderAndNewRowsFollowThem() throws SQLException {
      long seed = System.nanoTime();
      RandomRows random = new RandomRows(seed);
      // More rows than the migration moves at once, so it moves several chunks.
      List<SourceRow> first = rowsOverAChunk(random, CompactRows.CHUNK);
      List<SourceRow> second = random.rows(TRADES, 100);
      migrateTo("4");
      logOldImport("first");
      insertSchemaFourRows(1, first);
      logOldImport("second");
      insertSchemaFourRows(2, second);

      try (PortfolioStore store = open()) {
        assertThat(store.rows(LEDGERS)).as("seed %d", seed).isEqualTo(first);
        assertThat(store.rows(TRADES)).as("seed %d", seed).isEqualTo(second);
        assertThat(store.rowsInGroups(LEDGERS, List.of("group-3", first.get(0).groupId())))
            .as("seed %d", seed)
            .isEqualTo(ofGroups(first, "group-3", first.get(0).groupId()));
        assertThat(store.knownRowIds(LEDGERS, List.of("plain-7", "plain-x")))
            .containsExactly("plain-7");
        assertThat(store.rowCount()).isEqualTo(first.size() + second.size());

        // The next import's rows come after the moved ones, in the next import.
        CommitResult result = store.commit(rows("third", ledger("L-new", "R-new", 0)));
        assertThat(result.rowsAdded()).isEqualTo(1);
        assertThat(store.rows(LEDGERS)).last().isEqualTo(ledger("L-new", "R-new", 0));
        assertThat(store.imports())
            .extracting(ImportLogEntry::description)
            .containsExactly("first", "second", "third");
      }
      assertThat(tables()).doesNotContain("source_row_v4", "source_row_v10", "source_row");
      assertThat(
              queryList(
                  "SELECT import_id || ' ' || sum(row_count) FROM row_block"
                      + " GROUP BY import_id ORDER BY import_id"))
          .containsExactly("1 " + first.size(), "2 " + second.size(), "3 1");
    }

    @Test
    void aRowThatCannotMoveFailsTheOpeningByNameAndLeavesSchemaFour() throws SQLException {
      migrateTo("4");
      logOldImport("first");
      insertSchemaFourRows(1, List.of(ledger("L1", "R1", 0)));
      // Valid JSON, but not an object of strings.
      execute(
          "INSERT INTO source_row (source, row_id, group_id, at, fields, import_id)"
              + " VALUES ('kraken.ledgers', 'L2', 'R2', '2024-03-01T12:00:00.000000000Z', '[1]', 1)");

      assertThatThrownBy(this::openAndClose)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("Could not migrate the schema of " + databaseName())
          .hasMessageContaining("kraken.ledgers row L2 (seq 2 of source_row_v4)");

      assertThat(migratedVersions()).containsExactly("1", "2", "3", "4");
      assertThat(queryOne("SELECT fields FROM source_row WHERE row_id = 'L2'")).isEqualTo("[1]");
    }

    private void openAndClose() {
      open().close();
    }
  }

  /** A store of schema 10, which kept one table row per source row, opens with its rows intact. */
  @Nested
  class StoresOfSchemaTen {

    private static final String TRADES = "kraken.trades";

    /** Writes rows the way schemas 5 to 10 did, one table row each, as import {@code importId}. */
    private void insertSchemaTenRows(long importId, List<SourceRow> rows) throws SQLException {
      try (Connection connection = connect()) {
        Map<String, Long> sources = RowTable.sourceIds(connection, rows);
        Map<RowLayout, Long> layouts = RowTable.layoutIds(connection, rows);
        try (PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO source_row"
                    + " (source_id, row_id, group_id, at, layout_id, row_values, import_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          for (SourceRow row : rows) {
            RowFields fields = RowFields.copyOf(row.fields(), row.rowId());
            insert.setLong(1, sources.get(row.source()));
            insert.setString(2, row.rowId());
            insert.setString(3, row.groupId());
            insert.setString(4, StoredInstant.toText(row.at()));
            insert.setLong(5, layouts.get(fields.layout()));
            insert.setString(6, RowText.values(row, fields));
            insert.setLong(7, importId);
            insert.addBatch();
          }
          insert.executeBatch();
        }
      }
    }

    @Test
    void itsRowsMoveToBlocksInTheirOrderAndImportAndNewRowsFollowThem() throws SQLException {
      long seed = System.nanoTime();
      RandomRows random = new RandomRows(seed);
      // More rows than the migration moves at once, and imports that mix sources.
      List<SourceRow> first = rowsOverAChunk(random, BlockRows.CHUNK);
      List<SourceRow> second = new ArrayList<>(random.rows(TRADES, 100));
      second.add(ledger("L-second", "group-3", 1));
      migrateTo("10");
      logOldImport("first");
      insertSchemaTenRows(1, first);
      logOldImport("second");
      insertSchemaTenRows(2, second);
      List<SourceRow> ledgers = new ArrayList<>(first);
      ledgers.add(second.get(100));

      try (PortfolioStore store = open()) {
        assertThat(store.rows(LEDGERS)).as("seed %d", seed).isEqualTo(ledgers);
        assertThat(store.rows(TRADES)).as("seed %d", seed).isEqualTo(second.subList(0, 100));
        assertThat(store.rowsInGroups(LEDGERS, List.of("group-3", first.get(0).groupId())))
            .as("seed %d", seed)
            .isEqualTo(ofGroups(ledgers, "group-3", first.get(0).groupId()));
        assertThat(store.knownRowIds(LEDGERS, List.of("plain-7", "L-second", "plain-x")))
            .containsExactlyInAnyOrder("plain-7", "L-second");
        assertThat(store.rowCount()).isEqualTo(first.size() + second.size());

        CommitResult result = store.commit(rows("third", ledger("L-new", "R-new", 0)));
        assertThat(result.rowsAdded()).isEqualTo(1);
        assertThat(store.rows(LEDGERS)).last().isEqualTo(ledger("L-new", "R-new", 0));
      }
      assertThat(tables()).doesNotContain("source_row_v10", "source_row");
      assertThat(
              queryList(
                  "SELECT import_id || ' ' || sum(row_count) FROM row_block"
                      + " GROUP BY import_id ORDER BY import_id"))
          .containsExactly("1 " + first.size(), "2 " + second.size(), "3 1");
    }

    @Test
    void aRowThatCannotMoveFailsTheOpeningByNameAndLeavesSchemaTen() throws SQLException {
      migrateTo("10");
      logOldImport("first");
      insertSchemaTenRows(1, List.of(ledger("L1", "R1", 0)));
      // Three values for the layout of four names.
      execute(
          "INSERT INTO source_row"
              + " (source_id, row_id, group_id, at, layout_id, row_values, import_id)"
              + " VALUES (1, 'L2', 'R2', '2024-03-01T12:00:00.000000000Z', 1, 'a\tb\tc', 1)");

      assertThatThrownBy(() -> open().close())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("Could not migrate the schema of " + databaseName())
          .hasMessageContaining("kraken.ledgers row L2 (seq 2 of source_row_v10)");

      assertThat(migratedVersions())
          .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
      assertThat(queryOne("SELECT row_values FROM source_row WHERE row_id = 'L2'"))
          .isEqualTo("a\tb\tc");
    }
  }

  /**
   * A store of schema 17, which found rows by their ids and groups as text ({@code row_key}, {@code
   * row_group}), opens with 64-bit keys of both read from its blocks ({@link KeyRows}).
   */
  @Nested
  class RowKeysOfSchemaSeventeen {

    private static final String TRADES = "kraken.trades";

    /** Writes rows the way schema 17 did, blocks and text keys, as import {@code importId}. */
    private void insertSchemaSeventeenRows(long importId, List<SourceRow> rows)
        throws SQLException {
      try (Connection connection = connect()) {
        // The blocks' form is schema 11's, unchanged since.
        RowTable.insertBlocks(connection, rows, importId);
        try (PreparedStatement blocks =
                connection.prepareStatement(
                    "SELECT b.block_id, b.row_count, b.rows, s.source, b.source_id"
                        + " FROM row_block AS b JOIN row_source AS s"
                        + " ON s.source_id = b.source_id WHERE b.import_id = ?");
            PreparedStatement key =
                connection.prepareStatement(
                    "INSERT INTO row_key (source_id, row_id) VALUES (?, ?)");
            PreparedStatement group =
                connection.prepareStatement(
                    "INSERT INTO row_group (source_id, group_id, block_id) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
          blocks.setLong(1, importId);
          try (ResultSet result = blocks.executeQuery()) {
            while (result.next()) {
              long blockId = result.getLong(1);
              long sourceId = result.getLong(5);
              RowBlock.heads(
                  result.getBytes(3),
                  result.getInt(2),
                  blockId,
                  result.getString(4),
                  (rowId, groupId) -> {
                    key.setLong(1, sourceId);
                    key.setString(2, rowId);
                    key.executeUpdate();
                    group.setLong(1, sourceId);
                    group.setString(2, groupId);
                    group.setLong(3, blockId);
                    group.executeUpdate();
                  });
            }
          }
        }
      }
    }

    @Test
    void keysAreReadFromEveryBlockAndFindWhatTheTextKeysFound() throws SQLException {
      long seed = System.nanoTime();
      RandomRows random = new RandomRows(seed);
      // More blocks than the migration reads at once; groups of three that cross blocks.
      List<SourceRow> ledgers = new ArrayList<>(random.rows(LEDGERS, 300));
      for (int i = 0; i < KeyRows.CHUNK * RowBlock.MAX_ROWS + 400; i++) {
        ledgers.add(ledger("L" + i, "R" + i / 3, i));
      }
      // Trades whose ids are ledger ids too: the same keys, in blocks of another source.
      List<SourceRow> trades = new ArrayList<>(random.rows(TRADES, 100));
      for (int i = 0; i < 50; i++) {
        trades.add(new SourceRow(TRADES, "L" + i, "O" + i, T0, Map.of("txid", "L" + i)));
      }
      migrateTo("17");
      logOldImport("first");
      insertSchemaSeventeenRows(1, ledgers.subList(0, 5_000));
      logOldImport("second");
      List<SourceRow> second = new ArrayList<>(ledgers.subList(5_000, ledgers.size()));
      second.addAll(trades);
      insertSchemaSeventeenRows(2, second);
      List<String> ledgerIds = ledgers.stream().map(SourceRow::rowId).toList();
      List<String> tradeIds = trades.stream().map(SourceRow::rowId).toList();
      // The group whose first rows end the first block and whose last one starts the second.
      String crossing = "R" + (RowBlock.MAX_ROWS - 300) / 3;

      try (PortfolioStore store = open()) {
        assertThat(store.rowCount()).isEqualTo(ledgers.size() + trades.size());
        assertThat(store.rows(LEDGERS)).as("seed %d", seed).isEqualTo(ledgers);
        assertThat(store.rows(TRADES)).as("seed %d", seed).isEqualTo(trades);
        List<String> asked = new ArrayList<>(ledgerIds);
        asked.addAll(List.of("L-none", "O1", "R1"));
        assertThat(store.knownRowIds(LEDGERS, asked))
            .as("seed %d", seed)
            .containsExactlyInAnyOrderElementsOf(ledgerIds);
        assertThat(store.knownRowIds(TRADES, asked))
            .as("seed %d", seed)
            .containsExactlyInAnyOrderElementsOf(
                tradeIds.stream().filter(asked::contains).toList());
        assertThat(
                store.rowsInGroups(
                    LEDGERS, List.of(crossing, "R0", "O1", ledgers.get(0).groupId())))
            .as("seed %d", seed)
            .isEqualTo(ofGroups(ledgers, crossing, "R0", ledgers.get(0).groupId()));
        assertThat(store.rowsInGroups(TRADES, List.of("O1", "R0")))
            .isEqualTo(ofGroups(trades, "O1"));

        // A stored row is skipped, a new one of its group joins it.
        CommitResult result =
            store.commit(rows("third", ledger("L7", "R2", 7), ledger("L-new", "R2", 9)));
        assertThat(result.rowsAdded()).isEqualTo(1);
        assertThat(result.rowsSkipped()).isEqualTo(1);
        assertThat(store.rowsInGroups(LEDGERS, List.of("R2")))
            .isEqualTo(
                List.of(
                    ledgers.get(306),
                    ledgers.get(307),
                    ledgers.get(308),
                    ledger("L-new", "R2", 9)));
      }
      assertThat(tables()).doesNotContain("row_key", "row_group");
      assertThat(queryOne("SELECT count(*) FROM row_id_key"))
          .isEqualTo(String.valueOf(ledgers.size() + trades.size() + 1));
    }

    @Test
    void aBlockThatCannotBeReadFailsTheOpeningByNameAndLeavesSchemaSeventeen() throws SQLException {
      migrateTo("17");
      logOldImport("first");
      insertSchemaSeventeenRows(1, List.of(ledger("L1", "R1", 0)));
      insertBlock(2, 1, new byte[] {1, 2, 3});

      assertThatThrownBy(() -> open().close())
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("Could not migrate the schema of " + databaseName())
          .hasMessageContaining("row_block 2 (kraken.ledgers)");

      assertThat(migratedVersions())
          .containsExactly(
              "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
              "17");
      assertThat(queryOne("SELECT count(*) FROM row_key")).isEqualTo("1");
    }
  }

  /** Prices and sync marks are written with the batch they belong to, and kept append-only. */
  @Nested
  class PricesAndMarks {

    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private ImportBatch batch(List<StoredPrice> prices, Map<String, String> marks) {
      return new ImportBatch(List.of(), List.of(), prices, marks, "sync");
    }

    @Test
    void pricesAreStoredOnceExactlyAsGiven() {
      StoredPrice xbt = new StoredPrice("XBT", T, "42000.123456789012", "kraken:ohlc:XXBTZUSD:60");
      try (PortfolioStore store = open()) {
        store.commit(batch(List.of(xbt), Map.of()));
        store.commit(batch(List.of(xbt, xbt), Map.of()));

        assertThat(store.prices()).containsExactly(xbt);
      }
    }

    /**
     * A fresh store's commit keeps what {@link StoredPrice#firstOfEachKey} says: the first of each
     * asset, time and source, whatever the price (here 1 before 2 at T from one source).
     */
    @Test
    void aFreshStoreKeepsTheFirstPriceOfEachAssetTimeAndSource() {
      StoredPrice first = new StoredPrice("XBT", T, "1", "file");
      StoredPrice again = new StoredPrice("XBT", T, "2", "file");
      StoredPrice otherSource = new StoredPrice("XBT", T, "3", "kraken");
      StoredPrice later = new StoredPrice("XBT", T.plusSeconds(1), "4", "file");
      List<StoredPrice> written = List.of(first, again, otherSource, later);
      try (PortfolioStore store = open()) {
        store.commit(batch(written, Map.of()));

        assertThat(StoredPrice.firstOfEachKey(written)).containsExactly(first, otherSource, later);
        assertThat(store.pricesSince(0)).isEqualTo(StoredPrice.firstOfEachKey(written));
      }
    }

    @Test
    void pricesComeBackOldestFirst() {
      StoredPrice late = new StoredPrice("XBT", T.plusSeconds(60), "2", "test");
      StoredPrice early = new StoredPrice("ETH", T, "1", "test");
      try (PortfolioStore store = open()) {
        store.commit(batch(List.of(late, early), Map.of()));

        assertThat(store.prices()).containsExactly(early, late);
      }
    }

    /**
     * Property over seeded random prices (several sources at one moment, commits in any order):
     * from any moment on, the last price at or before each later moment is the same among {@code
     * pricesInForce(from)} as among every price, and no price of an asset is older than its latest
     * at or before {@code from}.
     */
    @Test
    void thePricesInForceFromAMomentAnswerEveryLaterMomentLikeEveryPrice() {
      Random random = new Random(11);
      List<String> assets = List.of("XBT", "ETH", "SOL");
      try (PortfolioStore store = open()) {
        for (int commit = 0; commit < 6; commit++) {
          List<StoredPrice> prices = new ArrayList<>();
          for (int i = 0; i < 40; i++) {
            prices.add(
                new StoredPrice(
                    assets.get(random.nextInt(assets.size())),
                    T.plusSeconds(60L * random.nextInt(100)),
                    Integer.toString(random.nextInt(1000) + 1),
                    "source" + random.nextInt(3)));
          }
          store.commit(batch(prices, Map.of()));
        }
        List<StoredPrice> every = store.prices();
        for (int probe = 0; probe < 30; probe++) {
          Instant from = T.plusSeconds(60L * random.nextInt(110) - 30L * random.nextInt(2));
          List<StoredPrice> inForce = store.pricesInForce(from);
          assertThat(every).containsAll(inForce);
          for (String asset : assets) {
            for (int minute = 0; minute <= 110; minute++) {
              Instant at = from.plusSeconds(60L * minute);
              assertThat(lastAtOrBefore(inForce, asset, at))
                  .as("%s at %s, in force from %s", asset, at, from)
                  .isEqualTo(lastAtOrBefore(every, asset, at));
            }
            Optional<StoredPrice> floor = lastAtOrBefore(every, asset, from);
            assertThat(inForce)
                .filteredOn(price -> price.asset().equals(asset))
                .allMatch(price -> floor.map(f -> !price.at().isBefore(f.at())).orElse(true));
          }
        }
        assertThat(store.pricesInForce(T.minusSeconds(1))).isEqualTo(every);

        // Until a moment: the same prices without those at or after it.
        for (int probe = 0; probe < 30; probe++) {
          Instant from = T.plusSeconds(60L * random.nextInt(110) - 30L * random.nextInt(2));
          Instant until = from.plusSeconds(60L * random.nextInt(40) + 30L * random.nextInt(2));
          assertThat(store.pricesInForce(from, until))
              .as("in force from %s until %s", from, until)
              .isEqualTo(
                  store.pricesInForce(from).stream()
                      .filter(price -> price.at().isBefore(until))
                      .toList());
        }
        assertThatThrownBy(() -> store.pricesInForce(T, T.minusNanos(1)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("before");
      }
    }

    /** The price a table of {@code prices}, in order, answers: the last one at the latest time. */
    private Optional<StoredPrice> lastAtOrBefore(
        List<StoredPrice> prices, String asset, Instant at) {
      Optional<StoredPrice> found = Optional.empty();
      for (StoredPrice price : prices) {
        if (price.asset().equals(asset)
            && !price.at().isAfter(at)
            && found.map(f -> !price.at().isBefore(f.at())).orElse(true)) {
          found = Optional.of(price);
        }
      }
      return found;
    }

    @Test
    void theLatestValueOfAMarkWinsAndSurvivesReopening() {
      try (PortfolioStore store = open()) {
        store.commit(batch(List.of(), Map.of("ledgers.newest", "1704067200.5")));
        store.commit(
            batch(List.of(), Map.of("ledgers.newest", "1704153600.25", "trades.newest", "7")));
      }
      try (PortfolioStore store = open()) {
        assertThat(store.marks())
            .containsExactlyInAnyOrderEntriesOf(
                Map.of("ledgers.newest", "1704153600.25", "trades.newest", "7"));
      }
    }

    @Test
    void aMarkIsAppendedOnlyWhenItsValueChanges() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(batch(List.of(), Map.of("a", "1", "b", "x")));
        store.commit(batch(List.of(), Map.of("a", "1")));
        store.commit(batch(List.of(), Map.of("a", "2", "b", "x")));
        store.commit(batch(List.of(), Map.of("a", "1")));

        // a: 1, 2, 1 (the unchanged 1 was not appended); b: x once.
        assertThat(markValues("a")).containsExactly("1", "2", "1");
        assertThat(markValues("b")).containsExactly("x");
        assertThat(store.marks()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "x"));
      }
    }

    @Test
    void aFailingBatchWritesNeitherPricesNorMarks() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(batch(List.of(new StoredPrice("XBT", T, "1", "test")), Map.of("m", "1")));
        // A real database failure: writing the mark value BOOM aborts, after the batch's price
        // was inserted in the same transaction.
        failInsertsOf("sync_mark", "value");

        assertThatThrownBy(
                () ->
                    store.commit(
                        batch(
                            List.of(new StoredPrice("ETH", T, "2", "test")), Map.of("m", "BOOM"))))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("forced failure");

        assertThat(store.prices()).extracting(StoredPrice::asset).containsExactly("XBT");
        assertThat(store.marks()).containsExactly(Map.entry("m", "1"));
      }
    }
  }

  /**
   * What came after an import: the newest import id, and the event revisions and prices that the
   * imports after a given one wrote, as a checkpoint is brought up to date with.
   */
  @Nested
  class AfterAnImport {

    private final Instant at = Instant.parse("2024-03-01T12:00:00.123456789Z");

    @Test
    void lastImportIdIsZeroForAnEmptyStoreThenTheNewestEntry() {
      try (PortfolioStore store = open()) {
        assertThat(store.lastImportId()).isZero();

        store.commit(events("one", EventRecord.of("E1", at, "A")));
        store.commit(events("nothing new", EventRecord.of("E1", at, "A")));
        store.commit(events("two", EventRecord.of("E2", at, "B")));

        List<ImportLogEntry> imports = store.imports();
        assertThat(imports).hasSize(3);
        assertThat(store.lastImportId()).isEqualTo(imports.get(2).importId());
      }
    }

    @Test
    void commitImportNamesTheImportItMadeBesideWhatItWrote() {
      try (PortfolioStore store = open()) {
        store.commit(events("one", EventRecord.of("E1", at, "A")));

        CommittedImport committed =
            store.commitImport(
                events("two", EventRecord.of("E1", at, "A"), EventRecord.of("E2", at, "B")));

        assertThat(committed.importId()).isEqualTo(store.lastImportId());
        assertThat(committed.importId()).isEqualTo(store.imports().get(1).importId());
        // E1 is stored already, E2 is new.
        assertThat(committed.result()).isEqualTo(new CommitResult(0, 0, 1, 0, 0, 1));
        assertThat(store.revisionsSince(store.imports().get(0).importId()))
            .extracting(revision -> revision.record().eventId())
            .containsExactly("E2");
      }
    }

    @Test
    void revisionsSinceHasWhatLaterImportsWroteWithTheirRevisionNumbers() {
      try (PortfolioStore store = open()) {
        store.commit(
            events(
                "first",
                EventRecord.of("E1", at, "TRADE 12345.123456789012345678"),
                EventRecord.of("E2", at, "FEE"),
                EventRecord.of("E3", at, "DEPOSIT")));
        long first = store.lastImportId();
        // In batch order, not by id: the write order is what revisionsSince keeps.
        store.commit(
            events(
                "second",
                EventRecord.of("E4", at, "NEW"),
                EventRecord.of("E1", at, "TRADE 2"),
                EventRecord.retracted("E2", at)));
        long second = store.lastImportId();
        store.commit(events("nothing new", EventRecord.of("E3", at, "DEPOSIT")));
        long third = store.lastImportId();
        store.commit(
            events(
                "fourth",
                EventRecord.of("E2", at.plusSeconds(1), "FEE BACK"),
                EventRecord.of("E1", at, "TRADE 2")));
        long fourth = store.lastImportId();

        List<EventRevision> afterFirst =
            List.of(
                new EventRevision(EventRecord.of("E4", at, "NEW"), 1),
                new EventRevision(EventRecord.of("E1", at, "TRADE 2"), 2),
                new EventRevision(EventRecord.retracted("E2", at), 2),
                new EventRevision(EventRecord.of("E2", at.plusSeconds(1), "FEE BACK"), 3));
        assertThat(store.revisionsSince(first)).containsExactlyElementsOf(afterFirst);
        assertThat(store.revisionsSince(second))
            .containsExactly(afterFirst.get(3))
            .isEqualTo(store.revisionsSince(third));
        assertThat(store.revisionsSince(fourth)).isEmpty();
        assertThat(store.revisionsSince(fourth + 100)).isEmpty();
        assertThat(store.revisionsSince(0))
            .hasSize(7)
            .startsWith(
                new EventRevision(EventRecord.of("E1", at, "TRADE 12345.123456789012345678"), 1),
                new EventRevision(EventRecord.of("E2", at, "FEE"), 1),
                new EventRevision(EventRecord.of("E3", at, "DEPOSIT"), 1))
            .endsWith(afterFirst.toArray(EventRevision[]::new));
      }
    }

    @Test
    void aFailedCommitIsNotSeenAndTheRetryIs() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(events("first", EventRecord.of("E1", at, "A")));
        long before = store.lastImportId();
        failInsertsOfEvent("BOOM");

        assertThatThrownBy(
                () ->
                    store.commit(
                        events(
                            "failing",
                            EventRecord.of("E1", at, "B"),
                            EventRecord.of("BOOM", at, "fails"))))
            .isInstanceOf(StoreException.class);

        assertThat(store.lastImportId()).isEqualTo(before);
        assertThat(store.revisionsSince(before)).isEmpty();

        // On PostgreSQL the failed commit used up an import id: the retry's is higher still.
        stopFailingInsertsOf("event_key");
        store.commit(events("retry", EventRecord.of("E1", at, "B")));
        assertThat(store.lastImportId()).isGreaterThan(before);
        assertThat(store.revisionsSince(before))
            .containsExactly(new EventRevision(EventRecord.of("E1", at, "B"), 2));
      }
    }

    @Test
    void pricesSinceHasThePricesLaterImportsWroteInWriteOrder() {
      StoredPrice first = new StoredPrice("XBT", at, "42000.1", "test");
      StoredPrice exact =
          new StoredPrice("ETH", at.plusSeconds(60), "12345.123456789012345678", "t");
      StoredPrice older = new StoredPrice("XBT", at.minusSeconds(60), "41999.9", "test");
      try (PortfolioStore store = open()) {
        store.commit(new ImportBatch(List.of(), List.of(), List.of(first), Map.of(), "one"));
        long one = store.lastImportId();
        // first is stored already: this import does not write it again.
        store.commit(
            new ImportBatch(List.of(), List.of(), List.of(exact, first, older), Map.of(), "two"));
        long two = store.lastImportId();

        assertThat(store.pricesSince(one)).containsExactly(exact, older);
        assertThat(store.pricesSince(0)).containsExactly(first, exact, older);
        assertThat(store.pricesSince(two)).isEmpty();
        // prices() orders by time instead.
        assertThat(store.prices()).containsExactly(older, first, exact);
      }
    }

    @Test
    void aNegativeImportIdIsRejected() {
      try (PortfolioStore store = open()) {
        assertThatThrownBy(() -> store.revisionsSince(-1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("-1");
        assertThatThrownBy(() -> store.pricesSince(-1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("-1");
      }
    }
  }

  /** Paging the visible events backwards, newest first, without reading the whole log. */
  /**
   * Revisions kept in blocks of {@link EventBlock#MAX_REVISIONS}: every reader answers as the plain
   * model of every revision does ({@link EventHistory}), and reads only the blocks it needs.
   */
  @Nested
  class EventsInBlocks {

    /**
     * A seeded random history over six commits, some of more than two blocks: new events,
     * revisions, moves to other times (a few shared, so pages cut between equal times), tombstones
     * and revivals. Commits the same records to {@code store} and to the model, revision numbers as
     * the store gives them (a record equal to its id's latest is no revision).
     */
    private EventHistory commitRandomHistory(PortfolioStore store, long seed) {
      Random random = new Random(seed);
      EventHistory history = new EventHistory();
      List<Instant> times = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        times.add(T0.plusSeconds(60L * random.nextInt(20_000)).plusNanos(random.nextInt(2)));
      }
      for (int commit = 0; commit < 6; commit++) {
        int size = commit % 2 == 0 ? 1 + random.nextInt(1_400) : 1 + random.nextInt(40);
        Set<String> ids = new LinkedHashSet<>();
        while (ids.size() < size) {
          ids.add("E" + random.nextInt(3_000));
        }
        List<EventRecord> records = new ArrayList<>();
        for (String id : ids) {
          Optional<EventRevision> latest = history.latest(id, Long.MAX_VALUE);
          boolean live = latest.isPresent() && !latest.get().record().retracted();
          Instant at = times.get(random.nextInt(times.size()));
          records.add(
              live && random.nextInt(4) == 0
                  ? EventRecord.retracted(id, at)
                  : EventRecord.of(id, at, "line " + id + " " + random.nextInt(3)));
        }
        store.commit(new ImportBatch(List.of(), records, "seed " + seed + " commit " + commit));
        long importId = store.lastImportId();
        for (EventRecord record : records) {
          Optional<EventRevision> latest = history.latest(record.eventId(), Long.MAX_VALUE);
          if (latest.isEmpty() || !latest.get().record().sameAs(record)) {
            long revision = latest.map(EventRevision::revision).orElse(0L) + 1;
            history.add(importId, new EventRevision(record, revision));
          }
        }
      }
      return history;
    }

    /** Every page of {@code limit} events as of import {@code asOf}, newest first, joined. */
    private List<EventRecord> pageThrough(PortfolioStore store, int limit, long asOf) {
      List<EventRecord> seen = new ArrayList<>();
      Optional<EventPosition> before = Optional.empty();
      while (true) {
        List<EventRecord> page = store.eventsBefore(before, limit, asOf);
        assertThat(page.size()).isLessThanOrEqualTo(limit);
        if (page.isEmpty()) {
          return seen;
        }
        seen.addAll(page);
        before = Optional.of(EventPosition.of(page.get(page.size() - 1)));
      }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyReaderAnswersAsTheModelOfEveryRevision(long seed) {
      try (PortfolioStore store = open()) {
        EventHistory history = commitRandomHistory(store, seed);
        List<ImportLogEntry> imports = store.imports();
        long last = store.lastImportId();
        List<EventRecord> visible = history.visible(last);

        assertThat(store.events()).as("seed %d", seed).isEqualTo(visible);
        assertThat(store.eventCount()).as("seed %d", seed).isEqualTo(visible.size());
        for (String id : history.ids()) {
          assertThat(store.findEvent(id))
              .as("seed %d: %s", seed, id)
              .isEqualTo(history.latest(id, last).map(EventRevision::record));
        }
        for (ImportLogEntry entry : imports) {
          assertThat(store.revisionsSince(entry.importId()))
              .as("seed %d: since %d", seed, entry.importId())
              .isEqualTo(history.since(entry.importId()));
        }
        assertThat(store.revisionsSince(0)).isEqualTo(history.since(0));
        List<EventRecord> newestFirst = new ArrayList<>(visible);
        Collections.reverse(newestFirst);
        assertThat(pageThrough(store, 37, last)).as("seed %d", seed).isEqualTo(newestFirst);
        long middle = imports.get(imports.size() / 2).importId();
        List<EventRecord> thenNewestFirst = new ArrayList<>(history.visible(middle));
        Collections.reverse(thenNewestFirst);
        assertThat(pageThrough(store, 101, middle))
            .as("seed %d: as of import %d", seed, middle)
            .isEqualTo(thenNewestFirst);
        Instant from = T0.plusSeconds(60L * 5_000);
        Instant to = T0.plusSeconds(60L * 9_000);
        assertThat(store.eventsBetween(from, to))
            .as("seed %d", seed)
            .isEqualTo(
                visible.stream()
                    .filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
                    .toList());
      }
    }

    @Test
    void aPageOrARangeReadsOnlyTheBlocksOfItsTimes() throws SQLException {
      Instant old = Instant.parse("2001-01-01T00:00:00Z");
      try (PortfolioStore store = open()) {
        List<EventRecord> records = new ArrayList<>();
        for (int i = 0; i < 2 * EventBlock.MAX_REVISIONS; i++) {
          records.add(EventRecord.of("E" + i, T0.plusSeconds(i), "line " + i));
        }
        store.commit(new ImportBatch(List.of(), records, "two blocks"));
        // A block of old times that cannot be read, written behind the store's back.
        try (Connection connection = connect();
            PreparedStatement insert =
                connection.prepareStatement(
                    "INSERT INTO event_block (block_id, import_id, first_at, last_at, revisions,"
                        + " visible_change, lines) VALUES (0, ?, ?, ?, 1, 0, ?)")) {
          insert.setLong(1, store.lastImportId());
          insert.setString(2, StoredInstant.toText(old));
          insert.setString(3, StoredInstant.toText(old.plusSeconds(60)));
          insert.setBytes(4, new byte[] {1, 2, 3});
          insert.executeUpdate();
        }

        assertThat(store.eventsBefore(Optional.empty(), 3))
            .extracting(EventRecord::eventId)
            .containsExactly("E1023", "E1022", "E1021");
        assertThat(store.eventsBetween(T0, T0.plusSeconds(2)))
            .extracting(EventRecord::eventId)
            .containsExactly("E0", "E1");
        long before = store.lastImportId();
        store.commit(events("later", EventRecord.of("E-later", T0, "later")));
        assertThat(store.revisionsSince(before))
            .containsExactly(new EventRevision(EventRecord.of("E-later", T0, "later"), 1));
        assertThatThrownBy(store::events)
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("event_block 0 is not a block of event revisions");
      }
    }

    /**
     * A page, a range or a lookup reads with several statements; they share one snapshot, so a
     * commit by another process between them is not half seen.
     */
    @Test
    void aReadOfSeveralStatementsSeesOneCommittedState() throws SQLException {
      try (PortfolioStore store = open();
          PortfolioStore other = open()) {
        store.commit(events("first", EventRecord.of("E1", T0, "A")));
        String count = "SELECT count(*) FROM event_block";

        List<Long> counts =
            ((SqlStore) store)
                .withSnapshot(
                    connection -> {
                      long before = countOf(connection, count);
                      other.commit(events("meanwhile", EventRecord.of("E2", T0, "B")));
                      return List.of(before, countOf(connection, count));
                    });

        assertThat(counts).containsExactly(1L, 1L);
        assertThat(store.eventCount()).isEqualTo(2);
        assertThat(store.eventsBefore(Optional.empty(), 5))
            .containsExactly(EventRecord.of("E2", T0, "B"), EventRecord.of("E1", T0, "A"));
      }
    }

    private static long countOf(Connection connection, String sql) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(sql)) {
        result.next();
        return result.getLong(1);
      }
    }

    @Test
    void idsAndLinesKeepEveryCharacter() {
      // PostgreSQL text cannot hold NUL; a block's lines are escaped (RowText), so they can.
      List<EventRecord> records =
          List.of(
              EventRecord.of("E\u00001", T0, "A\u0000B"),
              EventRecord.of("E\t2", T0, "tab\tline\nfeed\\ back\\t"),
              EventRecord.of("🚀 ünï", T0, "🚀 ünï"));
      try (PortfolioStore store = open()) {
        store.commit(new ImportBatch(List.of(), records, "every character"));

        assertThat(store.events()).containsExactlyInAnyOrderElementsOf(records);
        for (EventRecord record : records) {
          assertThat(store.findEvent(record.eventId())).contains(record);
        }
      }
    }
  }

  @Nested
  class PagingBackwards {

    private final Instant t1 = T0.plusSeconds(1);
    private final Instant t2 = T0.plusSeconds(2);
    private final Instant t3 = T0.plusSeconds(3);

    /**
     * Eleven events, four of one time, three of another; one retracted, one moved to a later time,
     * one revised in place. Returns the visible ones, newest first.
     */
    private List<EventRecord> commitEvents(PortfolioStore store) {
      store.commit(
          events(
              "first",
              EventRecord.of("a", T0, "1"),
              EventRecord.of("b", T0, "2"),
              EventRecord.of("c", T0, "3"),
              EventRecord.of("B", T0, "4"),
              EventRecord.of("d", t1, "5"),
              EventRecord.of("e", t2, "6"),
              EventRecord.of("f", t2, "7"),
              EventRecord.of("g", t2, "8"),
              EventRecord.of("h", t3, "9")));
      store.commit(
          events(
              "second",
              EventRecord.retracted("c", T0),
              EventRecord.of("b", t3, "2 moved"),
              EventRecord.of("e", t2, "6 revised"),
              EventRecord.of("i", t1, "10"),
              EventRecord.of("j", t3, "11")));
      return List.of(
          EventRecord.of("j", t3, "11"),
          EventRecord.of("h", t3, "9"),
          EventRecord.of("b", t3, "2 moved"),
          EventRecord.of("g", t2, "8"),
          EventRecord.of("f", t2, "7"),
          EventRecord.of("e", t2, "6 revised"),
          EventRecord.of("i", t1, "10"),
          EventRecord.of("d", t1, "5"),
          EventRecord.of("a", T0, "1"),
          EventRecord.of("B", T0, "4"));
    }

    private List<EventRecord> pageThrough(PortfolioStore store, int limit) {
      List<EventRecord> seen = new ArrayList<>();
      Optional<EventPosition> before = Optional.empty();
      while (true) {
        List<EventRecord> page = store.eventsBefore(before, limit);
        assertThat(page.size()).isLessThanOrEqualTo(limit);
        if (page.isEmpty()) {
          return seen;
        }
        seen.addAll(page);
        before = Optional.of(EventPosition.of(page.get(page.size() - 1)));
        assertThat(seen).as("pages so far").hasSizeLessThanOrEqualTo(20);
      }
    }

    @Test
    void theFirstPageIsTheNewestVisibleEvents() {
      try (PortfolioStore store = open()) {
        List<EventRecord> newestFirst = commitEvents(store);

        assertThat(store.eventsBefore(Optional.empty(), 4))
            .containsExactlyElementsOf(newestFirst.subList(0, 4));
        assertThat(store.eventsBefore(Optional.empty(), 100))
            .containsExactlyElementsOf(newestFirst);
        List<EventRecord> oldestFirst = new ArrayList<>(store.events());
        Collections.reverse(oldestFirst);
        assertThat(newestFirst).isEqualTo(oldestFirst);
      }
    }

    @Test
    void pagingWithLimitOneOrThreeReturnsEveryVisibleEventExactlyOnce() {
      try (PortfolioStore store = open()) {
        List<EventRecord> newestFirst = commitEvents(store);

        assertThat(pageThrough(store, 1)).containsExactlyElementsOf(newestFirst);
        assertThat(pageThrough(store, 3)).containsExactlyElementsOf(newestFirst);
      }
    }

    @Test
    void beforeIsStrictAndNeedNotBeAStoredEvent() {
      try (PortfolioStore store = open()) {
        commitEvents(store);

        assertThat(store.eventsBefore(Optional.of(new EventPosition(t2, "f")), 10))
            .extracting(EventRecord::eventId)
            .containsExactly("e", "i", "d", "a", "B");
        // "f" < "f0" < "g": f is before this position, g is not.
        assertThat(store.eventsBefore(Optional.of(new EventPosition(t2, "f0")), 2))
            .extracting(EventRecord::eventId)
            .containsExactly("f", "e");
        // The retracted c and the old revision of b at T0 are not events, also here.
        assertThat(store.eventsBefore(Optional.of(new EventPosition(T0, "z")), 10))
            .extracting(EventRecord::eventId)
            .containsExactly("a", "B");
        assertThat(store.eventsBefore(Optional.of(new EventPosition(T0, "B")), 10)).isEmpty();
      }
    }

    @Test
    void pagingAsOfAnImportIgnoresWhatLaterImportsWrote() {
      try (PortfolioStore store = open()) {
        store.commit(
            new ImportBatch(
                List.of(),
                List.of(EventRecord.of("a", T0, "a1"), EventRecord.of("b", T0, "b1")),
                List.of(),
                Map.of(),
                "first"));
        long first = store.lastImportId();
        // Later: b is revised, a retracted, c added.
        store.commit(
            new ImportBatch(
                List.of(),
                List.of(
                    EventRecord.of("b", T0, "b2"),
                    EventRecord.retracted("a", T0),
                    EventRecord.of("c", T0.plusSeconds(1), "c1")),
                List.of(),
                Map.of(),
                "second"));

        assertThat(store.eventsBefore(Optional.empty(), 10, first))
            .extracting(EventRecord::line)
            .containsExactly("b1", "a1");
        assertThat(store.eventsBefore(Optional.empty(), 10, store.lastImportId()))
            .extracting(EventRecord::line)
            .containsExactly("c1", "b2");
        assertThat(store.eventsBefore(Optional.empty(), 10, 0)).isEmpty();
        assertThatThrownBy(() -> store.eventsBefore(Optional.empty(), 10, -1))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }

    @Test
    void anEmptyStoreHasNoPageAndALimitBelowOneIsRejected() {
      try (PortfolioStore store = open()) {
        assertThat(store.eventsBefore(Optional.empty(), 10)).isEmpty();

        assertThatThrownBy(() -> store.eventsBefore(Optional.empty(), 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("limit");
        assertThatThrownBy(() -> store.eventsBefore(Optional.empty(), -5))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("limit");
      }
    }
  }

  /** The engine's saved states: the newest two are kept. */
  @Nested
  class Checkpoints {

    private final Instant at = Instant.parse("2024-03-01T12:00:00.000000001Z");

    @Test
    void aStoreWithoutCheckpointsHasNoLatest() {
      try (PortfolioStore store = open()) {
        assertThat(store.latestCheckpoint()).isEmpty();
      }
    }

    @Test
    void aLargeStateComesBackExactlyAfterReopening() {
      // About 4 MB, with amounts, non-ASCII text and every kind of whitespace.
      StringBuilder state = new StringBuilder();
      for (int i = 0; state.length() < 4_000_000; i++) {
        state
            .append("{\"pair\":\"XBT/ZUSD ₿\",\"qty\":\"12345.123456789012345678\",\"n\":")
            .append(i)
            .append("}\n\t \r");
      }
      Checkpoint checkpoint = new Checkpoint(1, at, state.toString());
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
        store.saveCheckpoint(checkpoint);
      }

      try (PortfolioStore store = open()) {
        Checkpoint back = store.latestCheckpoint().orElseThrow();
        assertThat(back.importId()).isEqualTo(1);
        assertThat(back.takenAt()).isEqualTo(at);
        assertThat(back.state()).isEqualTo(checkpoint.state());
      }
    }

    @Test
    void theLatestIsTheLastSavedNotTheNewestImportOrTime() {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
        store.commit(rows("second", ledger("L2", "R2", 0)));
        store.saveCheckpoint(new Checkpoint(2, at.plusSeconds(60), "after two"));
        store.saveCheckpoint(new Checkpoint(1, at, "after one"));

        assertThat(store.latestCheckpoint()).contains(new Checkpoint(1, at, "after one"));
      }
    }

    @Test
    void savingKeepsOnlyTheNewestTwo() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
        for (int i = 1; i <= 5; i++) {
          store.saveCheckpoint(new Checkpoint(i % 2, at.plusSeconds(i), "state " + i));
          assertThat(store.latestCheckpoint().map(Checkpoint::state)).contains("state " + i);
        }
      }

      assertThat(queryList("SELECT state FROM checkpoint ORDER BY seq"))
          .containsExactly("state 4", "state 5");
    }

    @Test
    void tradeLinesAreSavedWithTheirCheckpointAddedToAndReplacedByBooks() {
      try (PortfolioStore store = open()) {
        store.commit(rows("first", ledger("L1", "R1", 0)));
        store.saveCheckpoint(
            new Checkpoint(1, at, "one"),
            new CheckpointTrades("USD WAC", false, Map.of("T1", "1\t2\t-", "T2", "3\t4\t5")));
        store.saveCheckpoint(
            new Checkpoint(1, at, "two"),
            new CheckpointTrades("USD FIFO", false, Map.of("T1", "9\t9\t-")));
        // A later checkpoint adds T3 and saves T2 again with another line: it replaces the old.
        store.saveCheckpoint(
            new Checkpoint(1, at, "three"),
            new CheckpointTrades("USD WAC", false, Map.of("T2", "3\t4\t6", "T3", "7\t8\t-")));

        assertThat(store.tradeLines("USD WAC", List.of("T1", "T2", "T3", "T4")))
            .containsExactlyInAnyOrderEntriesOf(
                Map.of("T1", "1\t2\t-", "T2", "3\t4\t6", "T3", "7\t8\t-"));
        assertThat(store.tradeLines("USD FIFO", List.of("T1", "T2"))).containsOnlyKeys("T1");
        assertThat(store.tradeLines("USD WAC", List.of())).isEmpty();

        // A replayed fold's checkpoint replaces every line of its books, and only of its books.
        store.saveCheckpoint(
            new Checkpoint(1, at, "four"),
            new CheckpointTrades("USD WAC", true, Map.of("T3", "0\t0\t-")));
        assertThat(store.tradeLines("USD WAC", List.of("T1", "T2", "T3")))
            .containsExactly(Map.entry("T3", "0\t0\t-"));
        assertThat(store.tradeLines("USD FIFO", List.of("T1"))).containsOnlyKeys("T1");
      }
    }

    @Test
    void manyTradeLinesAreFoundInOneCallAndACheckpointRefusedSavesNone() {
      Map<String, String> lines = new HashMap<>();
      // Lines of more than one block.
      for (int i = 0; i < 3 * TradePnlBlock.MAX_LINES + 7; i++) {
        lines.put("T" + i, i + "\t0\t-");
      }
      try (PortfolioStore store = open()) {
        assertThatThrownBy(
                () ->
                    store.saveCheckpoint(
                        new Checkpoint(1, at, "too new"),
                        new CheckpointTrades("USD WAC", false, lines)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.tradeLines("USD WAC", lines.keySet())).isEmpty();

        store.saveCheckpoint(
            new Checkpoint(0, at, "empty"), new CheckpointTrades("USD WAC", false, lines));
        assertThat(store.tradeLines("USD WAC", lines.keySet())).isEqualTo(lines);
      }
    }

    @Test
    void aCheckpointOfAnImportTheStoreDoesNotHaveIsRejected() {
      try (PortfolioStore store = open()) {
        assertThatThrownBy(() -> store.saveCheckpoint(new Checkpoint(1, at, "too new")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("newest import")
            .hasMessageContaining("0");
        assertThat(store.latestCheckpoint()).isEmpty();

        // Import 0 is the state before any import: always allowed.
        store.saveCheckpoint(new Checkpoint(0, at, "empty books"));
        store.commit(rows("first", ledger("L1", "R1", 0)));
        store.saveCheckpoint(new Checkpoint(store.lastImportId(), at, "one import"));
        assertThatThrownBy(
                () -> store.saveCheckpoint(new Checkpoint(store.lastImportId() + 1, at, "x")))
            .isInstanceOf(IllegalArgumentException.class);

        assertThat(store.latestCheckpoint().map(Checkpoint::state)).contains("one import");
      }
    }

    @Test
    void aFailedInsertLeavesTheCheckpointsAsTheyWere() throws SQLException {
      try (PortfolioStore store = open()) {
        store.saveCheckpoint(new Checkpoint(0, at, "one"));
        store.saveCheckpoint(new Checkpoint(0, at, "two"));
        failInsertsOf("checkpoint", "state");

        assertThatThrownBy(() -> store.saveCheckpoint(new Checkpoint(0, at, "BOOM")))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("checkpoint")
            .hasMessageContaining(databaseName())
            .hasMessageContaining("forced failure");

        assertThat(store.latestCheckpoint().map(Checkpoint::state)).contains("two");
      }
      assertThat(queryList("SELECT state FROM checkpoint ORDER BY seq"))
          .containsExactly("one", "two");
    }

    @Test
    void aFailedDeleteOfTheOldestUndoesTheInsert() throws SQLException {
      try (PortfolioStore store = open()) {
        store.saveCheckpoint(new Checkpoint(0, at, "one"));
        store.saveCheckpoint(new Checkpoint(0, at, "two"));
        // The insert of "three" succeeds; deleting "one" then fails, in the same transaction.
        failDeletesFrom("checkpoint");

        assertThatThrownBy(() -> store.saveCheckpoint(new Checkpoint(0, at, "three")))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("forced failure");

        assertThat(store.latestCheckpoint().map(Checkpoint::state)).contains("two");
      }
      assertThat(queryList("SELECT state FROM checkpoint ORDER BY seq"))
          .containsExactly("one", "two");
    }

    @Test
    void twoStoresSavingAtOnceStillKeepTwo() throws Exception {
      try (PortfolioStore first = open();
          PortfolioStore second = open()) {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
          List<Callable<Void>> savers = new ArrayList<>();
          for (PortfolioStore store : List.of(first, second)) {
            savers.add(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    store.saveCheckpoint(new Checkpoint(0, at, store + " " + i));
                  }
                  return null;
                });
          }
          for (Future<Void> saver : threads.invokeAll(savers)) {
            saver.get();
          }
        } finally {
          threads.shutdown();
          assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
      }

      assertThat(queryOne("SELECT count(*) FROM checkpoint")).isEqualTo("2");
    }
  }

  /** Portfolio snapshots: newest first, and pruned by age without touching the history. */
  @Nested
  class Snapshots {

    private final Instant t1 = Instant.parse("2024-03-01T00:00:00Z");
    private final Instant t2 = Instant.parse("2024-03-02T00:00:00.5Z");
    private final Instant t3 = Instant.parse("2024-03-03T00:00:00.000000001Z");

    private StoredSnapshot snapshot(Instant at, String name) {
      return new StoredSnapshot(at, "{\"name\":\"" + name + "\"}");
    }

    @Test
    void snapshotsComeNewestFirstWithinSinceAndLimit() {
      try (PortfolioStore store = open()) {
        store.saveSnapshot(snapshot(t1, "one"));
        store.saveSnapshot(snapshot(t3, "three"));
        store.saveSnapshot(snapshot(t2, "two"));
        store.saveSnapshot(snapshot(t3, "three again"));

        assertThat(store.snapshots(Optional.empty(), 10))
            .containsExactly(
                snapshot(t3, "three again"),
                snapshot(t3, "three"),
                snapshot(t2, "two"),
                snapshot(t1, "one"));
        assertThat(store.snapshots(Optional.empty(), 1))
            .containsExactly(snapshot(t3, "three again"));
        assertThat(store.snapshots(Optional.of(t2), 10))
            .containsExactly(
                snapshot(t3, "three again"), snapshot(t3, "three"), snapshot(t2, "two"));
        assertThat(store.snapshots(Optional.of(t2.plusNanos(1)), 10))
            .containsExactly(snapshot(t3, "three again"), snapshot(t3, "three"));
        assertThat(store.snapshots(Optional.of(t1), 3))
            .containsExactly(
                snapshot(t3, "three again"), snapshot(t3, "three"), snapshot(t2, "two"));
        assertThat(store.snapshots(Optional.of(t3.plusNanos(1)), 10)).isEmpty();
      }
    }

    @Test
    void theBodyComesBackExactly() {
      String body =
          "{ \"z\": \"12345.123456789012345678\",\n  \"a\": [1.50, \"Zürich ₿ 🚀\"],"
              + " \"esc\": \"\\u0000 \\\" tab\t\" }";
      try (PortfolioStore store = open()) {
        store.saveSnapshot(new StoredSnapshot(t2, body));
      }

      try (PortfolioStore store = open()) {
        assertThat(store.snapshots(Optional.empty(), 1))
            .singleElement()
            .satisfies(back -> assertThat(back.body()).isEqualTo(body))
            .satisfies(back -> assertThat(back.takenAt()).isEqualTo(t2));
      }
    }

    @Test
    void pruningDeletesExactlyTheOlderSnapshotsAndNoHistory() throws SQLException {
      try (PortfolioStore store = open()) {
        commitSomeHistory(store);
        store.saveSnapshot(snapshot(t1, "one"));
        store.saveSnapshot(snapshot(t2, "two"));
        store.saveSnapshot(snapshot(t2, "two again"));
        store.saveSnapshot(snapshot(t3, "three"));
        store.appendEquityPoint(new StoredEquityPoint(t1, "1", "1", "0", "0"));
        store.saveCheckpoint(new Checkpoint(1, t1, "state"));
        Map<String, String> history = historyCounts();
        List<EventRecord> events = store.events();
        List<StoredPrice> prices = store.prices();
        Map<String, String> marks = store.marks();

        assertThat(store.pruneSnapshots(t2)).isEqualTo(1);
        assertThat(store.snapshots(Optional.empty(), 10))
            .containsExactly(snapshot(t3, "three"), snapshot(t2, "two again"), snapshot(t2, "two"));
        assertThat(store.pruneSnapshots(t2)).isZero();
        assertThat(store.pruneSnapshots(t3.plusNanos(1))).isEqualTo(3);
        assertThat(store.snapshots(Optional.empty(), 10)).isEmpty();

        assertThat(historyCounts()).isEqualTo(history);
        assertThat(store.events()).isEqualTo(events);
        assertThat(store.rowCount()).isEqualTo(2);
        assertThat(store.prices()).isEqualTo(prices);
        assertThat(store.marks()).isEqualTo(marks);
        assertThat(store.equityPoints(t1)).hasSize(1);
        assertThat(store.latestCheckpoint()).isPresent();
      }
    }

    @Test
    void aFailedSaveLeavesTheSnapshotsAsTheyWere() throws SQLException {
      try (PortfolioStore store = open()) {
        store.saveSnapshot(snapshot(t1, "one"));
        failInsertsOf("portfolio_snapshot", "body");

        assertThatThrownBy(() -> store.saveSnapshot(new StoredSnapshot(t2, "BOOM")))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("snapshot")
            .hasMessageContaining(databaseName())
            .hasMessageContaining("forced failure");

        assertThat(store.snapshots(Optional.empty(), 10)).containsExactly(snapshot(t1, "one"));
      }
    }

    @Test
    void aLimitBelowOneIsRejected() {
      try (PortfolioStore store = open()) {
        assertThatThrownBy(() -> store.snapshots(Optional.empty(), 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("limit");
      }
    }
  }

  /** Risk events: kept, newest first within since, types and limit. */
  @Nested
  class RiskEvents {

    private final Instant t1 = Instant.parse("2026-12-01T00:00:00Z");
    private final Instant t2 = Instant.parse("2026-12-02T00:00:00.5Z");
    private final Instant t3 = Instant.parse("2026-12-03T00:00:00.000000001Z");

    private StoredRiskEvent event(Instant at, String type, String level) {
      return new StoredRiskEvent(
          at, type, "{\"type\":\"" + type + "\",\"level\":\"" + level + "\"}");
    }

    @Test
    void eventsComeNewestFirstWithinSinceTypesAndLimit() {
      try (PortfolioStore store = open()) {
        store.saveRiskEvent(event(t1, "MARGIN_CALL", "195"));
        store.saveRiskEvent(event(t3, "MARGIN_RESTORED", "220"));
        store.saveRiskEvent(event(t2, "LIQUIDATION_RISK", "145"));
        store.saveRiskEvent(event(t3, "MARGIN_CALL", "199"));

        assertThat(store.riskEvents(Optional.empty(), Set.of(), 10))
            .containsExactly(
                event(t3, "MARGIN_CALL", "199"),
                event(t3, "MARGIN_RESTORED", "220"),
                event(t2, "LIQUIDATION_RISK", "145"),
                event(t1, "MARGIN_CALL", "195"));
        assertThat(store.riskEvents(Optional.empty(), Set.of("MARGIN_CALL"), 10))
            .containsExactly(event(t3, "MARGIN_CALL", "199"), event(t1, "MARGIN_CALL", "195"));
        assertThat(
                store.riskEvents(
                    Optional.empty(), Set.of("LIQUIDATION_RISK", "MARGIN_RESTORED"), 10))
            .containsExactly(
                event(t3, "MARGIN_RESTORED", "220"), event(t2, "LIQUIDATION_RISK", "145"));
        assertThat(store.riskEvents(Optional.of(t2), Set.of(), 10))
            .containsExactly(
                event(t3, "MARGIN_CALL", "199"),
                event(t3, "MARGIN_RESTORED", "220"),
                event(t2, "LIQUIDATION_RISK", "145"));
        assertThat(store.riskEvents(Optional.of(t2.plusNanos(1)), Set.of("MARGIN_CALL"), 10))
            .containsExactly(event(t3, "MARGIN_CALL", "199"));
        assertThat(store.riskEvents(Optional.empty(), Set.of(), 1))
            .containsExactly(event(t3, "MARGIN_CALL", "199"));
        assertThat(store.riskEvents(Optional.empty(), Set.of("DRAWDOWN_BREACH"), 10)).isEmpty();
      }
    }

    @Test
    void theBodyComesBackExactlyAfterReopening() {
      String body = "{ \"level\": \"105.0000\",\n \"note\": \"Zürich ₿ \\u0000\" }";
      try (PortfolioStore store = open()) {
        store.saveRiskEvent(new StoredRiskEvent(t2, "MARGIN_CRITICAL", body));
      }

      try (PortfolioStore store = open()) {
        assertThat(store.riskEvents(Optional.empty(), Set.of(), 1))
            .containsExactly(new StoredRiskEvent(t2, "MARGIN_CRITICAL", body));
      }
    }

    @Test
    void pruningSnapshotsAndEquityLeavesRiskEvents() {
      try (PortfolioStore store = open()) {
        store.saveRiskEvent(event(t1, "MARGIN_CALL", "195"));
        store.pruneSnapshots(t3);
        store.pruneEquityPoints(t3);

        assertThat(store.riskEvents(Optional.empty(), Set.of(), 10))
            .containsExactly(event(t1, "MARGIN_CALL", "195"));
      }
    }

    @Test
    void aFailedSaveLeavesTheEventsAsTheyWere() throws SQLException {
      try (PortfolioStore store = open()) {
        store.saveRiskEvent(event(t1, "MARGIN_CALL", "195"));
        failInsertsOf("risk_event", "type", "MARGIN_CRITICAL");

        assertThatThrownBy(() -> store.saveRiskEvent(event(t2, "MARGIN_CRITICAL", "105")))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("risk event MARGIN_CRITICAL")
            .hasMessageContaining(databaseName())
            .hasMessageContaining("forced failure");

        assertThat(store.riskEvents(Optional.empty(), Set.of(), 10))
            .containsExactly(event(t1, "MARGIN_CALL", "195"));
      }
    }

    @Test
    void badArgumentsAreRejectedNamingWhatIsWrong() {
      try (PortfolioStore store = open()) {
        assertThatThrownBy(() -> store.riskEvents(Optional.empty(), Set.of(), 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("limit");
        assertThatThrownBy(() -> store.riskEvents(Optional.empty(), Set.of("margin_call"), 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'margin_call'");
        assertThatThrownBy(() -> new StoredRiskEvent(t1, "MARGIN_CALL", " "))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("body");
      }
    }
  }

  /** The equity series: one point per time, oldest first, pruned by age. */
  @Nested
  class EquitySeries {

    private final Instant t1 = Instant.parse("2024-03-01T00:00:00Z");
    private final Instant t2 = Instant.parse("2024-03-01T00:00:00.000000001Z");
    private final Instant t3 = Instant.parse("2024-03-02T00:00:00Z");

    private StoredEquityPoint point(Instant at, String equity) {
      return new StoredEquityPoint(at, equity, "100.00", "-50", "0.5");
    }

    @Test
    void pointsComeOldestFirstFromSinceOnAndExactly() {
      StoredEquityPoint exact =
          new StoredEquityPoint(t2, "12345.123456789012345678", "1.50", "-0.000000001", "1E+3");
      try (PortfolioStore store = open()) {
        store.appendEquityPoint(point(t3, "3"));
        store.appendEquityPoint(exact);
        store.appendEquityPoint(point(t1, "1"));
      }

      try (PortfolioStore store = open()) {
        assertThat(store.equityPoints(StoredInstant.MIN))
            .containsExactly(point(t1, "1"), exact, point(t3, "3"));
        assertThat(store.equityPoints(t2)).containsExactly(exact, point(t3, "3"));
        assertThat(store.equityPoints(t2.plusNanos(1))).containsExactly(point(t3, "3"));
        assertThat(store.equityPoints(t3.plusNanos(1))).isEmpty();
      }
    }

    @Test
    void aPointAtAStoredTimeIsIgnored() throws SQLException {
      try (PortfolioStore store = open()) {
        store.appendEquityPoint(point(t1, "1"));
        store.appendEquityPoint(point(t1, "1"));
        store.appendEquityPoint(point(t1, "999"));

        assertThat(store.equityPoints(t1)).containsExactly(point(t1, "1"));
      }
      assertThat(queryOne("SELECT count(*) FROM equity_point")).isEqualTo("1");
    }

    @Test
    void pruningDeletesExactlyTheOlderPointsAndNoHistory() throws SQLException {
      try (PortfolioStore store = open()) {
        commitSomeHistory(store);
        store.appendEquityPoint(point(t1, "1"));
        store.appendEquityPoint(point(t2, "2"));
        store.appendEquityPoint(point(t3, "3"));
        store.saveSnapshot(new StoredSnapshot(t1, "{}"));
        Map<String, String> history = historyCounts();
        List<EventRecord> events = store.events();
        List<StoredPrice> prices = store.prices();
        Map<String, String> marks = store.marks();

        assertThat(store.pruneEquityPoints(t2)).isEqualTo(1);
        assertThat(store.equityPoints(t1)).containsExactly(point(t2, "2"), point(t3, "3"));
        assertThat(store.pruneEquityPoints(t2)).isZero();
        assertThat(store.pruneEquityPoints(t3)).isEqualTo(1);
        assertThat(store.equityPoints(t1)).containsExactly(point(t3, "3"));

        assertThat(historyCounts()).isEqualTo(history);
        assertThat(store.events()).isEqualTo(events);
        assertThat(store.prices()).isEqualTo(prices);
        assertThat(store.marks()).isEqualTo(marks);
        assertThat(store.snapshots(Optional.empty(), 10)).hasSize(1);

        // A pruned time is free again.
        store.appendEquityPoint(point(t1, "1.0"));
        assertThat(store.equityPoints(t1)).containsExactly(point(t1, "1.0"), point(t3, "3"));
      }
    }

    @Test
    void aFailedAppendLeavesTheSeriesAsItWas() throws SQLException {
      try (PortfolioStore store = open()) {
        store.appendEquityPoint(point(t1, "1"));
        failInsertsOf("equity_point", "equity", "-666");

        assertThatThrownBy(() -> store.appendEquityPoint(point(t2, "-666")))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("equity point")
            .hasMessageContaining(databaseName())
            .hasMessageContaining("forced failure");

        assertThat(store.equityPoints(StoredInstant.MIN)).containsExactly(point(t1, "1"));
      }
    }

    @Test
    void timesOutsideTheStorableYearsAreRejected() {
      try (PortfolioStore store = open()) {
        assertThatThrownBy(() -> store.equityPoints(Instant.MIN))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("since");
        assertThatThrownBy(() -> store.pruneEquityPoints(Instant.MAX))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("olderThan");
        assertThatThrownBy(() -> store.pruneSnapshots(Instant.MIN))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("olderThan");
      }
    }
  }

  /**
   * The last reconciliations: the newest saved and the newest that compared are kept, everything
   * else is deleted; values come back exactly, and bad stored text is an error naming its column.
   */
  @Nested
  class Reconciliations {

    private final Instant t1 = Instant.parse("2026-03-02T12:00:01Z");
    private final Instant t2 = Instant.parse("2026-03-02T12:05:01.5Z");
    private final Instant t3 = Instant.parse("2026-03-02T12:10:01.000000001Z");
    private final Instant t4 = Instant.parse("2026-03-02T12:15:01Z");

    private StoredReconciliation.AssetDifference asset(
        String code, String internal, String exchange, String difference, String base) {
      return new StoredReconciliation.AssetDifference(
          code,
          new BigDecimal(internal),
          new BigDecimal(exchange),
          new BigDecimal(difference),
          Optional.ofNullable(base).map(BigDecimal::new));
    }

    /** A drift: 0.01 XBT more on the exchange (650.00), and an unvalued difference in FOO. */
    private StoredReconciliation drift(Instant at) {
      return new StoredReconciliation(
          at,
          "drift",
          true,
          Optional.of(
              new StoredReconciliation.Comparison(
                  new BigDecimal("1.00000000"),
                  new BigDecimal("650.00000000"),
                  List.of(
                      asset("FOO", "3", "2.5", "-0.5", null),
                      asset("USD", "1500.2500", "1500.2500", "0", "0E-8"),
                      asset(
                          "XBT",
                          "1.123456789012345678",
                          "1.133456789012345678",
                          "0.01",
                          "650.00000000")))));
    }

    private StoredReconciliation ok(Instant at) {
      return new StoredReconciliation(
          at,
          "ok",
          false,
          Optional.of(
              new StoredReconciliation.Comparison(
                  new BigDecimal("1.00"),
                  new BigDecimal("0E-8"),
                  List.of(asset("XBT", "1.5", "1.5", "0", "0E-8")))));
    }

    private StoredReconciliation without(Instant at, String status, boolean driftFlag) {
      return new StoredReconciliation(at, status, driftFlag, Optional.empty());
    }

    @Test
    void aStoreWithoutReconciliationsHasNoLatest() {
      try (PortfolioStore store = open()) {
        assertThat(store.latestReconciliation()).isEmpty();
        assertThat(store.latestComparison()).isEmpty();
      }
    }

    @Test
    void aComparisonComesBackExactlyAfterReopening() {
      try (PortfolioStore store = open()) {
        store.saveReconciliation(drift(t2));
      }

      try (PortfolioStore store = open()) {
        assertThat(store.latestReconciliation()).contains(drift(t2));
        assertThat(store.latestComparison()).contains(drift(t2));
        StoredReconciliation back = store.latestComparison().orElseThrow();
        assertThat(back.checkedAt()).isEqualTo(t2);
        assertThat(back.comparison().orElseThrow().assets().get(2).internal().toPlainString())
            .isEqualTo("1.123456789012345678");
        assertThat(back.comparison().orElseThrow().assets().get(0).differenceBase()).isEmpty();
      }
    }

    /** {@link #drift} with a margin comparison (schema 10): a level only Kraken has, a short. */
    private StoredReconciliation withMargin(Instant at, Optional<String> skipped) {
      StoredReconciliation drift = drift(at);
      List<StoredReconciliation.MarginFigureRow> figures =
          skipped.isPresent()
              ? List.of()
              : List.of(
                  new StoredReconciliation.MarginFigureRow(
                      "equity",
                      Optional.of(new BigDecimal("118833.59816572")),
                      Optional.of(new BigDecimal("118833.0832"))),
                  new StoredReconciliation.MarginFigureRow(
                      "margin_level", Optional.empty(), Optional.of(new BigDecimal("6406.2300"))));
      return new StoredReconciliation(
          at,
          drift.status(),
          drift.driftFlag(),
          drift.comparison(),
          Optional.of(
              new StoredReconciliation.MarginComparison(
                  "USD",
                  new BigDecimal("1.00"),
                  new BigDecimal("0.005"),
                  new BigDecimal("1285.4770"),
                  skipped,
                  figures,
                  List.of(
                      new StoredReconciliation.MarginPositionRow(
                          "ETH/USD",
                          new BigDecimal("-1.43963512"),
                          new BigDecimal("-1.4396351"))))));
    }

    @Test
    void aMarginComparisonComesBackExactlyAfterReopening() {
      StoredReconciliation compared = withMargin(t1, Optional.empty());
      StoredReconciliation skipped =
          withMargin(
              t2, Optional.of("Kraken's TradeBalance is valued in USD and the books in EUR"));
      try (PortfolioStore store = open()) {
        store.saveReconciliation(compared);
      }
      try (PortfolioStore store = open()) {
        assertThat(store.latestComparison()).contains(compared);
        StoredReconciliation.MarginComparison back =
            store.latestComparison().orElseThrow().margin().orElseThrow();
        assertThat(back.figures().get(1).internal()).isEmpty();
        assertThat(back.positions().get(0).exchange().toPlainString()).isEqualTo("-1.4396351");
        store.saveReconciliation(skipped);
        assertThat(store.latestReconciliation()).contains(skipped);
        store.saveReconciliation(without(t3, "no_quiet_moment", true));
        assertThat(store.latestComparison()).contains(skipped);
        assertThat(store.latestReconciliation().orElseThrow().margin()).isEmpty();
      }
    }

    @Test
    void badMarginTextIsAStoreErrorNamingTheColumn() throws SQLException {
      try (PortfolioStore store = open()) {
        store.saveReconciliation(withMargin(t1, Optional.empty()));
        execute("UPDATE reconciliation SET margin = '{\"currency\":\"USD\"}'");

        assertThatThrownBy(store::latestComparison)
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("column margin");
      }
    }

    @Test
    void theNewestAndTheNewestComparisonAreKeptAndNothingElse() throws SQLException {
      try (PortfolioStore store = open()) {
        commitSomeHistory(store);
        Map<String, String> history = historyCounts();
        store.saveReconciliation(ok(t1));
        store.saveReconciliation(drift(t2));
        store.saveReconciliation(without(t3, "no_quiet_moment", true));

        // The no_quiet_moment compared nothing: the drift before it is the last comparison.
        assertThat(store.latestReconciliation()).contains(without(t3, "no_quiet_moment", true));
        assertThat(store.latestComparison()).contains(drift(t2));
        assertThat(queryOne("SELECT count(*) FROM reconciliation")).isEqualTo("2");
        assertThat(queryOne("SELECT count(*) FROM reconciliation_asset")).isEqualTo("3");

        store.saveReconciliation(without(t4, "unchecked", false));
        assertThat(store.latestReconciliation()).contains(without(t4, "unchecked", false));
        assertThat(store.latestComparison()).contains(drift(t2));
        assertThat(queryOne("SELECT count(*) FROM reconciliation")).isEqualTo("2");

        // A new comparison replaces both.
        store.saveReconciliation(ok(t1));
        assertThat(store.latestReconciliation()).contains(ok(t1));
        assertThat(store.latestComparison()).contains(ok(t1));
        assertThat(queryOne("SELECT count(*) FROM reconciliation")).isEqualTo("1");
        assertThat(queryOne("SELECT count(*) FROM reconciliation_asset")).isEqualTo("1");
        assertThat(historyCounts()).isEqualTo(history);
      }
    }

    @Test
    void theLatestIsTheLastSavedNotTheNewestTime() {
      try (PortfolioStore store = open()) {
        store.saveReconciliation(drift(t4));
        store.saveReconciliation(ok(t1));

        assertThat(store.latestComparison()).contains(ok(t1));
      }
    }

    @Test
    void aFailedSaveLeavesTheReconciliationsAsTheyWere() throws SQLException {
      try (PortfolioStore store = open()) {
        store.saveReconciliation(drift(t1));
        failInsertsOf("reconciliation_asset", "asset", "USD");

        assertThatThrownBy(() -> store.saveReconciliation(drift(t2)))
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("reconciliation")
            .hasMessageContaining(databaseName())
            .hasMessageContaining("forced failure");

        assertThat(store.latestReconciliation()).contains(drift(t1));
        assertThat(queryOne("SELECT count(*) FROM reconciliation")).isEqualTo("1");
        assertThat(queryOne("SELECT count(*) FROM reconciliation_asset")).isEqualTo("3");
      }
    }

    @Test
    void badStoredTextIsAStoreErrorNamingTheColumn() throws SQLException {
      try (PortfolioStore store = open()) {
        store.saveReconciliation(drift(t1));
        execute("UPDATE reconciliation_asset SET internal = 'lots' WHERE asset = 'XBT'");

        assertThatThrownBy(store::latestComparison)
            .isInstanceOf(StoreException.class)
            .hasMessageContaining(databaseName())
            .hasMessageContaining("column internal of reconciliation_asset XBT")
            .hasMessageContaining("'lots'");

        execute("UPDATE reconciliation_asset SET internal = '1' WHERE asset = 'XBT'");
        execute("UPDATE reconciliation SET total_difference_base = 'x'");
        assertThatThrownBy(store::latestReconciliation)
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("column total_difference_base of reconciliation");

        execute("UPDATE reconciliation SET total_difference_base = '1', status = 'Drift'");
        assertThatThrownBy(store::latestReconciliation)
            .isInstanceOf(StoreException.class)
            .hasMessageContaining("status");
      }
    }
  }

  @Nested
  class BooksAtMoments {

    private static final String WAC = "USD WAC KFEE=0.01";
    private static final String FIFO = "USD FIFO KFEE=0.01";

    private final Instant march = Instant.parse("2024-03-01T00:00:00Z");
    private final Instant april = Instant.parse("2024-04-01T00:00:00Z");
    private final Instant may = Instant.parse("2024-05-01T00:00:00Z");

    /** A store with one import, whose id the states are saved with. */
    private PortfolioStore storeWithOneImport() {
      PortfolioStore store = open();
      store.commit(events("first", EventRecord.of("E0", march.minusSeconds(3600), "A")));
      return store;
    }

    @Test
    void theLatestIsTheNewestSavedAtOrBeforeTheMomentAndItComesBackExactly() {
      try (PortfolioStore store = storeWithOneImport()) {
        long importId = store.lastImportId();
        assertThat(store.latestBooksAt(WAC, may)).isEmpty();
        assertThat(
                store.saveBooksAt(
                    List.of(
                        new DatedBooks(WAC, april, importId, "april\n12345.123456789012345678"),
                        new DatedBooks(WAC, march, importId, "march ₿"))))
            .isTrue();

        assertThat(store.latestBooksAt(WAC, march.minusNanos(1))).isEmpty();
        assertThat(store.latestBooksAt(WAC, march))
            .contains(new DatedBooks(WAC, march, importId, "march ₿"));
        assertThat(store.latestBooksAt(WAC, april.minusNanos(1)).map(DatedBooks::before))
            .contains(march);
        assertThat(store.latestBooksAt(WAC, may))
            .contains(new DatedBooks(WAC, april, importId, "april\n12345.123456789012345678"));
      }
    }

    @Test
    void eachBooksHasItsOwnStatesAndSavingAMomentAgainReplacesIt() {
      try (PortfolioStore store = storeWithOneImport()) {
        long importId = store.lastImportId();
        store.saveBooksAt(List.of(new DatedBooks(WAC, march, importId, "wac")));
        store.saveBooksAt(List.of(new DatedBooks(FIFO, april, importId, "fifo")));
        store.saveBooksAt(List.of(new DatedBooks(WAC, march, importId, "wac again")));

        assertThat(store.latestBooksAt(WAC, may).map(DatedBooks::state)).contains("wac again");
        assertThat(store.latestBooksAt(FIFO, may).map(DatedBooks::state)).contains("fifo");
        assertThat(store.latestBooksAt(FIFO, march)).isEmpty();
        assertThat(store.latestBooksAt("EUR WAC KFEE=0.01", may)).isEmpty();
      }
    }

    @Test
    void statesFoldedBeforeTheNewestImportAreNotSaved() {
      try (PortfolioStore store = storeWithOneImport()) {
        long folded = store.lastImportId();
        store.commit(events("since", EventRecord.of("E1", march.minusSeconds(60), "B")));

        // The commit may have written what the state misses: nothing is saved.
        assertThat(store.saveBooksAt(List.of(new DatedBooks(WAC, april, folded, "stale"))))
            .isFalse();
        assertThat(store.latestBooksAt(WAC, may)).isEmpty();
        assertThatThrownBy(
                () ->
                    store.saveBooksAt(
                        List.of(new DatedBooks(WAC, april, store.lastImportId() + 1, "future"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("newest import");
        assertThat(store.saveBooksAt(List.of())).isTrue();
      }
    }

    @Test
    void aCommitDeletesTheStatesAfterTheEarliestEventItWritesOrReplaces() {
      try (PortfolioStore store = open()) {
        store.commit(events("first", EventRecord.of("E1", april.plusSeconds(60), "A")));
        saveAll(store);

        // An event dated after May leaves every state.
        store.commit(events("later", EventRecord.of("E2", may.plusSeconds(1), "B")));
        saveAll(store);
        assertThat(moments(store)).containsExactly(march, april, may);

        // An event exactly at April's moment is not in April's state (at < before): kept.
        store.commit(events("at april", EventRecord.of("E3", april, "C")));
        assertThat(moments(store)).containsExactly(march, april);

        // Moving E1 (dated after April) to after May touches its old time: May goes.
        saveAll(store);
        store.commit(events("moved", EventRecord.of("E1", may.plusSeconds(60), "A")));
        assertThat(moments(store)).containsExactly(march, april);

        // Retracting E3, dated at April's moment: May goes again; March and April stay.
        saveAll(store);
        store.commit(events("gone", EventRecord.retracted("E3", april)));
        assertThat(moments(store)).containsExactly(march, april);

        // A revision that changes nothing writes nothing and keeps every state.
        saveAll(store);
        store.commit(events("same", EventRecord.of("E1", may.plusSeconds(60), "A")));
        assertThat(moments(store)).containsExactly(march, april, may);

        // A revision of an event dated before March, for every books.
        store.saveBooksAt(List.of(new DatedBooks(FIFO, may, store.lastImportId(), "fifo")));
        store.commit(events("backdated", EventRecord.of("E4", march.minusNanos(1), "D")));
        assertThat(moments(store)).isEmpty();
        assertThat(store.latestBooksAt(FIFO, may)).isEmpty();
      }
    }

    @Test
    void aCommitDeletesTheStatesAfterTheEarliestPriceItAdds() {
      try (PortfolioStore store = open()) {
        store.commit(
            new ImportBatch(
                List.of(),
                List.of(EventRecord.of("E1", march.minusSeconds(60), "A")),
                List.of(new StoredPrice("XBT", april, "60000", "ohlc")),
                Map.of(),
                "first"));
        saveAll(store);

        // A price dated at May's moment values nothing before it.
        store.commit(prices("at may", new StoredPrice("XBT", may, "61000", "ohlc")));
        saveAll(store);
        assertThat(moments(store)).containsExactly(march, april, may);

        // A price already stored is not added: nothing changes.
        store.commit(prices("again", new StoredPrice("XBT", april, "99999", "ohlc")));
        assertThat(moments(store)).containsExactly(march, april, may);

        // A backdated price can change the value of fees and trades after it.
        store.commit(
            prices("backdated", new StoredPrice("ETH", march.plusSeconds(1), "3000", "x")));
        assertThat(moments(store)).containsExactly(march);
      }
    }

    @Test
    void aCommitThatFailsKeepsTheStates() throws SQLException {
      try (PortfolioStore store = open()) {
        store.commit(events("first", EventRecord.of("E1", march.minusSeconds(60), "A")));
        saveAll(store);
        failInsertsOfEvent("BOOM");

        assertThatThrownBy(
                () ->
                    store.commit(
                        events("boom", EventRecord.of("BOOM", march.minusSeconds(1), "B"))))
            .isInstanceOf(StoreException.class);
        assertThat(moments(store)).containsExactly(march, april, may);
      }
    }

    @Test
    void eventsBetweenIsTheVisibleEventsOfTheRangeWithTheRangesEndExcluded() {
      try (PortfolioStore store = open()) {
        store.commit(
            events(
                "first",
                EventRecord.of("A", march, "a"),
                EventRecord.of("B", march.plusSeconds(1), "b"),
                EventRecord.of("C", april, "c"),
                EventRecord.of("D", april.minusNanos(1), "d")));
        store.commit(
            events(
                "second",
                EventRecord.retracted("B", march.plusSeconds(1)),
                EventRecord.of("C", march.plusSeconds(2), "c moved in"),
                EventRecord.of("A", may, "a moved out")));

        assertThat(store.eventsBetween(march, april))
            .containsExactly(
                EventRecord.of("C", march.plusSeconds(2), "c moved in"),
                EventRecord.of("D", april.minusNanos(1), "d"));
        assertThat(store.eventsBetween(april, april)).isEmpty();
        assertThatThrownBy(() -> store.eventsBetween(april, march))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("before");
      }
    }

    /**
     * Over seeded random histories of revisions, moves, tombstones and revivals, at a few shared
     * times (so ranges cut between equal times), every range's events equal {@link
     * PortfolioStore#events()} filtered to it.
     */
    @Test
    void eventsBetweenEqualsTheVisibleEventsFilteredToTheRange() {
      for (long seed = 1; seed <= 5; seed++) {
        Random random = new Random(seed);
        try (PortfolioStore store = open()) {
          List<Instant> times = new ArrayList<>();
          for (int i = 0; i < 12; i++) {
            times.add(march.plusSeconds(3600L * random.nextInt(48)).plusNanos(random.nextInt(3)));
          }
          for (int commit = 0; commit < 15; commit++) {
            List<EventRecord> records = new ArrayList<>();
            for (int i = random.nextInt(8); i >= 0; i--) {
              String id = "E" + random.nextInt(25);
              Instant at = times.get(random.nextInt(times.size()));
              records.add(
                  random.nextInt(5) == 0
                      ? EventRecord.retracted(id, at)
                      : EventRecord.of(id, at, "line " + random.nextInt(3)));
            }
            store.commit(new ImportBatch(List.of(), records, "seed " + seed + " " + commit));
          }
          List<EventRecord> visible = store.events();
          for (int range = 0; range < 20; range++) {
            Instant from = times.get(random.nextInt(times.size()));
            Instant to = times.get(random.nextInt(times.size()));
            if (to.isBefore(from)) {
              Instant swap = from;
              from = to;
              to = swap;
            }
            Instant start = from;
            Instant end = to;
            assertThat(store.eventsBetween(from, to))
                .as("seed %d: [%s, %s)", seed, from, to)
                .containsExactlyElementsOf(
                    visible.stream()
                        .filter(e -> !e.at().isBefore(start) && e.at().isBefore(end))
                        .toList());
          }
          assertThat(store.eventsBetween(StoredInstant.MIN, StoredInstant.MAX))
              .as("seed %d: every time", seed)
              .containsExactlyElementsOf(visible);
        }
      }
    }

    /** Saves a WAC state at March, April and May, folded from the newest import. */
    private void saveAll(PortfolioStore store) {
      long importId = store.lastImportId();
      assertThat(
              store.saveBooksAt(
                  List.of(
                      new DatedBooks(WAC, march, importId, "march"),
                      new DatedBooks(WAC, april, importId, "april"),
                      new DatedBooks(WAC, may, importId, "may"))))
          .isTrue();
    }

    /** The moments of the WAC states stored, oldest first. */
    private List<Instant> moments(PortfolioStore store) {
      List<Instant> moments = new ArrayList<>();
      for (Instant at : List.of(march, april, may)) {
        store
            .latestBooksAt(WAC, at)
            .filter(state -> state.before().equals(at))
            .ifPresent(state -> moments.add(at));
      }
      return moments;
    }

    private ImportBatch prices(String description, StoredPrice... prices) {
      return new ImportBatch(List.of(), List.of(), List.of(prices), Map.of(), description);
    }
  }
}
