package io.tally.ledger;

import static java.util.Objects.requireNonNull;

/**
 * The identity of a ledger event: the exchange's reference id ({@code refid}) of the rows it came
 * from, with a suffix when one reference id yields several events (such as a card buy's deposit
 * beside its swap). Case-sensitive, as Kraken's newer ids are mixed-case.
 *
 * <p>Example: {@code EventId.of("TYA5U3-I4PET-CXYZ2F")}. Immutable.
 */
public record EventId(String value) implements Comparable<EventId> {

  public EventId {
    requireNonNull(value, "value");
    if (!OneWord.isOneWord(value)) {
      throw new IllegalArgumentException("Event id must be one word: '" + value + "'");
    }
  }

  /** The event id with this value. */
  public static EventId of(String value) {
    return new EventId(value);
  }

  @Override
  public int compareTo(EventId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
