package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.OneWord;
import io.tally.money.Precision;
import java.math.BigDecimal;

/** The argument checks the paper package shares, each message naming the parameter and value. */
final class Checks {

  private Checks() {}

  /** {@code value}, or an exception "{@code name} must be positive, got {@code value}". */
  static BigDecimal positive(String name, BigDecimal value) {
    if (requireNonNull(value, name).signum() <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value.toPlainString());
    }
    return value;
  }

  /** {@code value}, or an exception "{@code name} must not be negative, got {@code value}". */
  static BigDecimal notNegative(String name, BigDecimal value) {
    if (requireNonNull(value, name).signum() < 0) {
      throw new IllegalArgumentException(
          name + " must not be negative, got " + value.toPlainString());
    }
    return value;
  }

  /** A positive quantity with at most {@value Precision#MAX_QUANTITY_SCALE} decimals, canonical. */
  static BigDecimal quantity(String name, BigDecimal value) {
    BigDecimal canonical = Precision.canonical(positive(name, value));
    if (canonical.scale() > Precision.MAX_QUANTITY_SCALE) {
      throw new IllegalArgumentException(
          name
              + " must have at most "
              + Precision.MAX_QUANTITY_SCALE
              + " decimals, got "
              + value.toPlainString());
    }
    return canonical;
  }

  /**
   * A label such as a client order id: 1 to 64 characters, none of them whitespace.
   *
   * @throws IllegalArgumentException "client_order_id must be 1 to 64 characters without spaces,
   *     got 'a b'"
   */
  static String label(String name, String value) {
    requireNonNull(value, name);
    if (!OneWord.isOneWord(value) || value.length() > 64) {
      throw new IllegalArgumentException(
          name + " must be 1 to 64 characters without spaces, got '" + value + "'");
    }
    return value;
  }
}
