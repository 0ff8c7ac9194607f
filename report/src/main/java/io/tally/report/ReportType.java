package io.tally.report;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reports {@code tally report --type} and {@code GET /api/v1/portfolio/reports/{type}} write,
 * each with the formats it comes in.
 *
 * <p>Example: {@code ReportType.parse("tax").check(OutputFormat.PDF)} throws {@code --type tax
 * comes as text, json or csv, not pdf}.
 */
public enum ReportType {
  /** Holdings, cost basis, PnL, fees and flows now: the books. */
  HOLDINGS(EnumSet.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV)),
  /** Returns, risk, drawdowns, months and strategies over a range of days. */
  PERFORMANCE(EnumSet.allOf(OutputFormat.class)),
  /** The performance report of one calendar month. */
  MONTHLY(EnumSet.allOf(OutputFormat.class)),
  /** The performance report of one calendar year. */
  ANNUAL(EnumSet.allOf(OutputFormat.class)),
  /** Realized gains: one row per disposal and lot, totals per year and term. */
  TAX(EnumSet.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV)),
  /** Rewards, staking and airdrops at their value when received, per asset and month. */
  INCOME(EnumSet.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV)),
  /** Every trade in a range and what it realized. */
  TRADES(EnumSet.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV)),
  /** The cash flows in a range: deposits, withdrawals, rewards, adjustments. */
  FLOWS(EnumSet.of(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV));

  private final Set<OutputFormat> formats;

  ReportType(Set<OutputFormat> formats) {
    this.formats = formats;
  }

  /** The lower-case name used on the command line and in the API's path. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this report lists rows of the books ({@code trades}, {@code flows}). */
  public boolean isListing() {
    return this == TRADES || this == FLOWS;
  }

  /** Whether this report is the performance report of some range. */
  public boolean isPerformance() {
    return this == PERFORMANCE || this == MONTHLY || this == ANNUAL;
  }

  /**
   * {@code format} when this report comes in it.
   *
   * @throws IllegalArgumentException naming the formats it does come in
   */
  public OutputFormat check(OutputFormat format) {
    if (!formats.contains(format)) {
      throw new IllegalArgumentException(
          "--type "
              + code()
              + " comes as "
              + formats.stream().map(OutputFormat::code).collect(Collectors.joining(", "))
              + ", not "
              + format.code());
    }
    return format;
  }

  /** Parses a report's code, case-insensitively. */
  public static ReportType parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown report type '"
              + text
              + "': expected holdings, performance, monthly, annual, tax, income, trades or flows",
          e);
    }
  }
}
