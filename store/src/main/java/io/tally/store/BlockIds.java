package io.tally.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The rule for a new block's id in {@code row_block}, {@code event_block} and {@code
 * trade_pnl_block}: one after the highest stored. Writes run one at a time (one SQLite writer;
 * PostgreSQL's commits lock {@code import_log} first), so two writes never take the same id, and a
 * block written any other way fails its write on the primary key, leaving nothing half-written.
 *
 * <p>Example: {@code BlockIds.next(connection, "event_block")} is 1 in a new store. Stateless.
 */
final class BlockIds {

  private BlockIds() {}

  /** The id of the next block of {@code table}, one of the three block tables. */
  static long next(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet highest =
            statement.executeQuery("SELECT coalesce(max(block_id), 0) FROM " + table)) {
      highest.next();
      return highest.getLong(1) + 1;
    }
  }
}
