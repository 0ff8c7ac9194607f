package io.tally.engine.service;

/**
 * Thrown by {@link PortfolioService#getPosition} for a pair the books have never traded.
 *
 * <p>Example: {@code getPosition("DOGEUSD")} on books without DOGE trades throws it with the
 * message {@code "No position in DOGEUSD: the books have no trades in that pair"}.
 */
public final class PositionNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String pair;

  public PositionNotFoundException(String pair) {
    super("No position in " + pair + ": the books have no trades in that pair");
    this.pair = pair;
  }

  /** The pair asked for, as given. */
  public String pair() {
    return pair;
  }
}
