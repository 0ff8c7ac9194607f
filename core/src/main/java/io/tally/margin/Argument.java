package io.tally.margin;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/** The checks margin inputs share, each with a message naming the parameter and its value. */
final class Argument {

  private Argument() {}

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

  /** {@code value}, or an exception "{@code name} must not be zero". */
  static BigDecimal notZero(String name, BigDecimal value) {
    if (requireNonNull(value, name).signum() == 0) {
      throw new IllegalArgumentException(name + " must not be zero, got " + value.toPlainString());
    }
    return value;
  }
}
