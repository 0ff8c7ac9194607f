package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A portfolio snapshot as the store keeps it: the engine's JSON text of the portfolio at {@code
 * takenAt}. The store neither parses nor checks the body; it comes back character for character.
 *
 * <p>Example: {@code new StoredSnapshot(Instant.parse("2024-03-01T12:00:00Z"),
 * "{\"equity\":\"12345.67\",\"positions\":[]}")}, saved with {@link PortfolioStore#saveSnapshot}.
 * Several snapshots may share a time. Immutable.
 *
 * @param takenAt the time the snapshot shows; it must lie in the years 0000 to 9999
 * @param body the snapshot as JSON text made by the engine, not blank; on PostgreSQL it cannot hold
 *     the NUL character (JSON escapes it)
 */
public record StoredSnapshot(Instant takenAt, String body) {

  public StoredSnapshot {
    StoredInstant.requireStorable(takenAt, "takenAt");
    requireNonNull(body, "body");
    if (body.isBlank()) {
      throw new IllegalArgumentException("body must not be blank");
    }
  }
}
