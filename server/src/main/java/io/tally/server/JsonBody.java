package io.tally.server;

import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Pair;
import io.tally.money.PairName;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of a POST, read field by field: each bad field a {@link BadRequestException} naming
 * it. Decimals may be strings (as the API writes them) or JSON numbers, read exactly either way.
 *
 * <p>Example: {@code JsonNode tree = JsonBody.object(RequestBody.text(ctx), "{\"asset\",
 * \"amount\"}"); JsonBody.decimal(tree, "amount")}. Stateless.
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

  /** The non-empty string in {@code field}, if given. */
  static Optional<String> text(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString() || value.asString().isBlank()) {
      throw new BadRequestException(field, "must be a non-empty string");
    }
    return Optional.of(value.asString().strip());
  }

  /** {@code buy} or {@code sell}, any case. */
  static Side side(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "buy" -> Side.BUY;
      case "sell" -> Side.SELL;
      default -> throw new BadRequestException("side", "must be buy or sell, got '" + text + "'");
    };
  }

  /** {@code BASE/QUOTE}, or a one-word name ending in the collateral, in canonical assets. */
  static Pair pair(String text, Asset collateral) {
    String upper = text.toUpperCase(Locale.ROOT);
    if (upper.indexOf('/') >= 0) {
      return PairName.of(text).slashed().orElseThrow(() -> badPair(text, collateral));
    }
    for (String quote : List.of("Z" + collateral.code(), collateral.code())) {
      if (upper.length() > quote.length() && upper.endsWith(quote)) {
        try {
          return new Pair(
              AssetSymbol.canonical(upper.substring(0, upper.length() - quote.length())),
              collateral);
        } catch (IllegalArgumentException e) {
          // Another split may be the one.
        }
      }
    }
    throw badPair(text, collateral);
  }

  private static BadRequestException badPair(String text, Asset collateral) {
    return new BadRequestException(
        "pair",
        "must be BASE/QUOTE such as \"XBT/"
            + collateral.code()
            + "\", or a name ending in "
            + collateral.code()
            + ", got '"
            + text
            + "'");
  }
}
