package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

  private static final long SECONDS_PER_DAY = 86_400;

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

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
    return FORMAT.format(requireStorable(at, "instant"));
  }

  /**
   * The instant of a stored text; throws {@link DateTimeParseException} if it is not one.
   *
   * <p>Text of the stored shape is read digit by digit: {@link Instant#parse} costs about a
   * microsecond a call once compiled, and far more before, which made reading 650k stored prices at
   * start-up spend half a second (warm) to three seconds (fresh JVM) parsing times. Anything else,
   * such as an impossible date, goes to {@link Instant#parse}, which decides as before.
   */
  static Instant fromText(String text) {
    if (text.length() == WIDTH
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(19) == '.'
        && text.charAt(29) == 'Z') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      int nanos = digits(text, 20, 29);
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= YearMonth.of(year, month).lengthOfMonth()
          && hour >= 0
          && hour < 24
          && minute >= 0
          && minute < 60
          && second >= 0
          && second < 60
          && nanos >= 0) {
        long epochSecond =
            LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY
                + hour * 3_600L
                + minute * 60L
                + second;
        return Instant.ofEpochSecond(epochSecond, nanos);
      }
    }
    return Instant.parse(text);
  }

  /** The number written by the ASCII digits {@code text[from, to)}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
