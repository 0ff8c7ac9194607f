package io.tally.store;

import static io.tally.store.Fixtures.T0;
import static io.tally.store.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a SQLite file in a fresh directory per test, and SQLite's own settings. */
class SqliteStoreTest extends PortfolioStoreContract {

  @TempDir Path directory;

  private Path file() {
    return directory.resolve("tally.db");
  }

  @Override
  PortfolioStore open(Clock clock) {
    return SqliteStore.open(file(), clock);
  }

  @Override
  String location() {
    return file().toString();
  }

  @Override
  Map<String, String> env() {
    return Map.of();
  }

  @Override
  Class<? extends PortfolioStore> implementation() {
    return SqliteStore.class;
  }

  @Override
  String databaseName() {
    return file().toString();
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file());
  }

  @Override
  List<String> tables() throws SQLException {
    return queryList("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  }

  @Override
  void failInsertsOf(String table, String column, String value) throws SQLException {
    execute(
        "CREATE TRIGGER fail_on_boom_"
            + table
            + " BEFORE INSERT ON "
            + table
            + " WHEN CAST(NEW."
            + column
            + " AS TEXT) = '"
            + value
            + "' BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
  }

  @Override
  void failDeletesFrom(String table) throws SQLException {
    execute(
        "CREATE TRIGGER fail_deletes_"
            + table
            + " BEFORE DELETE ON "
            + table
            + " BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
  }

  @Override
  void migrateTo(String version) {
    Flyway.configure()
        .dataSource("jdbc:sqlite:" + file(), null, null)
        .locations(Dialect.SQLITE.migrations())
        .javaMigrations(Dialect.SQLITE.javaMigrations())
        .target(version)
        .load()
        .migrate();
  }

  @Override
  void stopFailingInsertsOf(String table) throws SQLException {
    execute("DROP TRIGGER fail_on_boom_" + table);
  }

  @Nested
  class TheFile {

    @Test
    void openingCreatesTheFileAndMissingDirectories() {
      Path nested = directory.resolve("a/b/tally.db");

      try (SqliteStore store = SqliteStore.open(nested)) {
        assertThat(store.rowCount()).isZero();
      }

      assertThat(nested).isRegularFile();
    }

    @Test
    void theFileIsInWriteAheadLogMode() throws SQLException {
      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.pragma("journal_mode")).isEqualTo("wal");
      }

      // WAL mode is a property of the file: a fresh connection sees it too.
      assertThat(queryOne("PRAGMA journal_mode")).isEqualTo("wal");
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
    void aStoreThatNeedOnlySurviveTheProcessCrashingSyncsNormallyAndStaysInWalMode() {
      // A paper account's store: synchronous=NORMAL in WAL mode syncs at checkpoints only.
      try (SqliteStore store =
          SqliteStore.open(file(), Clock.systemUTC(), Durability.PROCESS_CRASH)) {
        assertThat(store.pragma("synchronous")).isEqualTo("1"); // 1 = NORMAL
        assertThat(store.pragma("journal_mode")).isEqualTo("wal");
        assertThat(store.pragma("foreign_keys")).isEqualTo("1");
      }

      // The setting belongs to the connection, not the file: the next opening syncs fully again.
      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.pragma("synchronous")).isEqualTo("2"); // 2 = FULL
      }
    }

    @Test
    void aNewStoresImportSizesThePageCacheToItself() {
      // 64 bytes a row or event record, from 8 MB to the 256 MB ceiling:
      // 157,008 records (a 100,000-row import) × 64 = 10,048,512 B = 9,813 KiB;
      // 1,570,531 records (a million rows) × 64 = 100,513,984 B = 98,158 KiB;
      // 5,000,000 × 64 = 305 MiB, past the ceiling of 262,144 KiB.
      assertThat(SqliteStore.importCacheKib(2)).isEqualTo(8_192);
      assertThat(SqliteStore.importCacheKib(157_008)).isEqualTo(9_813);
      assertThat(SqliteStore.importCacheKib(1_570_531)).isEqualTo(98_158);
      assertThat(SqliteStore.importCacheKib(5_000_000)).isEqualTo(262_144);

      ImportBatch two =
          Fixtures.rows("two", Fixtures.ledger("L1", "R1", 1), Fixtures.ledger("L2", "R2", 2));
      // A new store's file: its one import sizes the cache.
      SqliteStore unnamed = SqliteStore.open(file(), Clock.systemUTC(), Durability.UNTIL_NAMED);
      try {
        assertThat(unnamed.pragma("cache_size")).isEqualTo("-262144");
        unnamed.commit(two);
        assertThat(unnamed.pragma("cache_size")).isEqualTo("-8192");
      } finally {
        unnamed.closeForNaming();
      }
      // A store that has its name keeps the ceiling for whatever reads it next.
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(
            Fixtures.rows(
                "two more", Fixtures.ledger("L3", "R3", 3), Fixtures.ledger("L4", "R4", 4)));
        assertThat(store.pragma("cache_size")).isEqualTo("-262144");
      }
    }

    @Test
    void onlyANewFileIsOpenedWithoutItsLog() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(Fixtures.rows("first", Fixtures.ledger("L1", "R1", 1)));
      }

      assertThatThrownBy(() -> SqliteStore.open(file(), Clock.systemUTC(), Durability.UNTIL_NAMED))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(file() + " exists");
      // Untouched: still in WAL mode, with its import.
      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.pragma("journal_mode")).isEqualTo("wal");
        assertThat(store.lastImportId()).isEqualTo(1);
      }
    }

    @Test
    void aFileWithoutAStoresNameKeepsItsJournalInMemoryAndIsInWalModeOnceReadiedForIt()
        throws SQLException {
      Path log = Path.of(file() + "-wal");
      SqliteStore unnamed = SqliteStore.open(file(), Clock.systemUTC(), Durability.UNTIL_NAMED);
      try {
        assertThat(unnamed.pragma("journal_mode")).isEqualTo("memory");
        assertThat(unnamed.pragma("synchronous")).isEqualTo("0"); // 0 = OFF
        assertThat(unnamed.pragma("foreign_keys")).isEqualTo("1");
        unnamed.commit(Fixtures.rows("first", Fixtures.ledger("L1", "R1", 1)));
        // No log: each page goes into the file, once.
        assertThat(Files.exists(log)).isFalse();
      } finally {
        unnamed.closeForNaming();
      }
      assertThatThrownBy(unnamed::closeForNaming).isInstanceOf(IllegalStateException.class);

      // WAL mode is the file's now; the next opening is any store's, with what was committed.
      assertThat(queryOne("PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(Files.exists(log)).isFalse();
      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.pragma("synchronous")).isEqualTo("2"); // 2 = FULL
        assertThat(store.lastImportId()).isEqualTo(1);
        assertThat(store.rowCount()).isEqualTo(1);
      }
    }

    @Test
    void aStoreThatNeedOnlySurviveTheProcessCrashingCopiesItsLogOnAThreadOfItsOwn()
        throws Exception {
      Path log = Path.of(file() + "-wal");
      try (SqliteStore store =
          SqliteStore.open(file(), Clock.systemUTC(), Durability.PROCESS_CRASH)) {
        // The writer checkpoints only past the backstop, far beyond what this test commits.
        assertThat(store.pragma("wal_autocheckpoint"))
            .isEqualTo(String.valueOf(WalCheckpointer.BACKSTOP_PAGES));
        assertThat(checkpointThreadAlive()).isTrue();
        long before = Files.size(file());
        // 2,000 rows of 4 fields: a few hundred KiB, in the log when the commit returns.
        SourceRow[] rows = new SourceRow[2_000];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = Fixtures.ledger("L" + i, "R" + i, i);
        }
        store.commit(Fixtures.rows("many", rows));
        assertThat(Files.size(log)).isPositive();

        // The thread copies the log into the file within a few periods (of 100 ms).
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Files.size(file()) <= before && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertThat(Files.size(file())).isGreaterThan(before);
      }
      // Closed: the thread ended, and the store's connection, closed last, removed the log.
      assertThat(checkpointThreadAlive()).isFalse();
      assertThat(log).doesNotExist();
    }

    @Test
    void aStoreThatMustSurviveAPowerLossCheckpointsWhenItCommits() {
      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.pragma("wal_autocheckpoint")).isEqualTo("1000"); // SQLite's default
        assertThat(checkpointThreadAlive()).isFalse();
      }
    }

    /** Whether a store's checkpoint thread runs (tests of this class run one at a time). */
    private boolean checkpointThreadAlive() {
      return Thread.getAllStackTraces().keySet().stream()
          .anyMatch(
              thread -> thread.isAlive() && thread.getName().equals(WalCheckpointer.THREAD_NAME));
    }

    /** The import an older schema's rows name: import 1, with nothing counted. */
    private void insertAnOldImport() throws SQLException {
      execute(
          "INSERT INTO import_log (imported_at, description, rows_added, rows_skipped,"
              + " events_added, events_revised, events_retracted, events_unchanged)"
              + " VALUES ('2024-03-01T12:00:00.000000000Z', 'old', 0, 0, 0, 0, 0, 0)");
    }

    @Test
    void movingTheRowsOfSchemaFourGivesTheirSpaceBack() throws Exception {
      migrateTo("4");
      insertAnOldImport();
      // 5,000 rows as schema 4 stored them, fields as JSON with their names.
      execute(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
              + " INSERT INTO source_row (source, row_id, group_id, at, fields, import_id)"
              + " SELECT 'kraken.ledgers', 'L' || i, 'R' || i, '2024-03-01T12:00:00.000000000Z',"
              + " json_object('txid', 'L' || i, 'refid', 'R' || i, 'asset', 'XXBT',"
              + " 'amount', '0.0100000000', 'wallet', 'spot / main'), 1 FROM n");
      long before = Files.size(file());

      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.rowCount()).isEqualTo(5_000);
        assertThat(store.pragma("freelist_count")).isEqualTo("0");
      }

      assertThat(Files.size(file())).isLessThan(before);
    }

    @Test
    void movingTheRowsOfSchemaTenToBlocksGivesTheirSpaceBack() throws Exception {
      migrateTo("10");
      insertAnOldImport();
      execute("INSERT INTO row_source (source) VALUES ('kraken.ledgers')");
      execute(
          "INSERT INTO row_layout (field_count, names)"
              + " VALUES (5, 'txid\trefid\tasset\tamount\twallet')");
      // 5,000 rows as schemas 5 to 10 stored them, one table row each.
      execute(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
              + " INSERT INTO source_row"
              + " (source_id, row_id, group_id, at, layout_id, row_values, import_id)"
              + " SELECT 1, 'L' || i, 'R' || i, '2024-03-01T12:00:00.000000000Z', 1,"
              + " '\\i' || char(9) || '\\g' || char(9) || 'XXBT' || char(9) || '0.0100000000'"
              + " || char(9) || 'spot / main', 1 FROM n");
      long before = Files.size(file());

      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.rowCount()).isEqualTo(5_000);
        assertThat(store.rows("kraken.ledgers").get(4_999).fields())
            .containsEntry("txid", "L5000")
            .containsEntry("wallet", "spot / main");
        assertThat(store.pragma("freelist_count")).isEqualTo("0");
      }

      assertThat(Files.size(file())).isLessThan(before);
    }

    @Test
    void movingTheEventsOfSchemaThirteenToBlocksGivesTheirSpaceBack() throws Exception {
      migrateTo("13");
      insertAnOldImport();
      // 5,000 revisions as schemas 1 to 13 stored them, one table row each.
      execute(
          "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
              + " INSERT INTO event_revision (event_id, revision, at, line, retracted, import_id)"
              + " SELECT 'E' || i, 1, '2024-03-01T12:00:00.000000000Z', 'trade ' || i, 0, 1"
              + " FROM n");
      long before = Files.size(file());

      try (SqliteStore store = SqliteStore.open(file())) {
        assertThat(store.eventCount()).isEqualTo(5_000);
        assertThat(store.findEvent("E5000")).contains(EventRecord.of("E5000", T0, "trade 5000"));
        assertThat(store.pragma("freelist_count")).isEqualTo("0");
      }

      assertThat(Files.size(file())).isLessThan(before);
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
  }

  /**
   * How SQLite runs the store's queries that must not read the whole history: through an index that
   * also gives their order, so nothing is sorted.
   */
  @Nested
  class QueryPlans {

    private List<String> plan(String sql, Consumer<Query> parameters) {
      try (Handle handle = Jdbi.open(connect())) {
        Query query = handle.createQuery("EXPLAIN QUERY PLAN " + sql);
        parameters.accept(query);
        return query.map((result, context) -> result.getString("detail")).list();
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    }

    @Test
    void pagingBackwardsListsTheBlocksFromTheTimeIndexAlone() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(events("some", EventRecord.of("E1", T0, "TRADE")));
      }

      List<String> positioned =
          plan(
              EventTable.pageBlocksSql(true),
              query -> query.bind(0, Long.MAX_VALUE).bind(1, StoredInstant.toText(T0)));
      List<String> newest =
          plan(EventTable.pageBlocksSql(false), query -> query.bind(0, Long.MAX_VALUE));

      assertThat(positioned)
          .containsExactly("SCAN event_block USING COVERING INDEX event_block_by_time");
      assertThat(newest)
          .containsExactly("SCAN event_block USING COVERING INDEX event_block_by_time");
    }

    @Test
    void readingAfterAnImportSearchesTheImportIndexes() {
      try (SqliteStore store = SqliteStore.open(file())) {
        store.commit(events("some", EventRecord.of("E1", T0, "TRADE")));
      }

      assertThat(plan(EventTable.SINCE, query -> query.bind(0, 1L)))
          .containsExactly("SEARCH event_block USING INDEX event_block_by_import (import_id>?)");
      assertThat(plan(MarkTable.PRICES_SINCE, query -> query.bind(0, 1L)))
          .containsExactly("SEARCH price_point USING INDEX price_point_by_import (import_id>?)");
    }
  }
}
