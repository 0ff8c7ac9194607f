package io.tally.server;

/**
 * A request the API cannot answer because of one of its parameters; answered with status 400 and a
 * problem document naming the parameter.
 *
 * <p>Example: {@code new BadRequestException("limit", "must be a whole number from 1 to 1000, got
 * 'ten'")}.
 */
final class BadRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  BadRequestException(String parameter, String reason) {
    super("parameter '" + parameter + "' " + reason);
    this.parameter = parameter;
  }

  /** The parameter at fault. */
  String parameter() {
    return parameter;
  }
}
