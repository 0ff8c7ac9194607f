package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

/**
 * Thrown when a paper account is asked for an order id it does not know (never placed, or finished
 * so long ago that it is no longer listed). The HTTP layer answers 404.
 *
 * <p>Example: {@code cancelOrder("demo-O99")} on an account with 3 orders throws it with the
 * message {@code "EOrder:Unknown order: demo-O99"}.
 */
public final class PaperOrderNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String orderId;

  public PaperOrderNotFoundException(String orderId) {
    super("EOrder:Unknown order: " + requireNonNull(orderId, "orderId"));
    this.orderId = orderId;
  }

  /** The id asked for, as given. */
  public String orderId() {
    return orderId;
  }
}
