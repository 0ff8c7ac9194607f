package io.tally.sim;

import static java.util.Objects.requireNonNull;

/**
 * A request the simulated API refuses with one of Kraken's error strings, such as {@code
 * EGeneral:Invalid arguments}; the HTTP layer answers it with status 200 and {@code
 * {"error":[error]}}.
 *
 * <p>Example: {@code throw ApiException.invalidArguments("ofs is not a number: 'x'")}. Immutable.
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  static final String INVALID_ARGUMENTS = "EGeneral:Invalid arguments";

  private final String error;

  ApiException(String error, String detail) {
    super(requireNonNull(error, "error") + " (" + requireNonNull(detail, "detail") + ")");
    this.error = error;
  }

  static ApiException invalidArguments(String detail) {
    return new ApiException(INVALID_ARGUMENTS, detail);
  }

  /** Kraken's error string. */
  String error() {
    return error;
  }
}
