package io.tally.kraken;

import java.io.IOException;

/**
 * The one exception type of the Kraken adapter: bad input data or I/O trouble, with a message that
 * says exactly where. For bad input it names the file, the 1-based line and the field.
 *
 * <p>Example: {@code KrakenException.badField("ledgers.csv", 7, "amount", "not a decimal number:
 * '12,5'")} has the message {@code ledgers.csv line 7, field 'amount': not a decimal number:
 * '12,5'}. Immutable.
 */
public final class KrakenException extends RuntimeException {

  private KrakenException(String message, Throwable cause) {
    super(message, cause);
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
}
