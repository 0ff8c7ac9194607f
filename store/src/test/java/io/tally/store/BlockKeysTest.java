package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockKeysTest {

  @TempDir Path directory;

  private record Pair(long key, long block) implements Comparable<Pair> {
    @Override
    public int compareTo(Pair other) {
      int byKey = Long.compare(key, other.key);
      return byKey != 0 ? byKey : Long.compare(block, other.block);
    }
  }

  /** The pairs {@code keys} inserts, in the order it inserts them (a rowid table keeps it). */
  private List<Pair> inserted(BlockKeys keys) throws SQLException {
    try (Connection connection =
        DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("keys.db"))) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE some_key (id_hash INTEGER, block_id INTEGER)");
      }
      keys.insert(connection, "some_key");
      List<Pair> pairs = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT id_hash, block_id FROM some_key ORDER BY rowid")) {
        while (rows.next()) {
          pairs.add(new Pair(rows.getLong(1), rows.getLong(2)));
        }
      }
      return pairs;
    }
  }

  @Test
  void pairsGoInOnceEachByKeyThenBlock() throws SQLException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    BlockKeys keys = new BlockKeys(16);
    TreeSet<Pair> expected = new TreeSet<>();
    for (int i = 0; i < 30_000; i++) {
      // Small keys repeat (within a block and across blocks); large ones are any 64 bits.
      long key = random.nextBoolean() ? random.nextInt(200) - 100 : random.nextLong();
      long block = 1 + random.nextInt(60);
      keys.add(key, block);
      expected.add(new Pair(key, block));
    }

    assertThat(inserted(keys)).as("seed %d", seed).containsExactlyElementsOf(expected);
  }

  @Test
  void nothingAddedInsertsNothing() throws SQLException {
    assertThat(inserted(new BlockKeys(16))).isEmpty();
  }
}
