package io.tally.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A risk event as the store keeps it: when it was raised, its type as the engine names it, and the
 * engine's JSON text of the whole event. The store gives the type no meaning and neither parses nor
 * checks the body; both come back character for character.
 *
 * <p>Example: {@code new StoredRiskEvent(Instant.parse("2026-12-03T22:00:00Z"), "MARGIN_CALL",
 * "{\"type\":\"MARGIN_CALL\",\"level\":\"195.0000\"}")}, saved with {@link
 * PortfolioStore#saveRiskEvent}. Several events may share a time. Immutable.
 *
 * @param at when the event was raised; it must lie in the years 0000 to 9999
 * @param type upper-case letters and underscores, such as {@code MARGIN_CALL}
 * @param body the event as JSON text made by the engine, not blank; on PostgreSQL it cannot hold
 *     the NUL character (JSON escapes it)
 */
public record StoredRiskEvent(Instant at, String type, String body) {

  private static final Pattern TYPE = Pattern.compile("[A-Z_]+");

  public StoredRiskEvent {
    StoredInstant.requireStorable(at, "at");
    requireType(type);
    requireNonNull(body, "body");
    if (body.isBlank()) {
      throw new IllegalArgumentException("body must not be blank");
    }
  }

  /** {@code type}, or an exception saying what a type must be. */
  static String requireType(String type) {
    requireNonNull(type, "type");
    if (!TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          "type must be upper-case letters and underscores, such as MARGIN_CALL, not '"
              + type
              + "'");
    }
    return type;
  }
}
