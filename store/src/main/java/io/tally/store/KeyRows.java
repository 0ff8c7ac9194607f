package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Schema 19, a Java migration: writes the keys of schema 18 ({@code row_id_key}, {@code
 * row_group_key}, {@link RowKeys}) for every stored block of rows, read from the blocks themselves,
 * then drops schema 11's {@code row_key} and {@code row_group}. It is Java, not SQL, so that the
 * keys are the same function ({@link IdKey}) of the same ids as a new row's. Blocks are read in
 * chunks of {@value #CHUNK}, in block order, so memory holds one chunk of blocks and two keys a
 * row.
 *
 * <p>Example: {@code Flyway.configure().javaMigrations(new KeyRows())}. A block that cannot be read
 * fails the whole migration, naming it, which the store runs in one transaction with schema 18, so
 * the store stays at schema 17. Stateless.
 */
final class KeyRows extends RowMigration {

  /** Blocks read per query. */
  static final int CHUNK = 64;

  KeyRows() {
    super("19", "row key hashes");
  }

  @Override
  void migrate(Connection connection) throws SQLException {
    // Room for every stored row's keys from the start, up to what an array can hold.
    RowKeys keys = new RowKeys((int) Math.min(Integer.MAX_VALUE - 8, RowTable.count(connection)));
    long after = Long.MIN_VALUE;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT b.block_id, b.row_count, b.rows, s.source FROM row_block AS b"
                + " JOIN row_source AS s ON s.source_id = b.source_id"
                + " WHERE b.block_id > ? ORDER BY b.block_id LIMIT "
                + CHUNK)) {
      boolean more = true;
      while (more) {
        select.setLong(1, after);
        more = false;
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            long blockId = result.getLong(1);
            RowBlock.heads(
                result.getBytes(3),
                result.getInt(2),
                blockId,
                result.getString(4),
                (rowId, groupId) -> keys.add(rowId, groupId, blockId));
            after = blockId;
            more = true;
          }
        }
      }
    }
    keys.insert(connection);
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE row_key");
      statement.execute("DROP TABLE row_group");
    }
  }
}
