package io.tally.sim;

import static java.util.Objects.requireNonNull;

/**
 * The simulated exchange refused an order; {@link #error()} is Kraken's error string, such as
 * {@code EOrder:Insufficient funds}.
 *
 * <p>Example: {@code new OrderRejectedException("EOrder:Unknown order", "no open order OABC…")}.
 * Immutable.
 */
public final class OrderRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String error;

  /** A rejection with Kraken's {@code error} string and a human {@code detail}. */
  public OrderRejectedException(String error, String detail) {
    super(requireNonNull(error, "error") + " (" + requireNonNull(detail, "detail") + ")");
    this.error = error;
  }

  /** Kraken's error string, such as {@code EOrder:Insufficient funds}. */
  public String error() {
    return error;
  }
}
