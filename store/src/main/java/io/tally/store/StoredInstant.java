package io.tally.store;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.InstantText;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

  /** The length of every stored instant's text. */
  private static final int WIDTH = "2024-03-01T12:00:00.500000000Z".length();

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

  /** The fixed-width text of a storable instant. */
  static String toText(Instant at) {
    requireStorable(at, "instant");
    // Digit by digit: a formatter's pattern machinery made a paper order's three or four stored
    // times cost 3 % of its allocation (docs/BENCHMARKS.md §20).
    LocalDateTime time = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
    char[] text = new char[WIDTH];
    digits(text, 0, 4, time.getYear());
    text[4] = '-';
    digits(text, 5, 2, time.getMonthValue());
    text[7] = '-';
    digits(text, 8, 2, time.getDayOfMonth());
    text[10] = 'T';
    digits(text, 11, 2, time.getHour());
    text[13] = ':';
    digits(text, 14, 2, time.getMinute());
    text[16] = ':';
    digits(text, 17, 2, time.getSecond());
    text[19] = '.';
    digits(text, 20, 9, at.getNano());
    text[29] = 'Z';
    return new String(text);
  }

  /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code from}. */
  private static void digits(char[] text, int from, int width, int value) {
    int rest = value;
    for (int i = from + width - 1; i >= from; i--) {
      text[i] = (char) ('0' + rest % 10);
      rest /= 10;
    }
  }

  /**
   * The instant of a stored text; throws {@link DateTimeParseException} if it is not one. Read by
   * {@link InstantText}, digit by digit.
   */
  static Instant fromText(String text) {
    return InstantText.parse(text);
  }
}
