package io.tally.kraken;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where Kraken's text values become numbers and times. Both parsers throw {@link
 * IllegalArgumentException} with a reason that {@link RowFields} places into a {@link
 * KrakenException} naming file, line and field.
 *
 * <p>Example: {@code KrakenText.time("2021-02-07 01:54:53")} is {@code 2021-02-07T01:54:53Z}.
 * Stateless.
 */
final class KrakenText {

  /**
   * {@code YYYY-MM-DD HH:MM:SS}, an optional fraction of 1 to 9 digits, {@code T} and {@code Z}.
   */
  private static final Pattern TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?Z?");

  /** A plain decimal: optional minus, digits, optional fraction. */
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(?:\\.\\d+)?");

  private KrakenText() {}

  /**
   * A UTC time as Kraken exports write it ({@code 2017-11-12 19:04:13.6946}) or as ISO-8601 ({@code
   * 2017-11-12T19:04:13.6946Z}).
   */
  static Instant time(String text) {
    Matcher match = TIME.matcher(text);
    if (!match.matches()) {
      throw new IllegalArgumentException(
          "not a time (expected 'YYYY-MM-DD HH:MM:SS' with an optional fraction, UTC): '"
              + text
              + "'");
    }
    String fraction = match.group(7) == null ? "" : match.group(7);
    int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    try {
      return LocalDateTime.of(
              Integer.parseInt(match.group(1)),
              Integer.parseInt(match.group(2)),
              Integer.parseInt(match.group(3)),
              Integer.parseInt(match.group(4)),
              Integer.parseInt(match.group(5)),
              Integer.parseInt(match.group(6)),
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
    if (!DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException("not a decimal number: '" + text + "'");
    }
    return new BigDecimal(text);
  }

  /**
   * Free text for a canonical {@code key=value} line: {@code %} and blanks are percent-escaped so
   * that every value is one word ({@code spot / main} becomes {@code spot%20/%20main}).
   */
  static String word(String text) {
    return text.replace("%", "%25").replace(" ", "%20").replace("\t", "%09");
  }
}
