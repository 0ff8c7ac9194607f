package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Schema 17, a Java migration: moves the trades' PnL lines of table {@code trade_pnl} (one row per
 * books and trade, schemas 7 to 16) into the blocks of schema 16 ({@link TradePnlTable#save}), by
 * books and then event id, then drops {@code trade_pnl}. Lines move in chunks of {@value #CHUNK},
 * so memory stays small for any number of them.
 *
 * <p>Example: {@code Flyway.configure().javaMigrations(new BlockTradePnl())}. It runs in the one
 * transaction of all pending migrations, so a failure leaves the store as it was. Stateless.
 */
final class BlockTradePnl extends RowMigration {

  /** Lines moved per batch. */
  static final int CHUNK = 10_000;

  BlockTradePnl() {
    super("17", "trade pnl blocks");
  }

  @Override
  void migrate(Connection connection) throws SQLException {
    String afterBooks = "";
    String afterId = "";
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT books, event_id, line FROM trade_pnl"
                + " WHERE books > ? OR (books = ? AND event_id > ?)"
                + " ORDER BY books, event_id LIMIT "
                + CHUNK)) {
      while (true) {
        select.setString(1, afterBooks);
        select.setString(2, afterBooks);
        select.setString(3, afterId);
        Map<String, String> run = new LinkedHashMap<>();
        String runBooks = "";
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            afterBooks = result.getString(1);
            afterId = result.getString(2);
            if (!afterBooks.equals(runBooks)) {
              TradePnlTable.save(connection, runBooks, run);
              run = new LinkedHashMap<>();
              runBooks = afterBooks;
            }
            run.put(afterId, result.getString(3));
          }
        }
        if (run.isEmpty()) {
          break;
        }
        TradePnlTable.save(connection, runBooks, run);
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE trade_pnl");
    }
  }
}
