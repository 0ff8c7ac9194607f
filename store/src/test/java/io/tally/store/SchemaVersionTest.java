package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SchemaVersionTest {

  @TempDir Path directory;

  private Path file() {
    return directory.resolve("books.db");
  }

  private SQLiteDataSource dataSource() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + file());
    return dataSource;
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  @Test
  void newestIsTheVersionFlywayMigratesANewStoreTo() throws SQLException {
    SqliteStore.open(file()).close();

    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
        Statement statement = connection.createStatement();
        ResultSet newest =
            statement.executeQuery(
                "SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1")) {
      assertThat(newest.next()).isTrue();
      assertThat(newest.getString(1)).isEqualTo(SchemaVersion.NEWEST);
    }
    assertThat(SchemaVersion.isCurrent(dataSource())).isTrue();
  }

  @Test
  void aNewFileIsNotCurrent() {
    assertThat(SchemaVersion.isCurrent(dataSource())).isFalse();
  }

  @Test
  void aCurrentStoreOpensWithoutFlyway() throws SQLException {
    SqliteStore.open(file()).close();
    // A changed checksum is what Flyway's validation refuses; a store opened without Flyway never
    // looks at it.
    execute("UPDATE flyway_schema_history SET checksum = 1 WHERE version = '1'");
    Flyway flyway =
        Flyway.configure(SchemaVersionTest.class.getClassLoader())
            .dataSource(dataSource())
            .locations(Dialect.SQLITE.migrations())
            .javaMigrations(Dialect.SQLITE.javaMigrations())
            .load();
    assertThat(flyway.validateWithResult().validationSuccessful).isFalse();

    try (SqliteStore store = SqliteStore.open(file())) {
      assertThat(store.eventCount()).isZero();
    }
  }

  @Test
  void aStoreWithAFailedMigrationIsNotCurrent() throws SQLException {
    SqliteStore.open(file()).close();
    execute("UPDATE flyway_schema_history SET success = 0 WHERE version = '3'");

    assertThat(SchemaVersion.isCurrent(dataSource())).isFalse();
  }

  @Test
  void aStoreBehindTheNewestVersionIsNotCurrent() throws SQLException {
    SqliteStore.open(file()).close();
    execute("DELETE FROM flyway_schema_history WHERE version = '" + SchemaVersion.NEWEST + "'");

    assertThat(SchemaVersion.isCurrent(dataSource())).isFalse();
  }
}
