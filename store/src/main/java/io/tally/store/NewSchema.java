package io.tally.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The newest schema made in one step in a new SQLite file: resource {@value #SCRIPT} holds the
 * statements migrations V1 to V{@value SchemaVersion#NEWEST} leave in a new store, and the rows of
 * Flyway's history of them, as {@code NewSchemaTest} writes them from a store Flyway migrated (and
 * checks on every build). A new file runs it in one transaction instead of Flyway: finding, parsing
 * and checksumming 17 migrations took a new store about 0.2 s of CPU beside a first import's
 * reading, on a machine of two cores (docs/BENCHMARKS.md §29). The history it writes is Flyway's
 * own, so a later migration finds the store at version {@value SchemaVersion#NEWEST}.
 *
 * <p>Example: {@code if (NewSchema.isNewFile(dataSource)) NewSchema.create(dataSource, file)}.
 * Stateless.
 */
final class NewSchema {

  /** The resource that holds the script. */
  static final String SCRIPT = "db/new/sqlite.sql";

  private NewSchema() {}

  /** Whether the database behind {@code dataSource} holds nothing yet: no table, index or view. */
  static boolean isNewFile(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
      return count.next() && count.getLong(1) == 0;
    }
  }

  /**
   * Runs the script on the database behind {@code dataSource}, in one transaction: the schema is
   * whole, or the file holds nothing.
   *
   * @throws StoreException naming {@code file} if the script fails, or leaves the store at another
   *     version than {@link SchemaVersion#NEWEST}
   */
  static void create(DataSource dataSource, Path file) {
    String script = script();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate(script);
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "Could not create the schema of the new store " + file + ": " + e, e);
    }
    if (!SchemaVersion.isCurrent(dataSource)) {
      throw new StoreException(
          "The resource "
              + SCRIPT
              + " did not give the new store "
              + file
              + " schema "
              + SchemaVersion.NEWEST
              + ": the build is broken");
    }
  }

  /** The script's text. */
  static String script() {
    try (InputStream in = NewSchema.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException("The resource " + SCRIPT + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the resource " + SCRIPT, e);
    }
  }
}
