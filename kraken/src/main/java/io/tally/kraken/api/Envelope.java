package io.tally.kraken.api;

import io.tally.kraken.KrakenException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kraken's answer envelope {@code {"error":[...],"result":...}} (kraken-api.md §1, §4.1): opens an
 * HTTP answer and returns its {@code result}, or throws a {@link KrakenException} that says whether
 * trying again may help. Kraken reports its own errors with HTTP 200; anything else is the edge's
 * trouble (Cloudflare 520/525, 429, 5xx) and counts as a transport failure, as do bodies that are
 * not the envelope (HTML pages, truncated JSON). {@code W} warnings are logged, not failures.
 *
 * <p>Example: {@code Envelope.result("Balance", 200, "{\"error\":[]}")} is an empty object (an
 * account that never held funds gets no {@code result}). Thread-safe.
 */
final class Envelope {

  private static final Logger log = LoggerFactory.getLogger(Envelope.class);

  /**
   * Floats become exact {@code BigDecimal}s ({@code 1756935121.565366} keeps its microseconds) and
   * keep their digits as written.
   */
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private Envelope() {}

  /**
   * The {@code result} of an answer, an empty object when there is none.
   *
   * @throws KrakenException for HTTP errors, bodies that are not the envelope, and {@code E}
   *     errors; never quotes the body
   */
  static JsonNode result(String method, int status, String body) {
    if (status != 200) {
      boolean retryable = status >= 500 || status == 429 || status == 408;
      throw KrakenException.transport(
          method, "HTTP " + status + " with " + describe(body), retryable, null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw KrakenException.transport(
          method, "malformed JSON: " + describe(body), true, withoutContent(e));
    }
    if (root == null || !root.isObject()) {
      throw KrakenException.transport(method, "not a JSON object: " + describe(body), true, null);
    }
    JsonNode error = root.get("error");
    if (error == null || !error.isArray()) {
      throw KrakenException.transport(
          method, "answer without an 'error' array: " + describe(body), true, null);
    }
    List<String> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (JsonNode entry : error) {
      String text = entry.isString() ? entry.stringValue() : entry.toString();
      (text.startsWith("W") ? warnings : errors).add(text);
    }
    if (!errors.isEmpty()) {
      Recovery recovery = Recovery.of(errors);
      throw KrakenException.api(method, errors, recovery.advice(), recovery.retryable());
    }
    if (!warnings.isEmpty()) {
      log.warn("Kraken {} answered with warnings: {}", method, warnings);
    }
    JsonNode result = root.get("result");
    if (result == null || result.isNull() || result.isMissingNode()) {
      return MAPPER.createObjectNode();
    }
    return result;
  }

  /** What a body looks like, for messages: its kind and length, never its content. */
  private static String describe(String body) {
    String start = body.stripLeading();
    if (start.isEmpty()) {
      return "an empty body";
    }
    String kind = start.startsWith("<") ? "an HTML or XML body" : "a body";
    return kind + " of " + body.length() + " characters";
  }

  /** Jackson's messages quote the offending text; keep only the location. */
  private static Exception withoutContent(JacksonException e) {
    return new IllegalArgumentException(
        "JSON parse error at "
            + (e.getLocation() == null ? "?" : e.getLocation().offsetDescription()));
  }
}
