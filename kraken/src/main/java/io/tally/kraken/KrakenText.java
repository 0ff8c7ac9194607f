package io.tally.kraken;

import io.tally.money.PlainDecimal;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The one place where Kraken's text values become numbers and times. Both parsers throw {@link
 * IllegalArgumentException} with a reason that {@link RowFields} places into a {@link
 * KrakenException} naming file, line and field.
 *
 * <p>Example: {@code KrakenText.time("2021-02-07 01:54:53")} is {@code 2021-02-07T01:54:53Z}.
 * Stateless.
 */
final class KrakenText {

  /** The length of {@code YYYY-MM-DD HH:MM:SS}. */
  private static final int SECONDS_END = 19;

  private static final int[] NANOS_PER_DIGIT = {
    100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  private KrakenText() {}

  /**
   * A UTC time as Kraken exports write it ({@code 2017-11-12 19:04:13.6946}) or as ISO-8601 ({@code
   * 2017-11-12T19:04:13.6946Z}).
   */
  static Instant time(String text) {
    // Read character by character: a regular expression per time and per decimal took almost half
    // of reading a ledgers.csv (docs/BENCHMARKS.md §20).
    int end = text.length();
    if (end > SECONDS_END && text.charAt(end - 1) == 'Z') {
      end--;
    }
    int fractionDigits = end > SECONDS_END ? end - SECONDS_END - 1 : 0;
    boolean shaped =
        end >= SECONDS_END
            && number(text, 0, 4) >= 0
            && text.charAt(4) == '-'
            && number(text, 5, 7) >= 0
            && text.charAt(7) == '-'
            && number(text, 8, 10) >= 0
            && (text.charAt(10) == ' ' || text.charAt(10) == 'T')
            && number(text, 11, 13) >= 0
            && text.charAt(13) == ':'
            && number(text, 14, 16) >= 0
            && text.charAt(16) == ':'
            && number(text, 17, 19) >= 0
            && (end == SECONDS_END
                || (text.charAt(SECONDS_END) == '.'
                    && fractionDigits >= 1
                    && fractionDigits <= 9
                    && number(text, SECONDS_END + 1, end) >= 0));
    if (!shaped) {
      throw new IllegalArgumentException(
          "not a time (expected 'YYYY-MM-DD HH:MM:SS' with an optional fraction, UTC): '"
              + text
              + "'");
    }
    int nanos =
        fractionDigits == 0
            ? 0
            : number(text, SECONDS_END + 1, end) * NANOS_PER_DIGIT[fractionDigits - 1];
    try {
      return LocalDateTime.of(
              number(text, 0, 4),
              number(text, 5, 7),
              number(text, 8, 10),
              number(text, 11, 13),
              number(text, 14, 16),
              number(text, 17, 19),
              nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a valid date and time: '" + text + "'", e);
    }
  }

  /**
   * An exact decimal such as {@code -0.0063800000}: no thousands separator, no decimal comma, no
   * blanks. The value keeps the digits as written; callers decide on canonical forms.
   */
  static BigDecimal decimal(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("required value is empty");
    }
    if (!PlainDecimal.isPlain(text)) {
      throw new IllegalArgumentException("not a decimal number: '" + text + "'");
    }
    return PlainDecimal.parse(text);
  }

  /** The number the ASCII digits {@code text[from, to)} write, or -1 if one is not a digit. */
  private static int number(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char digit = text.charAt(i);
      if (digit < '0' || digit > '9') {
        return -1;
      }
      value = value * 10 + (digit - '0');
    }
    return value;
  }

  /**
   * Free text for a canonical {@code key=value} line: {@code %} and blanks are percent-escaped so
   * that every value is one word ({@code spot / main} becomes {@code spot%20/%20main}).
   */
  static String word(String text) {
    return text.replace("%", "%25").replace(" ", "%20").replace("\t", "%09");
  }
}
