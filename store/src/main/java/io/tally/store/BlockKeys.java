package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The keys ({@link EventKey}) of the ids an insert's blocks hold, collected block by block and
 * inserted together in key order, into {@code event_key} or {@code trade_pnl_key}: keys are
 * uniformly random, so inserting each block's keys as it is written puts every one at a random
 * place in the table's tree; in key order, each lands next to the one before (43,000 keys took 0.1
 * s in block order, BENCHMARKS §29).
 *
 * <p>Example: {@code BlockKeys keys = new BlockKeys(); keys.add(EventKey.of("E1"), 7);
 * keys.insert(connection, "event_key");}. Used by one thread, for one insert.
 */
final class BlockKeys {

  private long[] keys = new long[1_024];
  private long[] blocks = new long[1_024];
  private int size;

  /** Adds the key {@code key} of block {@code blockId}; a pair added twice is inserted once. */
  void add(long key, long blockId) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      blocks = Arrays.copyOf(blocks, size * 2);
    }
    keys[size] = key;
    blocks[size] = blockId;
    size++;
  }

  /**
   * Inserts every pair added, by key and then block, into {@code table} (columns {@code id_hash}
   * and {@code block_id}), in JDBC batches of 10,000.
   */
  void insert(Connection connection, String table) throws SQLException {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int byKey = Long.compare(keys[a], keys[b]);
          return byKey != 0 ? byKey : Long.compare(blocks[a], blocks[b]);
        });
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + table + " (id_hash, block_id) VALUES (?, ?)")) {
      int pending = 0;
      int previous = -1;
      for (int i : order) {
        if (previous >= 0 && keys[i] == keys[previous] && blocks[i] == blocks[previous]) {
          continue;
        }
        previous = i;
        insert.setLong(1, keys[i]);
        insert.setLong(2, blocks[i]);
        insert.addBatch();
        if (++pending == 10_000) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
  }
}
