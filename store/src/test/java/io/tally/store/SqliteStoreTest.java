package io.tally.store;

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
  void failInsertsOf(String table, String column) throws SQLException {
    execute(
        "CREATE TRIGGER fail_on_boom_"
            + table
            + " BEFORE INSERT ON "
            + table
            + " WHEN NEW."
            + column
            + " = 'BOOM' BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
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
}
