package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The query of the blocks a key table names for a set of ids: a selection of one block table,
 * narrowed to the blocks whose keys ({@link IdKey}) match any of the ids' keys, in block order. Two
 * ids may share a key, so whoever reads the blocks keeps only the ids it asked for.
 *
 * <p>Example: {@code KeyedBlocks.query(connection, dialect, "SELECT block_id, line_count, lines
 * FROM trade_pnl_block WHERE books = ?", "trade_pnl_key", ids)}, then {@code setString(1, books)}
 * on it. Stateless.
 */
final class KeyedBlocks {

  private KeyedBlocks() {}

  /**
   * {@code select} (of a block table with a {@code block_id}, ending in a WHERE clause), narrowed
   * to the blocks {@code keyTable} names for any of {@code ids}, ordered by block: the keys are
   * bound after {@code select}'s own parameters, which the caller binds.
   */
  static PreparedStatement query(
      Connection connection,
      Dialect dialect,
      String select,
      String keyTable,
      Collection<String> ids)
      throws SQLException {
    PreparedStatement query =
        connection.prepareStatement(
            select
                + " AND block_id IN (SELECT k.block_id FROM "
                + dialect.numberTable("h")
                + " CROSS JOIN "
                + keyTable
                + " AS k WHERE k.id_hash = h.value) ORDER BY block_id");
    try {
      int keysIndex = (int) select.chars().filter(c -> c == '?').count() + 1;
      dialect.bindNumbers(query, keysIndex, IdKey.ofAll(ids));
      return query;
    } catch (SQLException | RuntimeException e) {
      query.close();
      throw e;
    }
  }
}
