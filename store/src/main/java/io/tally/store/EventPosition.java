package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A place in the order of the visible events, which is by time and then by id (code point order,
 * case-sensitive): where {@link PortfolioStore#eventsBefore} continues from when it pages
 * backwards. Two visible events never share a position, since ids are unique.
 *
 * <p>Example: {@code store.eventsBefore(Optional.of(EventPosition.of(oldestShown)), 50)} is the
 * page of 50 events before {@code oldestShown}; so is {@code new EventPosition(oldestShown.at(),
 * oldestShown.eventId())}. Immutable.
 *
 * @param at the time of the place; it must lie in the years 0000 to 9999
 * @param eventId the event id of the place among events of time {@code at}, not blank
 */
public record EventPosition(Instant at, String eventId) {

  public EventPosition {
    StoredInstant.requireStorable(at, "at");
    requireNonNull(eventId, "eventId");
    if (eventId.isBlank()) {
      throw new IllegalArgumentException("eventId must not be blank: '" + eventId + "'");
    }
  }

  /** The position of {@code record}: its time and id. */
  public static EventPosition of(EventRecord record) {
    requireNonNull(record, "record");
    return new EventPosition(record.at(), record.eventId());
  }
}
