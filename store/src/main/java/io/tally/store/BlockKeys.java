package io.tally.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The keys ({@link IdKey}) of the ids an insert's blocks hold, collected block by block and
 * inserted together in key order, into a key table ({@code event_key}, {@code trade_pnl_key},
 * {@code row_id_key}, {@code row_group_key}): keys are uniformly random, so inserting each block's
 * keys as it is written puts every one at a random place in the table's tree; in key order, each
 * lands next to the one before (43,000 keys took 0.1 s in block order, BENCHMARKS §29). A row
 * insert still makes one of these per block and inserts it as it writes the block, while the press
 * makes the next ones: there the keys cost less beside the press than sorted after it (§30).
 *
 * <p>Example: {@code BlockKeys keys = new BlockKeys(1); keys.add(IdKey.of("E1"), 7);
 * keys.insert(connection, "event_key");}. Used by one thread, for one insert.
 */
final class BlockKeys {

  private long[] keys;
  private long[] blocks;
  private int size;

  /** Keys for an insert of about {@code expected} ids, which the arrays start with room for. */
  BlockKeys(int expected) {
    keys = new long[Math.max(16, expected)];
    blocks = new long[keys.length];
  }

  /** Adds the key {@code key} of block {@code blockId}; a pair added twice is inserted once. */
  void add(long key, long blockId) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      blocks = Arrays.copyOf(blocks, keys.length);
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
    if (size == 0) {
      return;
    }
    sort(0, size - 1);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + table + " (id_hash, block_id) VALUES (?, ?)")) {
      int pending = 0;
      for (int i = 0; i < size; i++) {
        if (i > 0 && keys[i] == keys[i - 1] && blocks[i] == blocks[i - 1]) {
          continue;
        }
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

  /**
   * Sorts pairs {@code from} to {@code to} (inclusive) by key and then block, in place: a quicksort
   * of the two arrays together (keys are random, so its pivots split evenly), where sorting boxed
   * indexes with a comparator took a third of the keys' insert (BENCHMARKS §29).
   */
  private void sort(int from, int to) {
    while (to - from > 16) {
      int middle = (from + to) >>> 1;
      long pivotKey = keys[middle];
      long pivotBlock = blocks[middle];
      int i = from;
      int j = to;
      while (i <= j) {
        while (compare(i, pivotKey, pivotBlock) < 0) {
          i++;
        }
        while (compare(j, pivotKey, pivotBlock) > 0) {
          j--;
        }
        if (i <= j) {
          swap(i++, j--);
        }
      }
      // The smaller side first, so the stack stays shallow.
      if (j - from < to - i) {
        sort(from, j);
        from = i;
      } else {
        sort(i, to);
        to = j;
      }
    }
    for (int i = from + 1; i <= to; i++) {
      for (int j = i; j > from && compare(j, keys[j - 1], blocks[j - 1]) < 0; j--) {
        swap(j, j - 1);
      }
    }
  }

  private int compare(int i, long key, long block) {
    int byKey = Long.compare(keys[i], key);
    return byKey != 0 ? byKey : Long.compare(blocks[i], block);
  }

  private void swap(int i, int j) {
    long key = keys[i];
    keys[i] = keys[j];
    keys[j] = key;
    long block = blocks[i];
    blocks[i] = blocks[j];
    blocks[j] = block;
  }
}
