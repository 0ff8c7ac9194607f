package io.tally.engine.config;

/**
 * A configuration file Tally cannot use, with the key path and the reason: {@code tally.yaml:
 * portfolio.cost_basis_method: expected wac or fifo, got 'lifo'}. Thrown at start, before anything
 * runs.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ConfigException(String message) {
    super(message);
  }

  ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
