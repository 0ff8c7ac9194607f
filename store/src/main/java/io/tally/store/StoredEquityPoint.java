package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One sample of the equity series: the account's values in the base currency at {@code at}, as
 * decimal text. The store does no arithmetic: the values come back character for character, so
 * {@code 12345.123456789012345678} stays exactly that, and {@code 1.50} keeps its zero.
 *
 * <p>Example: {@code new StoredEquityPoint(Instant.parse("2024-03-01T12:00:00Z"),
 * "12345.123456789012345678", "2000.50", "10000", "-12.3")}, appended with {@link
 * PortfolioStore#appendEquityPoint}. The series has at most one point per time.
 *
 * <p>Each value must be decimal text as {@link BigDecimal#BigDecimal(String)} reads it, such as
 * {@code -0.5}, {@code 42} or {@code 1E+3}; anything else is an {@link IllegalArgumentException}.
 * What the values mean is the engine's to define. Immutable.
 *
 * @param at the time of the sample; it must lie in the years 0000 to 9999
 * @param equity the account's equity
 * @param cash the cash part of it
 * @param flows the external flows (deposits, withdrawals) as the engine counts them
 * @param botPnl the bots' profit or loss as the engine counts it
 */
public record StoredEquityPoint(
    Instant at, String equity, String cash, String flows, String botPnl) {

  public StoredEquityPoint {
    StoredInstant.requireStorable(at, "at");
    requireDecimal(equity, "equity");
    requireDecimal(cash, "cash");
    requireDecimal(flows, "flows");
    requireDecimal(botPnl, "botPnl");
  }

  private static void requireDecimal(String value, String name) {
    requireNonNull(value, name);
    try {
      BigDecimal unused = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be decimal text, such as -12.50, not '" + value + "'", e);
    }
  }
}
