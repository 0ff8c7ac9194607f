package io.tally.store;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.InstantText;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants as the store writes them: ISO-8601 UTC text with exactly nine fraction digits, such as
 * {@code 2024-03-01T12:00:00.500000000Z}. Fixed width makes text order equal time order, so SQL can
 * sort and index the column; {@link Instant#toString()} drops trailing zeros and would not sort.
 * Only years 0000 to 9999 have a fixed width, so other instants are rejected.
 */
final class StoredInstant {

  static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
  static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private StoredInstant() {}

  /** Checks that {@code at} can be stored, naming {@code what} in the message if not. */
  static Instant requireStorable(Instant at, String what) {
    requireNonNull(at, what);
    if (at.isBefore(MIN) || at.isAfter(MAX)) {
      throw new IllegalArgumentException(
          what + " must be between " + MIN + " and " + MAX + ", not " + at);
    }
    return at;
  }

  /** The fixed-width text of a storable instant ({@link InstantText#fixedWidth}). */
  static String toText(Instant at) {
    return InstantText.fixedWidth(requireStorable(at, "instant"));
  }

  /**
   * The instant of a stored text; throws {@link DateTimeParseException} if it is not one. Read by
   * {@link InstantText}, digit by digit.
   */
  static Instant fromText(String text) {
    return InstantText.parse(text);
  }
}
