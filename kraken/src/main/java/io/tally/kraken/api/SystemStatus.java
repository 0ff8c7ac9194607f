package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Kraken's trading status from {@code /0/public/SystemStatus}.
 *
 * <p>Example: {@code SystemStatus[status=online, timestamp=2023-07-06T18:51:00Z]}. Immutable.
 *
 * @param status {@code online}, {@code maintenance}, {@code cancel_only} or {@code post_only}, kept
 *     as Kraken writes it
 * @param timestamp the server's time of the answer
 */
public record SystemStatus(String status, Instant timestamp) {

  public SystemStatus {
    requireNonNull(status, "status");
    requireNonNull(timestamp, "timestamp");
  }

  /** Whether Kraken reports normal operation. */
  public boolean isOnline() {
    return status.equals("online");
  }
}
