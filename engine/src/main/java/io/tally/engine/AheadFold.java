package io.tally.engine;

import static java.util.Objects.requireNonNull;

import io.tally.engine.config.PortfolioConfig;
import io.tally.store.CommittedImport;
import io.tally.store.ImportBatch;
import io.tally.store.PortfolioStore;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A store's first import folded into its books on a thread of its own while the import is being
 * written ({@link LiveBooks#ahead}): the books are ready when the commit is, and nothing is read
 * back. Only for a store never imported into, whose books are then the batch's alone, and when the
 * store's marks with the batch's decide the base currency; otherwise nothing is folded ahead and
 * the caller starts the books from the store after the commit.
 *
 * <p>Example: {@code AheadFold ahead = AheadFold.start(store, prepared.batch(), portfolio);
 * IngestResult result = prepared.commit(); Optional<LiveBooks> books =
 * ahead.settle(result.committed());} ({@link #cancel()} when the commit fails). Used by the thread
 * that commits; the fold's own thread only folds.
 */
public final class AheadFold {

  private final Optional<FutureTask<Optional<LiveBooks>>> fold;
  private boolean cancelled;

  private AheadFold(Optional<FutureTask<Optional<LiveBooks>>> fold) {
    this.fold = fold;
  }

  /**
   * Starts folding the books of {@code portfolio}'s cost-basis method and base currency that {@code
   * batch} makes of {@code store}, if the store has had no import yet.
   */
  public static AheadFold start(
      PortfolioStore store, ImportBatch batch, PortfolioConfig portfolio) {
    requireNonNull(batch, "batch");
    requireNonNull(portfolio, "portfolio");
    long lastImport = store.lastImportId();
    if (lastImport != 0) {
      return new AheadFold(Optional.empty());
    }
    Marks marks = Marks.of(store).with(batch.marks());
    Optional<FutureTask<Optional<LiveBooks>>> fold =
        StoredBooks.baseCurrency(marks, portfolio)
            .map(base -> portfolio.books(base.asset()))
            .map(
                config ->
                    new FutureTask<>(() -> LiveBooks.ahead(config, batch, marks, lastImport)));
    fold.ifPresent(
        task -> {
          Thread thread = new Thread(task, "tally-ahead-fold");
          thread.setDaemon(true);
          thread.start();
        });
    return new AheadFold(fold);
  }

  /**
   * The books folded ahead, once their thread is done, if the commit {@code committed} wrote
   * exactly what they folded ({@link LiveBooks#settle}); empty otherwise, and when the fold failed
   * (starting the books from the store then fails the same way, in the store's words).
   */
  public Optional<LiveBooks> settle(CommittedImport committed) {
    requireNonNull(committed, "committed");
    if (cancelled) {
      return Optional.empty();
    }
    return fold.flatMap(AheadFold::folded).filter(books -> books.settle(committed));
  }

  /** Stops the fold: its batch was not committed. {@link #settle} then gives no books. */
  public void cancel() {
    cancelled = true;
    fold.ifPresent(task -> task.cancel(true));
  }

  private static Optional<LiveBooks> folded(FutureTask<Optional<LiveBooks>> task) {
    try {
      return task.get();
    } catch (ExecutionException | CancellationException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
