package io.tally.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The keys ({@link IdKey}) of the rows an insert's blocks hold: of each row's id, for {@code
 * row_id_key}, and of each row's group, for {@code row_group_key}, each with its block. Both are
 * inserted in key order ({@link BlockKeys}) once the blocks are written; a group met twice in a
 * block is inserted once.
 *
 * <p>Example: {@code RowKeys keys = new RowKeys(2); keys.add("L1", "T1", 7); keys.add("L2", "T1",
 * 7); keys.insert(connection);} inserts two keys into {@code row_id_key} and one into {@code
 * row_group_key}, all of block 7. Used by one thread, for one insert.
 */
final class RowKeys {

  private final BlockKeys ids;
  private final BlockKeys groups;

  /** Keys for an insert of about {@code expected} rows. */
  RowKeys(int expected) {
    ids = new BlockKeys(expected);
    groups = new BlockKeys(expected);
  }

  /** Adds the row {@code rowId} of group {@code groupId}, which block {@code blockId} holds. */
  void add(String rowId, String groupId, long blockId) {
    ids.add(IdKey.of(rowId), blockId);
    groups.add(IdKey.of(groupId), blockId);
  }

  /** Inserts every key added; the blocks they name must be written first. */
  void insert(Connection connection) throws SQLException {
    ids.insert(connection, "row_id_key");
    groups.insert(connection, "row_group_key");
  }
}
