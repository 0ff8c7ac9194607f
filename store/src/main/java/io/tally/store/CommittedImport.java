package io.tally.store;

import static java.util.Objects.requireNonNull;

/**
 * What {@link PortfolioStore#commitImport} did: the import log entry it made and what it wrote. The
 * import id lets the process that committed hand the batch to its books instead of reading it back
 * ({@code LiveBooks}), which is exact only when no other import can lie between the books' import
 * and this one.
 *
 * <p>Example: {@code CommittedImport[importId=42, result=CommitResult[rowsAdded=0, rowsSkipped=0,
 * eventsAdded=3, eventsRevised=0, eventsRetracted=0, eventsUnchanged=0]]}. Immutable.
 *
 * @param importId the id of the import log entry the commit made
 * @param result what became of the batch's rows and event records
 */
public record CommittedImport(long importId, CommitResult result) {

  public CommittedImport {
    if (importId < 1) {
      throw new IllegalArgumentException("importId must be positive: " + importId);
    }
    requireNonNull(result, "result");
  }
}
