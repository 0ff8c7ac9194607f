package io.tally.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.tally.store.CommittedImport;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An ingest classified and checked, its write not made yet: the {@link ImportBatch} of rows,
 * events, prices and marks that {@link #commit()} writes in one transaction. Between the two, a
 * caller may use the batch — {@code tally import} folds its events into the books on a second core
 * while the write runs.
 *
 * <p>Example: {@code PreparedIngest prepared = ingest.prepare(batch); prepared.batch().events();
 * IngestResult result = prepared.commit();}. Commit it once.
 */
public final class PreparedIngest {

  private final PortfolioStore store;
  private final ImportBatch batch;
  private final Consumer<String> progress;
  private final Function<CommittedImport, IngestResult> summary;

  PreparedIngest(
      PortfolioStore store,
      ImportBatch batch,
      Consumer<String> progress,
      Function<CommittedImport, IngestResult> summary) {
    this.store = requireNonNull(store, "store");
    this.batch = requireNonNull(batch, "batch");
    this.progress = requireNonNull(progress, "progress");
    this.summary = requireNonNull(summary, "summary");
  }

  /** What {@link #commit()} writes. */
  public ImportBatch batch() {
    return batch;
  }

  /** Writes the batch in one transaction and says what the ingest did. */
  public IngestResult commit() {
    progress.accept(
        String.format(
            "writing %,d rows, %,d events and %,d prices in one transaction",
            batch.rows().size(), batch.events().size(), batch.prices().size()));
    return summary.apply(store.commitImport(batch));
  }
}
