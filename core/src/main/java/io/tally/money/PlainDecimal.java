package io.tally.money;

import java.math.BigDecimal;

/**
 * Decimals written plainly, as {@link BigDecimal#toPlainString()} and Kraken write them: an
 * optional minus, ASCII digits, and optionally a point and more digits ({@code -0.0063800000}).
 * {@link #parse} reads them to the same digits and scale as {@code new BigDecimal(text)}, but one
 * of at most 18 digits without making a character array and a second number first: every amount of
 * every stored event line is read this way, and {@code new BigDecimal(String)} was a tenth of the
 * bytes a replay from the store allocated (docs/BENCHMARKS.md §28).
 *
 * <p>Example: {@code PlainDecimal.parse("-0.0063800000")} equals {@code new
 * BigDecimal("-0.0063800000")}, scale 10 included; {@code PlainDecimal.isPlain("1e5")} is false.
 * Stateless.
 */
public final class PlainDecimal {

  /** Digits a long holds whatever they are: 10^18 - 1 fits, 10^19 - 1 does not. */
  private static final int LONG_DIGITS = 18;

  private PlainDecimal() {}

  /** Whether {@code text} is an optional minus, ASCII digits, and optionally a point and digits. */
  public static boolean isPlain(String text) {
    int at = text.startsWith("-") ? 1 : 0;
    int whole = digitsFrom(text, at);
    if (whole == 0) {
      return false;
    }
    at += whole;
    if (at == text.length()) {
      return true;
    }
    if (text.charAt(at) != '.') {
      return false;
    }
    int fraction = digitsFrom(text, at + 1);
    return fraction > 0 && at + 1 + fraction == text.length();
  }

  /**
   * The number {@code text} writes, as {@code new BigDecimal(text)} reads it; any text that is not
   * plain or has more than 18 digits goes to {@code new BigDecimal(text)} itself, which accepts or
   * refuses it with its own message.
   *
   * @throws NumberFormatException when {@code new BigDecimal(text)} would
   */
  public static BigDecimal parse(String text) {
    int length = text.length();
    boolean negative = length > 0 && text.charAt(0) == '-';
    int at = negative ? 1 : 0;
    long unscaled = 0;
    int digits = 0;
    int scale = 0;
    boolean point = false;
    for (; at < length; at++) {
      char c = text.charAt(at);
      if (c >= '0' && c <= '9') {
        unscaled = unscaled * 10 + (c - '0');
        digits++;
        if (point) {
          scale++;
        }
      } else if (c == '.' && !point && digits > 0) {
        point = true;
      } else {
        return new BigDecimal(text);
      }
    }
    if (digits == 0 || digits > LONG_DIGITS || (point && scale == 0)) {
      return new BigDecimal(text);
    }
    return BigDecimal.valueOf(negative ? -unscaled : unscaled, scale);
  }

  /** How many ASCII digits follow one another from {@code from}. */
  private static int digitsFrom(String text, int from) {
    int at = from;
    while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
      at++;
    }
    return at - from;
  }
}
