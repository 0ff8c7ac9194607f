package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * {@link NewStoreFile} on real SQLite files: made beside, written, named or discarded, nothing left
 * over.
 */
class NewStoreFileTest {

  @TempDir Path directory;

  private List<String> files() throws IOException {
    try (Stream<Path> listed = Files.list(directory)) {
      return listed.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private static ImportBatch prices(String description) {
    return new ImportBatch(
        List.of(),
        List.of(),
        List.of(new StoredPrice("XBT", Fixtures.T0, "1", "test")),
        Map.of(),
        description);
  }

  private static String madeFile(String name) {
    return "." + name + ".new-" + ProcessHandle.current().pid();
  }

  @Test
  void aNamedFileIsAStoreAtTheNewestSchemaWithWhatItsImportWrote() throws IOException {
    Path db = directory.resolve("books.db");
    NewStoreFile ahead = NewStoreFile.start(db.toString());
    try (PortfolioStore store = ahead.open(Map.of())) {
      store.commit(prices("first"));
      // Written, but without the store's name until it is named.
      assertThat(files()).containsExactly(madeFile("books.db"));
      ahead.name();
    }

    assertThat(files()).containsExactly("books.db");
    SQLiteDataSource file = new SQLiteDataSource();
    file.setUrl("jdbc:sqlite:" + db);
    assertThat(SchemaVersion.isCurrent(file)).isTrue();
    try (SqliteStore store = SqliteStore.open(db)) {
      assertThat(store.pragma("journal_mode")).isEqualToIgnoringCase("wal");
      assertThat(store.lastImportId()).isEqualTo(1);
      assertThat(store.pricesSince(0)).hasSize(1);
    }
  }

  @Test
  void aDiscardedFileLeavesNothingBehind() throws IOException {
    NewStoreFile written = NewStoreFile.start(directory.resolve("books.db").toString());
    try (PortfolioStore store = written.open(Map.of())) {
      store.commit(prices("failed later"));
    }
    written.discard();
    NewStoreFile unopened = NewStoreFile.start(directory.resolve("other.db").toString());
    unopened.discard();

    assertThat(files()).isEmpty();
  }

  @Test
  void aStoreThatExistsOrIsMadeBeforeTheImportOpensIsImportedInto() throws IOException {
    Path db = directory.resolve("books.db");
    try (PortfolioStore store = SqliteStore.open(db)) {
      store.commit(prices("kept"));
    }
    // It exists: nothing is made.
    NewStoreFile exists = NewStoreFile.start(db.toString());
    try (PortfolioStore store = exists.open(Map.of())) {
      store.commit(prices("second"));
      exists.name();
    }
    // It is made while the new file is, before the import opens a store: the new file gives way.
    Path other = directory.resolve("other.db");
    NewStoreFile meanwhile = NewStoreFile.start(other.toString());
    try (PortfolioStore store = SqliteStore.open(other)) {
      store.commit(prices("made meanwhile"));
    }
    try (PortfolioStore store = meanwhile.open(Map.of())) {
      store.commit(prices("second"));
      meanwhile.name();
    }

    assertThat(files()).containsExactly("books.db", "other.db");
    for (Path each : List.of(db, other)) {
      try (PortfolioStore store = SqliteStore.open(each)) {
        assertThat(store.lastImportId()).as("%s", each).isEqualTo(2);
      }
    }
  }

  @Test
  void aStoreMadeUnderTheNameWhileTheImportWritesIsKeptAndTheImportFails() throws IOException {
    Path db = directory.resolve("books.db");
    NewStoreFile ahead = NewStoreFile.start(db.toString());
    try (PortfolioStore store = ahead.open(Map.of())) {
      store.commit(prices("first"));
      store.commit(prices("second"));
      try (PortfolioStore other = SqliteStore.open(db)) {
        other.commit(prices("made meanwhile"));
      }
      assertThatThrownBy(ahead::name)
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(db + " was made by another process")
          .hasMessageContaining("run the import again");
    }

    assertThat(files()).containsExactly("books.db");
    try (PortfolioStore store = SqliteStore.open(db)) {
      assertThat(store.lastImportId()).isEqualTo(1);
    }
  }

  @Test
  void noFileIsMadeForADatabaseUrlOrAMissingFolder() throws IOException {
    NewStoreFile.start("jdbc:postgresql://localhost/books").name();
    NewStoreFile.start(directory.resolve("missing").resolve("books.db").toString()).discard();

    assertThat(files()).isEmpty();
  }
}
