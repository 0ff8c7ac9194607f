package io.tally.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes instants in the text Tally writes them in: ISO-8601 UTC as {@link
 * Instant#toString()} and the store write it, {@code 2024-03-01T12:00:00Z} or {@code
 * 2024-03-01T12:00:00.5Z}, with a four-digit year and up to nine fraction digits.
 *
 * <p>Example: {@code InstantText.parse("2024-03-01T12:00:00.500Z")} equals {@code
 * Instant.parse("2024-03-01T12:00:00.500Z")}, and {@code InstantText.format(instant)} equals {@code
 * instant.toString()}.
 *
 * <p>Text of that shape is read digit by digit. {@link Instant#parse} costs about a microsecond a
 * call once compiled and several before, and every stored event, price and checkpoint line has a
 * time: reading 650k stored prices spent up to three seconds of a fresh JVM parsing them
 * (docs/BENCHMARKS.md §4 and §20). Anything else (another shape, an impossible date) goes to {@link
 * Instant#parse}, which accepts or refuses it as before, with its own message. Writing is digit by
 * digit too: {@link Instant#toString()} goes through a formatter at some 300 ns a call before the
 * optimising compiler, and every imported row and every event writes its time at least twice (§27).
 */
public final class InstantText {

  private static final long SECONDS_PER_DAY = 86_400;

  /** Days in a 400-year cycle of the Gregorian calendar. */
  private static final long DAYS_PER_CYCLE = 146_097;

  /** Days from 0000-01-01 to 1970-01-01. */
  private static final long DAYS_0000_TO_1970 = DAYS_PER_CYCLE * 5 - (30 * 365 + 7);

  private static final int[] NANOS_PER_DIGIT = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  /** The first and last second whose year has four digits, which {@link #format} writes itself. */
  private static final long FIRST_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();

  private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  private InstantText() {}

  /**
   * The text {@link Instant#toString()} writes: the fraction in groups of three digits, none when
   * it is zero. Years outside 0000–9999 go to {@code toString()} itself.
   */
  public static String format(Instant at) {
    long second = at.getEpochSecond();
    if (second < FIRST_SECOND || second > LAST_SECOND) {
      return at.toString();
    }
    int nano = at.getNano();
    int fractionDigits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
    return text(second, nano, fractionDigits);
  }

  /**
   * The text of fixed width the store keeps times in, {@code 2024-03-01T12:00:00.500000000Z}:
   * always nine fraction digits, so that text order is time order.
   *
   * @throws IllegalArgumentException if the year is outside 0000–9999
   */
  public static String fixedWidth(Instant at) {
    long second = at.getEpochSecond();
    if (second < FIRST_SECOND || second > LAST_SECOND) {
      throw new IllegalArgumentException("Not a year of four digits: " + at);
    }
    return text(second, at.getNano(), 9);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss}, then a point and the nanos' first digits when any, then Z; the
   * date found as {@link LocalDate#ofEpochDay} finds it, without making a date or a time.
   */
  private static String text(long second, int nano, int fractionDigits) {
    long epochDay = Math.floorDiv(second, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(second, SECONDS_PER_DAY);
    // Days since 0000-03-01, so that a leap day ends its year; whole 400-year cycles before it
    // moved into adjust (LocalDate.ofEpochDay's own steps).
    long zeroDay = epochDay + DAYS_0000_TO_1970 - 60;
    long adjust = 0;
    if (zeroDay < 0) {
      long adjustCycles = (zeroDay + 1) / DAYS_PER_CYCLE - 1;
      adjust = adjustCycles * 400;
      zeroDay += -adjustCycles * DAYS_PER_CYCLE;
    }
    long year = (400 * zeroDay + 591) / DAYS_PER_CYCLE;
    long dayOfYear = zeroDay - (365 * year + year / 4 - year / 100 + year / 400);
    if (dayOfYear < 0) {
      year--;
      dayOfYear = zeroDay - (365 * year + year / 4 - year / 100 + year / 400);
    }
    year += adjust;
    int marchMonth = ((int) dayOfYear * 5 + 2) / 153;
    int month = (marchMonth + 2) % 12 + 1;
    int day = (int) dayOfYear - (marchMonth * 306 + 5) / 10 + 1;
    year += marchMonth / 10;

    byte[] text = new byte[fractionDigits == 0 ? 20 : 21 + fractionDigits];
    write(text, 0, 4, (int) year);
    text[4] = '-';
    write(text, 5, 2, month);
    text[7] = '-';
    write(text, 8, 2, day);
    text[10] = 'T';
    write(text, 11, 2, secondOfDay / 3_600);
    text[13] = ':';
    write(text, 14, 2, secondOfDay / 60 % 60);
    text[16] = ':';
    write(text, 17, 2, secondOfDay % 60);
    if (fractionDigits > 0) {
      text[19] = '.';
      write(text, 20, fractionDigits, nano / NANOS_PER_DIGIT[fractionDigits - 1]);
    }
    text[text.length - 1] = 'Z';
    return new String(text, StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code value} as {@code width} ASCII digits, zero-padded, at {@code from}. */
  private static void write(byte[] text, int from, int width, int value) {
    int rest = value;
    for (int i = from + width - 1; i >= from; i--) {
      text[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
  }

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
