package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * SQL for tables {@code trade_pnl_block} and {@code trade_pnl_key}: each trade's PnL line by books
 * and event id, derived data saved with the checkpoints, in blocks of up to {@value
 * TradePnlBlock#MAX_LINES} lines ({@link TradePnlBlock}). A later block's line for a trade replaces
 * an earlier block's; a lookup reads the blocks the trades' keys ({@link IdKey}) name.
 *
 * <p>Example: {@code TradePnlTable.save(connection, new CheckpointTrades("USD WAC", false,
 * Map.of("T1", "1\t2\t-")))}, then {@code TradePnlTable.find(connection, dialect, "USD WAC",
 * List.of("T1"))} is {@code {T1=1\t2\t-}}. Stateless.
 */
final class TradePnlTable {

  private TradePnlTable() {}

  /**
   * Saves {@code trades}: the books' stored blocks deleted first when it says so, then its lines,
   * {@value TradePnlBlock#MAX_LINES} to a block, in the map's order (sorting 43,000 lines by id
   * took 20 ms of a checkpoint, and a lookup finds a trade by its key whatever its block).
   */
  static void save(Connection connection, CheckpointTrades trades) throws SQLException {
    if (trades.replaceAll()) {
      delete(connection, trades.books());
    }
    save(connection, trades.books(), trades.lines());
  }

  /** Saves the lines {@code lines} of {@code books}, in the map's order, as new blocks. */
  static void save(Connection connection, String books, Map<String, String> lines)
      throws SQLException {
    if (lines.isEmpty()) {
      return;
    }
    long blockId = BlockIds.next(connection, "trade_pnl_block");
    try (TradePnlBlock.Writer writer = new TradePnlBlock.Writer();
        PreparedStatement insertBlock =
            connection.prepareStatement(
                "INSERT INTO trade_pnl_block (block_id, books, line_count, lines)"
                    + " VALUES (?, ?, ?, ?)")) {
      BlockKeys keys = new BlockKeys(lines.size());
      int left = lines.size();
      for (Map.Entry<String, String> line : lines.entrySet()) {
        writer.add(line.getKey(), line.getValue());
        keys.add(IdKey.of(line.getKey()), blockId);
        left--;
        if (writer.lines() == TradePnlBlock.MAX_LINES || left == 0) {
          insertBlock.setLong(1, blockId);
          insertBlock.setString(2, books);
          insertBlock.setInt(3, writer.lines());
          insertBlock.setBytes(4, writer.finish());
          insertBlock.executeUpdate();
          blockId++;
        }
      }
      keys.insert(connection, "trade_pnl_key");
    }
  }

  /** Deletes every block of {@code books}, and their keys. */
  private static void delete(Connection connection, String books) throws SQLException {
    try (PreparedStatement deleteKeys =
            connection.prepareStatement(
                "DELETE FROM trade_pnl_key WHERE block_id IN"
                    + " (SELECT block_id FROM trade_pnl_block WHERE books = ?)");
        PreparedStatement deleteBlocks =
            connection.prepareStatement("DELETE FROM trade_pnl_block WHERE books = ?")) {
      deleteKeys.setString(1, books);
      deleteKeys.executeUpdate();
      deleteBlocks.setString(1, books);
      deleteBlocks.executeUpdate();
    }
  }

  /**
   * The stored lines of {@code books} for those of {@code eventIds} that have one: of each trade,
   * the line of its highest block.
   */
  static Map<String, String> find(
      Connection connection, Dialect dialect, String books, Collection<String> eventIds)
      throws SQLException {
    Set<String> ids = new HashSet<>(eventIds);
    Map<String, String> found = new HashMap<>();
    try (PreparedStatement query =
        KeyedBlocks.query(
            connection,
            dialect,
            "SELECT block_id, line_count, lines FROM trade_pnl_block WHERE books = ?",
            "trade_pnl_key",
            ids)) {
      query.setString(1, books);
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          long blockId = result.getLong(1);
          for (TradePnlBlock.Line line :
              TradePnlBlock.lines(result.getBytes(3), result.getInt(2), blockId)) {
            if (ids.contains(line.eventId())) {
              found.put(line.eventId(), line.text());
            }
          }
        }
      }
    }
    return found;
  }
}
