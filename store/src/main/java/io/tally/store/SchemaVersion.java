package io.tally.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The newest schema version of the store ({@value #NEWEST}: SQL migrations V1 to V5, V7 to V11,
 * V13, V14, V16 and V18, and the Java migrations {@link CompactRows} (V6), {@link BlockRows} (V12),
 * {@link BlockEvents} (V15), {@link BlockTradePnl} (V17) and {@link KeyRows} (V19)), and whether a
 * database is at it. A store at the newest version, whose migration history records no failure,
 * opens without Flyway: most of a short command's start was Flyway scanning its migrations to find
 * there was nothing to do. A new migration raises {@link #NEWEST} with it ({@code
 * SchemaVersionTest} fails until it does).
 *
 * <p>Example: {@code SchemaVersion.isCurrent(dataSource)} is false for a new file, true once Flyway
 * migrated it. Stateless.
 */
final class SchemaVersion {

  /** The version of the newest migration. */
  static final String NEWEST = "19";

  private SchemaVersion() {}

  /**
   * Whether the database's Flyway history ends with a successful migration to {@link #NEWEST} and
   * has no failed one; false when it has no history (a new store) or cannot be read.
   */
  static boolean isCurrent(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet newest =
            statement.executeQuery(
                "SELECT version, (SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success)"
                    + " FROM flyway_schema_history"
                    + " WHERE installed_rank"
                    + " = (SELECT MAX(installed_rank) FROM flyway_schema_history)")) {
      return newest.next() && NEWEST.equals(newest.getString(1)) && newest.getLong(2) == 0;
    } catch (SQLException e) {
      // No history table, or not a database: Flyway decides, and says what is wrong.
      return false;
    }
  }
}
