package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line of the import log: a committed {@link ImportBatch}, when it was committed, and what it
 * wrote. Every commit adds one, even when it found nothing new.
 *
 * <p>Example: {@code ImportLogEntry[importId=1, at=2024-03-02T08:00:00Z,
 * description=ledgers-2024.csv, result=CommitResult[rowsAdded=3, ...]]}. Immutable.
 *
 * @param importId the entry's number, increasing with every commit from 1 (on PostgreSQL a failed
 *     commit may leave a gap)
 * @param at when the commit happened, by the store's clock
 * @param description the batch's description
 * @param result the counts the commit returned
 */
public record ImportLogEntry(long importId, Instant at, String description, CommitResult result) {

  public ImportLogEntry {
    if (importId < 1) {
      throw new IllegalArgumentException("importId must be positive: " + importId);
    }
    requireNonNull(at, "at");
    requireNonNull(description, "description");
    requireNonNull(result, "result");
  }
}
