package io.tally.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.BookConfig;
import io.tally.engine.config.PortfolioConfig;
import io.tally.money.Asset;
import io.tally.store.CommittedImport;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import io.tally.testing.BookFigures;
import io.tally.testing.GeneratedHistory;
import io.tally.testing.HistoryGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AheadFold} in a real SQLite store: a first import's books come from the thread that folded
 * them, equal to the books started from the store after the commit; any later import, and a
 * cancelled one, gets none.
 */
class AheadFoldTest {

  @TempDir Path directory;

  private final GeneratedHistory history = HistoryGenerator.generate(11, 80);

  private PortfolioStore store(String name) {
    return PortfolioStore.open(directory.resolve(name + ".db").toString(), Map.of());
  }

  /** The generated history as one batch, its prices in USD and its running balances checked. */
  private ImportBatch batch() {
    return new ImportBatch(
        List.of(),
        GeneratedRecords.events(history.events()),
        GeneratedRecords.prices(history, history.events(), true),
        Map.of(Mark.PRICES_BASE.key(), "USD", Mark.LEDGER_ISSUES.key(), ""),
        "first");
  }

  @Test
  void aFirstImportsBooksAreFoldedBesideItsCommitAndEqualTheStoresBooks() {
    PortfolioConfig portfolio = PortfolioConfig.defaults();
    try (PortfolioStore store = store("first")) {
      ImportBatch batch = batch();
      AheadFold ahead = AheadFold.start(store, batch, portfolio);
      CommittedImport committed = store.commitImport(batch);

      LiveBooks books = ahead.settle(committed).orElseThrow();
      // The prices' currency, USD, is the base: the books are kept in it, by the configured method.
      assertThat(books.config())
          .isEqualTo(
              BookConfig.defaults().withBase(Asset.USD).withMethod(portfolio.costBasisMethod()));
      LiveBooks fromStore = LiveBooks.start(store, books.config());
      BookFigures.assertIdentical(books.state(), fromStore.state(), "folded ahead");
      assertThat(books.missingPrices()).isEqualTo(fromStore.missingPrices());
      assertThat(books.importId()).isEqualTo(committed.importId()).isEqualTo(1);
    }
  }

  @Test
  void aStoreImportedIntoBeforeGetsNoBooksFoldedAhead() {
    try (PortfolioStore store = store("second")) {
      store.commit(new ImportBatch(List.of(), List.of(), List.of(), Map.of(), "before"));
      ImportBatch batch = batch();
      AheadFold ahead = AheadFold.start(store, batch, PortfolioConfig.defaults());

      assertThat(ahead.settle(store.commitImport(batch))).isEmpty();
    }
  }

  @Test
  void aCancelledFoldGivesNoBooks() {
    try (PortfolioStore store = store("cancelled");
        PortfolioStore other = store("other")) {
      ImportBatch batch = batch();
      AheadFold ahead = AheadFold.start(store, batch, PortfolioConfig.defaults());
      ahead.cancel();

      assertThat(ahead.settle(other.commitImport(batch))).isEqualTo(Optional.empty());
    }
  }
}
