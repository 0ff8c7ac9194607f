package io.tally.server;

import java.math.BigDecimal;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of a POST, read field by field: each bad field a {@link BadRequestException} naming
 * it. Decimals may be strings (as the API writes them) or JSON numbers, read exactly either way.
 *
 * <p>Example: {@code JsonNode tree = JsonBody.object(ctx.body(), "{\"asset\", \"amount\"}");
 * JsonBody.decimal(tree, "amount")}. Stateless.
 */
final class JsonBody {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonBody() {}

  /**
   * The body as a JSON object ({@code {}} when empty).
   *
   * @param shape what the object should hold, for the message when it is not one
   */
  static JsonNode object(String body, String shape) {
    JsonNode tree;
    try {
      tree = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (JacksonException e) {
      throw new BadRequestException("body", "is not JSON: " + e.getOriginalMessage());
    }
    if (!tree.isObject()) {
      throw new BadRequestException("body", "must be a JSON object " + shape);
    }
    return tree;
  }

  /** The decimal in {@code field}, if given (a string or a number). */
  static Optional<BigDecimal> decimal(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!(value.isString() || value.isNumber())) {
      throw new BadRequestException(field, "must be a decimal, such as \"0.1\"");
    }
    try {
      return Optional.of(new BigDecimal(value.asString().strip()));
    } catch (NumberFormatException e) {
      throw new BadRequestException(field, "is not a decimal number: '" + value.asString() + "'");
    }
  }
}
