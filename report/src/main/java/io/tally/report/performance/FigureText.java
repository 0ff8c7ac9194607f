package io.tally.report.performance;

import io.tally.metrics.Metric;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * How a report shows a number to a person, in one place, so the PDF (and any text) prints exactly
 * what the JSON holds: a fraction as a percentage with two decimals ({@code 0.123456} → {@code
 * 12.35%}), a ratio with two decimals ({@code 1.8} → {@code 1.80}), money with two decimals
 * HALF_EVEN and thousands separated by commas ({@code 12345.675} → {@code 12,345.68}), and a figure
 * that cannot be computed as {@code n/a}. Plain ASCII only (a hyphen for minus), so the standard 14
 * PDF fonts can draw it.
 *
 * <p>A test that reads a number back from the JSON formats it with the same method: {@code
 * FigureText.percent((Double) returns.get("twr"))} is what the PDF shows for the TWR. Stateless.
 */
public final class FigureText {

  /** What a figure that cannot be computed shows. */
  public static final String NOT_AVAILABLE = "n/a";

  private FigureText() {}

  /** A fraction as a percentage with two decimals: {@code 0.0412} → {@code 4.12%}. */
  public static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
  }

  /** {@link #percent(double)}, or {@code n/a} when the figure is absent. */
  public static String percent(Metric<? extends Number> fraction) {
    return fraction.value().map(value -> percent(value.doubleValue())).orElse(NOT_AVAILABLE);
  }

  /** A ratio with two decimals: {@code 1.8} → {@code 1.80}. */
  public static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** {@link #ratio(double)}, or {@code n/a} when the figure is absent. */
  public static String ratio(Metric<? extends Number> value) {
    return value.value().map(number -> ratio(number.doubleValue())).orElse(NOT_AVAILABLE);
  }

  /**
   * Money with two decimals (HALF_EVEN) and thousands separated: {@code -1234.565} → {@code
   * -1,234.56}.
   */
  public static String money(BigDecimal amount) {
    return String.format(Locale.ROOT, "%,.2f", amount.setScale(2, RoundingMode.HALF_EVEN));
  }

  /** {@link #money(BigDecimal)} of the decimal text a JSON document holds. */
  public static String money(String decimalText) {
    return money(new BigDecimal(decimalText));
  }

  /**
   * A statistic as plain decimal text with every digit the double holds, for CSV: {@code 1.0E-4} →
   * {@code 0.00010}, never an exponent.
   */
  public static String plain(double value) {
    return BigDecimal.valueOf(value).toPlainString();
  }
}
