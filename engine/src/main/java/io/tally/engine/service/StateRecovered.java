package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@link PortfolioService#initialize()} recovered before serving: the checkpoint the books
 * resumed from (empty after a full replay of the event log), how many events were folded on top of
 * it (or replayed), and the reconciliation every answer's status stands on: the one start-up ran,
 * or, without a fresh comparison (no Kraken keys, or the start-up sync failed), the last comparison
 * restored from the store as {@code stale}, with its own time and drift flag ({@code unchecked}
 * when the store kept none). Logged and emitted once per start.
 *
 * <p>Example: {@code STATE_RECOVERED: books resumed from the checkpoint of 2026-12-03T04:00:00Z and
 * 12 events after it; reconciliation ok at 2026-12-03T05:00:01Z}, or after a keyless restart {@code
 * ...; reconciliation stale: the last comparison, drift at 2026-12-02T23:55:01Z, restored from the
 * store, drift flagged}. Immutable.
 *
 * @param reconciledAt when the reconciliation ran; for {@code stale} when the restored comparison
 *     ran
 * @param eventsFolded events applied after the checkpoint, or every event replayed without one
 * @param lastSyncError why the start-up sync failed, when it did (the stored books are served)
 */
public record StateRecovered(
    Instant at,
    Optional<Instant> checkpointAt,
    long eventsFolded,
    ReconciliationStatus status,
    boolean driftFlag,
    Optional<Instant> reconciledAt,
    Optional<String> lastSyncError) {

  /** The event's name in logs and for listeners. */
  public static final String NAME = "STATE_RECOVERED";

  public StateRecovered {
    requireNonNull(at, "at");
    requireNonNull(checkpointAt, "checkpointAt");
    requireNonNull(status, "status");
    requireNonNull(reconciledAt, "reconciledAt");
    requireNonNull(lastSyncError, "lastSyncError");
    if (eventsFolded < 0) {
      throw new IllegalArgumentException("eventsFolded must not be negative: " + eventsFolded);
    }
  }

  /** The log line: {@code STATE_RECOVERED: books ...; reconciliation <status> ...}. */
  public String message() {
    String books =
        checkpointAt
            .map(
                taken ->
                    "books resumed from the checkpoint of "
                        + taken
                        + " and "
                        + eventsFolded
                        + " events after it")
            .orElse("books replayed from the event log (" + eventsFolded + " events)");
    String reconciliation =
        "reconciliation "
            + status.code()
            + (status == ReconciliationStatus.STALE
                ? ": the last comparison, "
                    + (driftFlag ? "drift" : "ok")
                    + reconciledAt.map(t -> " at " + t).orElse("")
                    + ", restored from the store"
                : reconciledAt.map(t -> " at " + t).orElse(""))
            + (driftFlag ? ", drift flagged" : "");
    return NAME
        + ": "
        + books
        + "; "
        + reconciliation
        + lastSyncError.map(e -> "; start-up sync failed: " + e).orElse("");
  }
}
