package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prices and sync marks are written with the batch they belong to, and kept append-only. */
class PricesAndMarksTest {

  @TempDir Path directory;

  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

  private static ImportBatch batch(List<StoredPrice> prices, Map<String, String> marks) {
    return new ImportBatch(List.of(), List.of(), prices, marks, "sync");
  }

  @Test
  void pricesAreStoredOnceExactlyAsGiven() {
    StoredPrice xbt = new StoredPrice("XBT", T, "42000.123456789012", "kraken:ohlc:XXBTZUSD:60");
    try (SqliteStore store = SqliteStore.open(directory.resolve("t.db"))) {
      store.commit(batch(List.of(xbt), Map.of()));
      store.commit(batch(List.of(xbt), Map.of()));

      assertThat(store.prices()).containsExactly(xbt);
    }
  }

  @Test
  void theLatestValueOfAMarkWinsAndSurvivesReopening() {
    Path file = directory.resolve("t.db");
    try (SqliteStore store = SqliteStore.open(file)) {
      store.commit(batch(List.of(), Map.of("ledgers.newest", "1704067200.5")));
      store.commit(
          batch(List.of(), Map.of("ledgers.newest", "1704153600.25", "trades.newest", "7")));
    }
    try (SqliteStore store = SqliteStore.open(file)) {
      assertThat(store.marks())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("ledgers.newest", "1704153600.25", "trades.newest", "7"));
    }
  }

  @Test
  void aFailingBatchWritesNeitherPricesNorMarks() throws SQLException {
    Path file = directory.resolve("t.db");
    try (SqliteStore store = SqliteStore.open(file)) {
      store.commit(batch(List.of(new StoredPrice("XBT", T, "1", "test")), Map.of("m", "1")));
      // A real database failure: writing the mark value BOOM aborts, after the batch's price
      // was inserted in the same transaction.
      try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TRIGGER fail_on_boom BEFORE INSERT ON sync_mark"
                + " WHEN NEW.value = 'BOOM' BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
      }

      assertThatThrownBy(
              () ->
                  store.commit(
                      batch(List.of(new StoredPrice("ETH", T, "2", "test")), Map.of("m", "BOOM"))))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("forced failure");

      assertThat(store.prices()).extracting(StoredPrice::asset).containsExactly("XBT");
      assertThat(store.marks()).containsExactly(Map.entry("m", "1"));
    }
  }
}
