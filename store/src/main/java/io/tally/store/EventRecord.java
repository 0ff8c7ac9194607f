package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Comparator;

/**
 * One revision of a classified event: the caller's text line for it, which the store keeps but
 * never interprets, or a tombstone that retracts the event.
 *
 * <p>Examples: {@code EventRecord.of("TJKLXX-PGMUI-4NTLXU", at, "TRADE BUY BTC 0.0100000000 ...")}
 * and {@code EventRecord.retracted("TJKLXX-PGMUI-4NTLXU", at)}.
 *
 * <p>Events are versioned by id: committing a record whose id is already stored adds a new revision
 * if it differs from the latest one, and readers see only the latest. A live record has a non-empty
 * line; a tombstone ({@code retracted} true) has the empty line and hides the event. Ids are
 * case-sensitive. {@code at} must lie in the years 0000 to 9999. Immutable.
 *
 * @param eventId the event's id, such as the refid of its rows
 * @param at when the event happened; events are listed in this order
 * @param line the caller's text for the event; empty exactly when {@code retracted}
 * @param retracted whether this revision is a tombstone that retracts the event
 */
public record EventRecord(String eventId, Instant at, String line, boolean retracted) {

  /**
   * Replay order: by time, then by id; the order of the events the records hold (the ledger's
   * {@code LedgerEvent.ORDER}), without reading their lines.
   */
  public static final Comparator<EventRecord> ORDER =
      Comparator.comparing(EventRecord::at).thenComparing(EventRecord::eventId);

  public EventRecord {
    requireNonNull(eventId, "eventId");
    if (eventId.isBlank()) {
      throw new IllegalArgumentException("eventId must not be blank: '" + eventId + "'");
    }
    StoredInstant.requireStorable(at, "at");
    requireNonNull(line, "line");
    if (retracted && !line.isEmpty()) {
      throw new IllegalArgumentException(
          "A retracted event has no line, but " + eventId + " has '" + line + "'");
    }
    if (!retracted && line.isEmpty()) {
      throw new IllegalArgumentException(
          "Event " + eventId + " has an empty line; use EventRecord.retracted to retract it");
    }
  }

  /** A live revision of event {@code eventId} with this non-empty line. */
  public static EventRecord of(String eventId, Instant at, String line) {
    return new EventRecord(eventId, at, line, false);
  }

  /** A tombstone: the revision that retracts event {@code eventId}. */
  public static EventRecord retracted(String eventId, Instant at) {
    return new EventRecord(eventId, at, "", true);
  }

  /**
   * Whether committing {@code next} after this revision would change nothing: both are tombstones,
   * or both are live with the same time and line.
   */
  boolean sameAs(EventRecord next) {
    if (retracted || next.retracted) {
      return retracted && next.retracted;
    }
    return at.equals(next.at) && line.equals(next.line);
  }
}
