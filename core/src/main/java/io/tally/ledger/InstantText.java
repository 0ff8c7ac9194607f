package io.tally.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Reads instants in the text Tally writes them in: ISO-8601 UTC as {@link Instant#toString()} and
 * the store write it, {@code 2024-03-01T12:00:00Z} or {@code 2024-03-01T12:00:00.5Z}, with a
 * four-digit year and up to nine fraction digits.
 *
 * <p>Example: {@code InstantText.parse("2024-03-01T12:00:00.500Z")} equals {@code
 * Instant.parse("2024-03-01T12:00:00.500Z")}.
 *
 * <p>Text of that shape is read digit by digit. {@link Instant#parse} costs about a microsecond a
 * call once compiled and several before, and every stored event, price and checkpoint line has a
 * time: reading 650k stored prices spent up to three seconds of a fresh JVM parsing them
 * (docs/BENCHMARKS.md §4 and §20). Anything else (another shape, an impossible date) goes to {@link
 * Instant#parse}, which accepts or refuses it as before, with its own message.
 */
public final class InstantText {

  private static final long SECONDS_PER_DAY = 86_400;
  private static final int[] NANOS_PER_DIGIT = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private InstantText() {}

  /**
   * The instant the text writes.
   *
   * @throws DateTimeParseException when it is not an ISO-8601 instant
   */
  public static Instant parse(String text) {
    int length = text.length();
    if (length >= 20
        && length <= 30
        && length != 21
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(length - 1) == 'Z'
        && (length == 20 || text.charAt(19) == '.')) {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      int nanos = length == 20 ? 0 : digits(text, 20, length - 1);
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
        int fractionDigits = length == 20 ? 0 : length - 21;
        return Instant.ofEpochSecond(
            epochSecond,
            fractionDigits == 0 ? 0 : nanos * (long) NANOS_PER_DIGIT[fractionDigits - 1]);
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
