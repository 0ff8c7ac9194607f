package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * {@link NewSchema}'s script is what the migrations make: written from a store Flyway migrated, it
 * must equal the resource to the character. When a migration is added, this test fails and writes
 * the new script to {@code store/target/new-schema/sqlite.sql}, to be copied over the resource.
 */
class NewSchemaTest {

  @TempDir Path directory;

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }

  /**
   * The script of the store in {@code connection}: each statement its schema holds, in the order
   * SQLite keeps them (the order they were made in), then the rows of Flyway's history without
   * their times.
   */
  static String scriptOf(Connection connection) throws SQLException {
    StringBuilder script =
        new StringBuilder(
            "-- Tally store, schema "
                + SchemaVersion.NEWEST
                + " made in one step in a new SQLite file (NewSchema). Written by NewSchemaTest\n"
                + "-- from a store that Flyway migrated from V1, which the test checks on every"
                + " build: do not edit.\n");
    try (Statement statement = connection.createStatement();
        ResultSet schema =
            statement.executeQuery(
                "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid")) {
      while (schema.next()) {
        script.append('\n').append(schema.getString(1)).append(";\n");
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet history =
            statement.executeQuery(
                "SELECT installed_rank, version, description, type, script, checksum"
                    + " FROM flyway_schema_history ORDER BY installed_rank")) {
      script.append('\n');
      while (history.next()) {
        String checksum = history.getString(6);
        script
            .append("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\",")
            .append(" \"description\", \"type\", \"script\", \"checksum\", \"installed_by\",")
            .append(" \"execution_time\", \"success\") VALUES (")
            .append(history.getLong(1))
            .append(", '")
            .append(history.getString(2))
            .append("', '")
            .append(history.getString(3))
            .append("', '")
            .append(history.getString(4))
            .append("', '")
            .append(history.getString(5))
            .append("', ")
            .append(checksum == null ? "NULL" : checksum)
            .append(", '', 0, 1);\n");
      }
    }
    return script.toString();
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(result.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void theScriptIsWhatTheMigrationsMake() throws Exception {
    SQLiteDataSource migrated = dataSource(directory.resolve("migrated.db"));
    Dialect.SQLITE.migrate(migrated);

    String expected;
    try (Connection connection = migrated.getConnection()) {
      expected = scriptOf(connection);
    }

    if (!expected.equals(NewSchema.script())) {
      Path written = Path.of("target", "new-schema", "sqlite.sql");
      Files.createDirectories(written.getParent());
      Files.writeString(written, expected, StandardCharsets.UTF_8);
    }
    assertThat(NewSchema.script())
        .as(
            "resource %s; the migrations' script is in store/target/new-schema/sqlite.sql",
            NewSchema.SCRIPT)
        .isEqualTo(expected);
  }

  @Test
  void aNewFileGetsTheSchemaAndHistoryFlywayWouldGiveIt() throws Exception {
    Path file = directory.resolve("new.db");
    SQLiteDataSource migrated = dataSource(directory.resolve("migrated.db"));
    Dialect.SQLITE.migrate(migrated);

    try (SqliteStore store = SqliteStore.open(file)) {
      assertThat(store.rowCount()).isZero();
    }

    String schema = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name";
    String history =
        "SELECT installed_rank, version, description, type, script, checksum, installed_by, success"
            + " FROM flyway_schema_history ORDER BY installed_rank";
    try (Connection made = dataSource(file).getConnection();
        Connection expected = migrated.getConnection()) {
      assertThat(rows(made, schema)).isEqualTo(rows(expected, schema));
      assertThat(rows(made, history)).isEqualTo(rows(expected, history));
    }
    // Flyway finds the store whole and current: its checksums match, nothing is pending.
    Flyway flyway =
        Flyway.configure(Dialect.class.getClassLoader())
            .dataSource(dataSource(file))
            .locations(Dialect.SQLITE.migrations())
            .javaMigrations(Dialect.SQLITE.javaMigrations())
            .load();
    flyway.validate();
    assertThat(flyway.migrate().migrationsExecuted).isZero();
    assertThat(SchemaVersion.isCurrent(dataSource(file))).isTrue();
  }

  @Test
  void aFileThatHoldsATableIsMigratedNotMadeAnew() throws SQLException {
    Path file = directory.resolve("old.db");
    try (Connection connection = dataSource(file).getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE stranger (x INTEGER)");
    }

    assertThat(NewSchema.isNewFile(dataSource(file))).isFalse();
    assertThat(NewSchema.isNewFile(dataSource(directory.resolve("empty.db")))).isTrue();
  }
}
