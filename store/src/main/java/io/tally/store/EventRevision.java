package io.tally.store;

import static java.util.Objects.requireNonNull;

/**
 * One stored revision of an event, as {@link PortfolioStore#revisionsSince} returns them: the
 * record, and its number among the revisions of its event id, counting from 1. A revision above 1
 * replaced the one before it; a tombstone ({@link EventRecord#retracted()}) hid the event.
 *
 * <p>Example: committing {@code EventRecord.of("E1", at, "UNCLASSIFIED")} and then {@code
 * EventRecord.of("E1", at, "TRADE BUY")} stores {@code new EventRevision(EventRecord.of("E1", at,
 * "UNCLASSIFIED"), 1)} and {@code new EventRevision(EventRecord.of("E1", at, "TRADE BUY"), 2)}.
 *
 * <p>A revision is identified by (event id, revision): a caller that may see one twice can apply it
 * only when its number is higher than the one it holds for the id. Immutable.
 *
 * @param record what the revision says: a live record or a tombstone
 * @param revision its number among the revisions of {@code record.eventId()}, from 1
 */
public record EventRevision(EventRecord record, long revision) {

  public EventRevision {
    requireNonNull(record, "record");
    if (revision < 1) {
      throw new IllegalArgumentException(
          "revision of " + record.eventId() + " must be at least 1: " + revision);
    }
  }
}
