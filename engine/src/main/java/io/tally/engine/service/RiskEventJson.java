package io.tally.engine.service;

import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.risk.DrawdownScope;
import io.tally.risk.LimitUsage;
import io.tally.risk.RiskEvent;
import io.tally.risk.RiskEventType;
import io.tally.risk.RiskPosition;
import io.tally.risk.RiskRule;
import io.tally.risk.StateChange;
import io.tally.risk.SuggestedAction;
import io.tally.risk.TradingState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of a {@link RiskEvent}: the tree {@code GET /risk/events} lists and {@code GET /events}
 * streams, which is also the text the store keeps, so a stored event is served as it was raised;
 * and reading it back. Money in the base currency as decimal strings, pairs as Kraken names with
 * their quote asset beside them.
 *
 * <p>Example: {@code {"type": "MARGIN_CRITICAL", "at": "2026-12-03T22:00:00Z", "level": "105.0000",
 * "equity_base": "3150.00000000", "positions": [{"pair": "XBTUSD", "quote_asset": "USD", "size":
 * "1", "unrealized_pnl_base": "-1850.00000000"}], "suggested_action": {"action": "reduce", "pair":
 * "XBTUSD", "quote_asset": "USD", "unrealized_pnl_base": "-1850.00000000"}}}. A drawdown event adds
 * {@code window} and {@code peak_base}; a trading state change {@code from}, {@code to}, {@code
 * reason} and {@code source}; a limit event {@code rule}, {@code subject}, {@code limit} and {@code
 * value}. Stateless.
 */
public final class RiskEventJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private RiskEventJson() {}

  /** The event as its JSON tree. */
  public static Map<String, Object> tree(RiskEvent event) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("type", event.type().name());
    doc.put("at", event.at().toString());
    doc.put("level", event.level().map(BigDecimal::toPlainString).orElse(null));
    doc.put("equity_base", ContractJson.text(event.equity()));
    List<Object> positions = new ArrayList<>();
    for (RiskPosition position : event.positions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("pair", position.pair().name());
      row.put("quote_asset", position.pair().quote().code());
      row.put("size", position.size().toPlainString());
      row.put("unrealized_pnl_base", ContractJson.text(position.unrealizedPnl()));
      positions.add(row);
    }
    doc.put("positions", positions);
    doc.put(
        "suggested_action",
        event
            .suggestedAction()
            .map(
                action -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("action", "reduce");
                  row.put("pair", action.pair().name());
                  row.put("quote_asset", action.pair().quote().code());
                  row.put("unrealized_pnl_base", ContractJson.text(action.unrealizedPnl()));
                  return row;
                })
            .orElse(null));
    event.window().ifPresent(window -> doc.put("window", window.code()));
    event.peak().ifPresent(peak -> doc.put("peak_base", ContractJson.text(peak)));
    event
        .stateChange()
        .ifPresent(
            change -> {
              doc.put("from", change.from().name());
              doc.put("to", change.to().name());
              doc.put("reason", change.reason());
              doc.put("source", change.source());
            });
    event
        .limit()
        .ifPresent(
            usage -> {
              doc.put("rule", usage.rule().key());
              doc.put("subject", usage.subject());
              doc.put("limit", usage.limit().toPlainString());
              doc.put("value", usage.value().toPlainString());
            });
    return doc;
  }

  /** The event as JSON text: what the store keeps. */
  static String write(RiskEvent event) {
    return MAPPER.writeValueAsString(tree(event));
  }

  /**
   * The event {@link #write} wrote.
   *
   * @throws IllegalArgumentException naming the field when the text is not such an event
   */
  public static RiskEvent read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("A stored risk event is not JSON: " + e.getMessage(), e);
    }
    String where = "The stored risk event";
    Instant at;
    try {
      at = Instant.parse(text(root, "at", where));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(where + ": at is not an ISO-8601 time", e);
    }
    where = where + " of " + at;
    RiskEventType type;
    try {
      type = RiskEventType.valueOf(text(root, "type", where));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": type is not a risk event type", e);
    }
    List<RiskPosition> positions = new ArrayList<>();
    JsonNode rows = root.get("positions");
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException(where + " has no positions list");
    }
    for (JsonNode row : rows) {
      positions.add(
          new RiskPosition(
              pair(row, where),
              decimal(row, "size", where),
              decimal(row, "unrealized_pnl_base", where)));
    }
    JsonNode action = root.get("suggested_action");
    Optional<SuggestedAction> suggested =
        action == null || action.isNull()
            ? Optional.empty()
            : Optional.of(
                new SuggestedAction(
                    pair(action, where), decimal(action, "unrealized_pnl_base", where)));
    JsonNode level = root.get("level");
    Optional<DrawdownScope> window =
        root.has("window")
            ? Optional.of(
                DrawdownScope.valueOf(text(root, "window", where).toUpperCase(Locale.ROOT)))
            : Optional.empty();
    Optional<BigDecimal> peak =
        root.has("peak_base") ? Optional.of(decimal(root, "peak_base", where)) : Optional.empty();
    Optional<StateChange> change =
        root.has("to")
            ? Optional.of(
                new StateChange(
                    TradingState.valueOf(text(root, "from", where)),
                    TradingState.valueOf(text(root, "to", where)),
                    text(root, "reason", where),
                    "manual".equals(text(root, "source", where))))
            : Optional.empty();
    Optional<LimitUsage> limit =
        root.has("rule")
            ? Optional.of(
                new LimitUsage(
                    RiskRule.valueOf(text(root, "rule", where).toUpperCase(Locale.ROOT)),
                    text(root, "subject", where),
                    decimal(root, "limit", where),
                    decimal(root, "value", where)))
            : Optional.empty();
    return new RiskEvent(
        at,
        type,
        level == null || level.isNull()
            ? Optional.empty()
            : Optional.of(decimal(root, "level", where)),
        decimal(root, "equity_base", where),
        positions,
        suggested,
        window,
        peak,
        change,
        limit);
  }

  /** A pair written as its Kraken name beside its quote asset. */
  private static Pair pair(JsonNode node, String where) {
    String name = text(node, "pair", where);
    String quote = text(node, "quote_asset", where);
    if (!name.endsWith(quote) || name.length() == quote.length()) {
      throw new IllegalArgumentException(where + ": pair " + name + " does not end with " + quote);
    }
    return new Pair(Asset.of(name.substring(0, name.length() - quote.length())), Asset.of(quote));
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString()) {
      throw new IllegalArgumentException(where + " has no text field " + field);
    }
    return value.asString();
  }

  private static BigDecimal decimal(JsonNode node, String field, String where) {
    String text = text(node, field, where);
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          where + ": " + field + " is not a decimal: '" + text + "'", e);
    }
  }
}
