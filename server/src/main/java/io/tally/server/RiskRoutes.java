package io.tally.server;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.tally.engine.config.KrakenRegion;
import io.tally.engine.risk.RiskService;
import io.tally.ledger.Side;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.risk.ProposedOrder;
import io.tally.risk.SizeRequest;
import io.tally.risk.TradingState;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The risk endpoints: {@code GET /api/v1/risk} (limits and their use, trading state, drawdown,
 * groups, concentration, classes), {@code POST /risk/check} (a pre-trade check), {@code POST
 * /risk/size} (a size from a stop) and {@code POST /risk/state} (the trading state set by hand). A
 * bad field is a 400 naming it; a margin order (leverage above 1) in a region without margin is a
 * 409.
 *
 * <p>Example: {@code curl -X POST localhost:8080/api/v1/risk/check -d
 * '{"pair":"XBT/USD","side":"buy","volume":"0.1"}'} answers {@code {"passed": true, ...}} ({@link
 * RiskJson}). Thread-safe: the risk service is.
 */
final class RiskRoutes {

  private static final Set<String> CHECK_FIELDS =
      Set.of(
          "pair",
          "side",
          "volume",
          "price",
          "order_type",
          "leverage",
          "stop_loss",
          "strategy",
          "client_order_id",
          "reserve");
  private static final Set<String> SIZE_FIELDS =
      Set.of("pair", "side", "entry", "stop", "risk_pct", "leverage", "strategy");
  private static final Set<String> STATE_FIELDS = Set.of("state", "reason");

  private final RiskService risk;
  private final Asset base;
  private final KrakenRegion region;

  RiskRoutes(RiskService risk, Asset base, KrakenRegion region) {
    this.risk = requireNonNull(risk, "risk");
    this.base = requireNonNull(base, "base");
    this.region = requireNonNull(region, "region");
  }

  /** {@code GET /risk}. */
  void status(Context ctx) {
    TallyServer.json(ctx, RiskJson.status(risk.status()));
  }

  /** {@code POST /risk/check}. */
  void check(Context ctx) {
    JsonNode tree = body(ctx, CHECK_FIELDS, "with pair, side and volume");
    Pair pair = pair(tree);
    Side side = side(tree);
    BigDecimal volume = required(tree, "volume");
    BigDecimal leverage = JsonBody.decimal(tree, "leverage").orElse(BigDecimal.ONE);
    refuseMarginWhereNone(leverage);
    ProposedOrder order;
    try {
      order =
          new ProposedOrder(
              pair,
              side,
              volume,
              JsonBody.decimal(tree, "price"),
              JsonBody.text(tree, "order_type").orElse("limit"),
              leverage,
              JsonBody.decimal(tree, "stop_loss"),
              JsonBody.text(tree, "strategy"),
              JsonBody.text(tree, "client_order_id"),
              bool(tree, "reserve"));
    } catch (IllegalArgumentException e) {
      throw named(e, CHECK_FIELDS);
    }
    if (order.reserve() && order.clientOrderId().isEmpty()) {
      throw new BadRequestException(
          "client_order_id", "is required with reserve: the reservation ends when it appears");
    }
    try {
      TallyServer.json(ctx, RiskJson.check(risk.preTradeCheck(order)));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("stop_loss", e.getMessage());
    }
  }

  /** {@code POST /risk/size}. */
  void size(Context ctx) {
    JsonNode tree = body(ctx, SIZE_FIELDS, "with pair, side, entry, stop and risk_pct");
    BigDecimal leverage = JsonBody.decimal(tree, "leverage").orElse(BigDecimal.ONE);
    refuseMarginWhereNone(leverage);
    SizeRequest request;
    try {
      request =
          new SizeRequest(
              pair(tree),
              side(tree),
              required(tree, "entry"),
              required(tree, "stop"),
              required(tree, "risk_pct"),
              leverage,
              JsonBody.text(tree, "strategy"));
    } catch (IllegalArgumentException e) {
      throw named(e, SIZE_FIELDS);
    }
    TallyServer.json(ctx, RiskJson.size(risk.size(request)));
  }

  /** {@code POST /risk/state}. */
  void state(Context ctx) {
    JsonNode tree = body(ctx, STATE_FIELDS, "with state and reason");
    String text =
        JsonBody.text(tree, "state")
            .orElseThrow(
                () -> new BadRequestException("state", "is required: ACTIVE, REDUCING or HALTED"));
    TradingState state;
    try {
      state = TradingState.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "state", "must be ACTIVE, REDUCING or HALTED, got '" + text + "'");
    }
    String reason =
        JsonBody.text(tree, "reason")
            .orElseThrow(() -> new BadRequestException("reason", "is required: say why"));
    TallyServer.json(ctx, RiskJson.trading(risk.setTradingState(state, reason)));
  }

  private static JsonNode body(Context ctx, Set<String> fields, String shape) {
    JsonNode tree = JsonBody.object(RequestBody.text(ctx), shape);
    for (String field : tree.propertyNames()) {
      if (!fields.contains(field)) {
        throw new BadRequestException(
            field,
            "is not a field here (" + String.join(", ", fields.stream().sorted().toList()) + ")");
      }
    }
    return tree;
  }

  private Pair pair(JsonNode tree) {
    return JsonBody.pair(
        JsonBody.text(tree, "pair")
            .orElseThrow(() -> new BadRequestException("pair", "is required: such as \"XBT/USD\"")),
        base);
  }

  private static Side side(JsonNode tree) {
    return JsonBody.side(
        JsonBody.text(tree, "side")
            .orElseThrow(() -> new BadRequestException("side", "is required: buy or sell")));
  }

  private static BigDecimal required(JsonNode tree, String field) {
    return JsonBody.decimal(tree, field)
        .orElseThrow(() -> new BadRequestException(field, "is required: a positive decimal"));
  }

  private static boolean bool(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new BadRequestException(field, "must be true or false");
    }
    return value.asBoolean();
  }

  private void refuseMarginWhereNone(BigDecimal leverage) {
    if (leverage.compareTo(BigDecimal.ONE) > 0) {
      region.refuseMargin("A " + leverage.stripTrailingZeros().toPlainString() + "x order");
    }
  }

  /** The core's refusal as a bad request naming the field its message starts with. */
  private static BadRequestException named(IllegalArgumentException e, Set<String> fields) {
    String message = e.getMessage();
    int space = message.indexOf(' ');
    String first = space < 0 ? message : message.substring(0, space);
    if (fields.contains(first)) {
      return new BadRequestException(first, message.substring(space + 1));
    }
    if (first.equals("stop")) {
      return new BadRequestException(fields.contains("stop") ? "stop" : "stop_loss", message);
    }
    return new BadRequestException("body", message);
  }
}
