package io.tally.kraken.api;

/**
 * Told after every page of a history that is being paged, for progress bars and logs.
 *
 * <p>Example: {@code progress -> System.err.printf("%s: %d rows%n", progress.method(),
 * progress.rows())}. Called on the paging thread; implementations must be quick.
 */
@FunctionalInterface
public interface ProgressListener {

  /** One more page was fetched. */
  void onPage(PagingProgress progress);

  /** A listener that ignores everything. */
  static ProgressListener none() {
    return progress -> {};
  }
}
