package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which store a location opens. A PostgreSQL URL opening a {@link PostgresStore} is in {@link
 * PostgresStoreTest}, which has a server.
 */
class PortfolioStoreTest {

  @TempDir Path directory;

  @Test
  void aPathOpensASqliteFile() {
    Path file = directory.resolve("books/tally.db");

    try (PortfolioStore store = PortfolioStore.open(file.toString(), Map.of())) {
      assertThat(store).isInstanceOf(SqliteStore.class);
    }

    assertThat(file).isRegularFile();
  }

  @Test
  void aPathOpensASqliteFileAsDurableAsAsked() {
    String file = directory.resolve("paper.db").toString();

    try (PortfolioStore store = PortfolioStore.open(file, Map.of(), Durability.PROCESS_CRASH)) {
      assertThat(((SqliteStore) store).pragma("synchronous")).isEqualTo("1"); // NORMAL
    }
    try (PortfolioStore store = PortfolioStore.open(file, Map.of())) {
      assertThat(((SqliteStore) store).pragma("synchronous")).isEqualTo("2"); // FULL
    }
  }

  @Test
  void otherDatabaseUrlsAreRejectedWithoutCreatingAFile() {
    // A typo for jdbc:postgresql: must not quietly become a SQLite file named after it.
    assertThatThrownBy(
            () -> PortfolioStore.open("jdbc:postgres://db/tally?password=s3cret", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgres://db/tally")
        .hasMessageContaining("jdbc:postgresql:")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> PortfolioStore.open("jdbc:sqlite:tally.db", Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBlankLocationIsRejected() {
    assertThatThrownBy(() -> PortfolioStore.open(" ", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  @Test
  void describeShowsAPathAsGivenAndAUrlWithoutItsPassword() {
    assertThat(PortfolioStore.describe("data/tally.db")).isEqualTo("data/tally.db");
    assertThat(PortfolioStore.describe("jdbc:postgresql://db/tally?user=me&password=s3cret"))
        .isEqualTo("jdbc:postgresql://db/tally?user=me");
  }
}
