package io.tally.store;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@link NewStoreFile} on real SQLite files: made beside, placed or discarded, nothing left over.
 */
class NewStoreFileTest {

  @TempDir Path directory;

  private List<Path> files() throws IOException {
    try (Stream<Path> listed = Files.list(directory)) {
      return listed.map(Path::getFileName).sorted().toList();
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

  @Test
  void aPlacedFileIsAStoreAtTheNewestSchemaUnderItsName() throws IOException {
    Path db = directory.resolve("books.db");
    NewStoreFile ahead = NewStoreFile.start(db.toString());
    ahead.place();

    assertThat(files()).containsExactly(Path.of("books.db"));
    SQLiteDataSource file = new SQLiteDataSource();
    file.setUrl("jdbc:sqlite:" + db);
    assertThat(SchemaVersion.isCurrent(file)).isTrue();
    try (PortfolioStore store = SqliteStore.open(db)) {
      store.commit(prices("first"));
      assertThat(store.lastImportId()).isEqualTo(1);
    }
  }

  @Test
  void aDiscardedFileLeavesNothingBehind() throws IOException {
    NewStoreFile ahead = NewStoreFile.start(directory.resolve("books.db").toString());
    ahead.discard();

    assertThat(files()).isEmpty();
  }

  @Test
  void aStoreThatExistsOrIsMadeMeanwhileIsKept() throws IOException {
    Path db = directory.resolve("books.db");
    try (PortfolioStore store = SqliteStore.open(db)) {
      store.commit(prices("kept"));
    }
    // It exists: nothing is made.
    NewStoreFile.start(db.toString()).place();
    // It is made while the new file is: the new file gives way.
    Path other = directory.resolve("other.db");
    NewStoreFile ahead = NewStoreFile.start(other.toString());
    try (PortfolioStore store = SqliteStore.open(other)) {
      store.commit(prices("made meanwhile"));
    }
    ahead.place();

    assertThat(files()).containsExactly(Path.of("books.db"), Path.of("other.db"));
    for (Path each : List.of(db, other)) {
      try (PortfolioStore store = SqliteStore.open(each)) {
        assertThat(store.lastImportId()).as("%s", each).isEqualTo(1);
      }
    }
  }

  @Test
  void noFileIsMadeForADatabaseUrlOrAMissingFolder() throws IOException {
    NewStoreFile.start("jdbc:postgresql://localhost/books").place();
    NewStoreFile.start(directory.resolve("missing").resolve("books.db").toString()).place();

    assertThat(files()).isEmpty();
  }
}
