package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One fault the simulator injects into one response (see {@link Faults}).
 *
 * <p>Example: {@code new Fault(Fault.Kind.HTTP_ERROR, 520, Duration.ZERO, 0, Duration.ZERO)}.
 * Immutable.
 *
 * @param kind what goes wrong
 * @param status the HTTP status of an {@link Kind#HTTP_ERROR}
 * @param delay how long a {@link Kind#DELAY} waits before answering
 * @param rows how many rows a {@link Kind#SHORT_PAGE} holds at most
 * @param step how far a {@link Kind#NEW_ROWS_AFTER} moves the account's clock on
 */
record Fault(Kind kind, int status, Duration delay, int rows, Duration step) {

  /** What goes wrong. */
  enum Kind {
    /** An HTTP error status with an HTML body, before the request reaches the API. */
    HTTP_ERROR,
    /** {@code EService:Unavailable}, before the request is processed. */
    SERVICE_UNAVAILABLE,
    /** {@code EService:Busy}, before the request is processed. */
    SERVICE_BUSY,
    /** The answer comes late (the request is then processed normally). */
    DELAY,
    /** The request is processed but the body is cut in half. */
    MALFORMED_JSON,
    /** The request is processed but the answer is {@code {"error":[]}} without {@code result}. */
    WITHOUT_RESULT,
    /** A paged answer holds fewer rows than a full page although more exist. */
    SHORT_PAGE,
    /** The request is answered, then new rows are booked (the account advances by the step). */
    NEW_ROWS_AFTER
  }

  Fault {
    requireNonNull(kind, "kind");
    requireNonNull(delay, "delay");
    requireNonNull(step, "step");
  }
}
