package io.tally.kraken;

import java.io.IOException;
import java.util.List;

/**
 * The one exception type of the Kraken adapter: bad input data or I/O trouble, with a message that
 * says exactly where. For bad input it names the file, the 1-based line and the field.
 *
 * <p>Example: {@code KrakenException.badField("ledgers.csv", 7, "amount", "not a decimal number:
 * '12,5'")} has the message {@code ledgers.csv line 7, field 'amount': not a decimal number:
 * '12,5'}.
 *
 * <p>Failures of the REST API also carry Kraken's error strings ({@link #errors()}, such as {@code
 * EAPI:Invalid nonce}) and whether trying again later may succeed ({@link #isRetryable()}): {@code
 * KrakenException.api("Ledgers", List.of("EGeneral:Permission denied"))} has the message {@code
 * Kraken Ledgers failed: EGeneral:Permission denied}. Immutable.
 */
public final class KrakenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Kraken's error strings, such as {@code EService:Unavailable}; empty for local failures. */
  private final List<String> errors;

  private final boolean retryable;

  private KrakenException(String message, Throwable cause) {
    this(message, cause, List.of(), false);
  }

  private KrakenException(String message, Throwable cause, List<String> errors, boolean retryable) {
    super(message, cause);
    this.errors = List.copyOf(errors);
    this.retryable = retryable;
  }

  /** A field of one row that cannot be used: {@code <file> line <n>, field '<field>': <reason>}. */
  public static KrakenException badField(String file, int line, String field, String reason) {
    return new KrakenException(file + " line " + line + ", field '" + field + "': " + reason, null);
  }

  /** A line that cannot be used as a whole: {@code <file> line <n>: <reason>}. */
  public static KrakenException badLine(String file, int line, String reason) {
    return new KrakenException(file + " line " + line + ": " + reason, null);
  }

  /** A file that cannot be used as a whole: {@code <file>: <reason>}. */
  public static KrakenException badFile(String file, String reason) {
    return new KrakenException(file + ": " + reason, null);
  }

  /** A file that could not be read: {@code <file>: cannot read: <cause>}. */
  public static KrakenException unreadable(String file, IOException cause) {
    return new KrakenException(file + ": cannot read: " + cause, cause);
  }

  /** A file that could not be written: {@code <file>: cannot write: <cause>}. */
  public static KrakenException unwritable(String file, IOException cause) {
    return new KrakenException(file + ": cannot write: " + cause, cause);
  }

  /**
   * Kraken answered a call with errors and no trying again will help: {@code Kraken <method>
   * failed: <errors>}.
   */
  public static KrakenException api(String method, List<String> errors) {
    return api(method, errors, "", false);
  }

  /**
   * Kraken answered a call with errors: {@code Kraken <method> failed: <errors>[ (<advice>)]}.
   *
   * @param advice what to do about it, such as {@code check the API key and secret}; may be empty
   * @param retryable whether the same call may succeed when tried again
   */
  public static KrakenException api(
      String method, List<String> errors, String advice, boolean retryable) {
    String message =
        "Kraken "
            + method
            + " failed: "
            + String.join(", ", errors)
            + (advice.isEmpty() ? "" : " (" + advice + ")");
    return new KrakenException(message, null, errors, retryable);
  }

  /**
   * A call that did not get a usable answer (connection refused, timeout, HTTP 5xx, a body that is
   * not JSON): {@code Kraken <method>: <reason>}.
   */
  public static KrakenException transport(
      String method, String reason, boolean retryable, Throwable cause) {
    return new KrakenException("Kraken " + method + ": " + reason, cause, List.of(), retryable);
  }

  /**
   * An answer in the expected envelope whose content cannot be used: {@code Kraken <method>: bad
   * response: <reason>}. Not retryable: the same answer would come again.
   */
  public static KrakenException badResponse(String method, String reason, Throwable cause) {
    return new KrakenException(
        "Kraken " + method + ": bad response: " + reason, cause, List.of(), false);
  }

  /**
   * A retryable failure that kept happening: {@code Kraken <method>: gave up after <n> attempts:
   * <last message>}. Keeps the last failure's errors and stays retryable (later, not now).
   */
  public static KrakenException gaveUp(String method, int attempts, KrakenException last) {
    return new KrakenException(
        "Kraken " + method + ": gave up after " + attempts + " attempts: " + last.getMessage(),
        last,
        last.errors,
        true);
  }

  /**
   * A history that kept changing while it was paged: {@code Kraken <method>: <reason>}. Retryable
   * later; nothing was skipped or counted twice.
   */
  public static KrakenException unstable(String method, String reason) {
    return new KrakenException("Kraken " + method + ": " + reason, null, List.of(), true);
  }

  /** A configuration value that cannot be used; the message must not contain secrets. */
  public static KrakenException badConfiguration(String reason) {
    return new KrakenException(reason, null, List.of(), false);
  }

  /** The thread was interrupted while waiting for Kraken: {@code Kraken <what>: interrupted}. */
  public static KrakenException interrupted(String what, InterruptedException cause) {
    return new KrakenException("Kraken " + what + ": interrupted", cause, List.of(), false);
  }

  /** Kraken's error strings, such as {@code EAPI:Invalid nonce}; empty for local failures. */
  public List<String> errors() {
    return errors;
  }

  /** Whether the same call may succeed if tried again (now with backoff, or later). */
  public boolean isRetryable() {
    return retryable;
  }
}
