package io.tally.server;

import static java.util.Objects.requireNonNull;

import io.tally.engine.paper.OrderRequest;
import io.tally.engine.paper.OrderType;
import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/paper/orders}: {@code {"pair": "XBT/USD", "side": "buy", "type":
 * "limit", "volume": "0.1", "price": "60000", "leverage": 2, "client_order_id": "b-17", "strategy":
 * "grid"}}. {@code type} defaults to {@code market}, {@code leverage} to 1; decimals may be strings
 * or JSON numbers; the pair may be {@code BASE/QUOTE} or Kraken's one-word name ({@code XBTUSD}),
 * with Kraken's aliases ({@code BTC/USD}). A bad body is a {@link BadRequestException} naming the
 * field, and nothing is placed.
 *
 * <p>Example: {@code PaperOrderBody.parse(body, Asset.USD)}. Stateless.
 */
final class PaperOrderBody {

  private static final Set<String> FIELDS =
      Set.of("pair", "side", "type", "volume", "price", "leverage", "client_order_id", "strategy");

  private PaperOrderBody() {}

  /** The order {@code body} asks for, on an account whose money is {@code collateral}. */
  static OrderRequest parse(String body, Asset collateral) {
    requireNonNull(collateral, "collateral");
    JsonNode tree = JsonBody.object(body, "with pair, side and volume");
    for (String field : tree.propertyNames()) {
      if (!FIELDS.contains(field)) {
        throw new BadRequestException(
            field,
            "is not a field of an order ("
                + String.join(", ", FIELDS.stream().sorted().toList())
                + ")");
      }
    }
    Pair pair =
        JsonBody.pair(
            JsonBody.text(tree, "pair").orElseThrow(() -> missing("pair", "such as \"XBT/USD\"")),
            collateral);
    Side side =
        JsonBody.side(
            JsonBody.text(tree, "side").orElseThrow(() -> missing("side", "buy or sell")));
    OrderType type = type(JsonBody.text(tree, "type").orElse("market"));
    BigDecimal volume =
        JsonBody.decimal(tree, "volume").orElseThrow(() -> missing("volume", "a positive decimal"));
    Optional<BigDecimal> price = JsonBody.decimal(tree, "price");
    int leverage = leverage(tree);
    try {
      return new OrderRequest(
          pair,
          side,
          type,
          volume,
          price,
          leverage,
          JsonBody.text(tree, "client_order_id"),
          JsonBody.text(tree, "strategy"));
    } catch (IllegalArgumentException e) {
      throw named(e);
    }
  }

  /**
   * The account's refusal of a request as a bad request naming the field its message starts with
   * (the paper engine's messages do: {@code leverage must be between 1 and 125 …}).
   */
  static BadRequestException named(IllegalArgumentException e) {
    String message = e.getMessage();
    int space = message.indexOf(' ');
    String first = space < 0 ? message : message.substring(0, space);
    String field = FIELDS.contains(first) ? first : "body";
    return new BadRequestException(
        field, field.equals("body") ? message : message.substring(space + 1));
  }

  private static BadRequestException missing(String field, String what) {
    return new BadRequestException(field, "is required: " + what);
  }

  private static int leverage(JsonNode tree) {
    JsonNode value = tree.get("leverage");
    if (value == null || value.isNull()) {
      return 1;
    }
    if (!(value.isIntegralNumber() || value.isString())) {
      throw new BadRequestException("leverage", "must be a whole number from 1, such as 2");
    }
    try {
      return Integer.parseInt(value.asString().strip());
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          "leverage", "must be a whole number from 1, such as 2, got '" + value.asString() + "'");
    }
  }

  private static OrderType type(String text) {
    try {
      return OrderType.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("type", e.getMessage());
    }
  }
}
