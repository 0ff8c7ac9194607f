package io.tally.server.contract;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/**
 * One answer of a {@link ContractSubject}: the HTTP status it is (or would be) served with and its
 * JSON body, the answer itself or a problem document whose {@code detail} says what was wrong.
 *
 * <p>Example: {@code Answer[status=404, body={"detail":"No position in DOGEEUR: ..."}]}. Immutable.
 */
record Answer(int status, JsonNode body) {

  Answer {
    requireNonNull(body, "body");
  }

  /** The body of a successful (2xx) answer; a failed one fails the test, showing its body. */
  JsonNode ok() {
    assertThat(status).as("status of %s", body).isBetween(200, 299);
    return body;
  }

  /** The {@code detail} of a problem answer. */
  String detail() {
    assertThat(body.has("detail")).as("a problem: %s", body).isTrue();
    return body.get("detail").asString();
  }
}
