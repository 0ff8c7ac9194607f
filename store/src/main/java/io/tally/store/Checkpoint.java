package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * State the engine derived from the history and saved, so that it can resume from it instead of
 * folding every event again: its state after folding everything written by the imports up to and
 * including import {@code importId} (an {@link ImportLogEntry#importId()}). The store keeps the
 * state as text and never reads it.
 *
 * <p>Example: {@code new Checkpoint(store.lastImportId(), Instant.now(), books.toJson())}, saved
 * with {@link PortfolioStore#saveCheckpoint}; to resume, read {@link
 * PortfolioStore#latestCheckpoint()} and fold {@link PortfolioStore#revisionsSince} and {@link
 * PortfolioStore#pricesSince} its {@code importId}.
 *
 * <p>{@link #toString()} shows the length of the state, not the state, which may be megabytes.
 * Immutable.
 *
 * @param importId the newest import folded into the state; 0 for the state before any import
 * @param takenAt when the engine made the checkpoint
 * @param state the engine's state as text, not blank; on PostgreSQL it cannot hold the NUL
 *     character
 */
public record Checkpoint(long importId, Instant takenAt, String state) {

  public Checkpoint {
    if (importId < 0) {
      throw new IllegalArgumentException("importId must not be negative: " + importId);
    }
    StoredInstant.requireStorable(takenAt, "takenAt");
    requireNonNull(state, "state");
    if (state.isBlank()) {
      throw new IllegalArgumentException("state must not be blank");
    }
  }

  @Override
  public String toString() {
    return "Checkpoint[importId="
        + importId
        + ", takenAt="
        + takenAt
        + ", state="
        + state.length()
        + " chars]";
  }
}
