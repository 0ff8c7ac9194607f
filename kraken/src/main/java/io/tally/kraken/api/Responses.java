package io.tally.kraken.api;

import io.tally.kraken.KrakenException;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.TradeRow;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Turns the {@code result} of each Kraken endpoint into this package's records, leniently
 * (kraken-api.md §0.2): amounts as strings or numbers, unknown fields ignored, type strings kept
 * open. Ledger and trade rows go through {@link LedgerRow#fromFields} and {@link
 * TradeRow#fromFields}, the same parsing path as CSV exports, with source {@value #SOURCE} and line
 * 0.
 *
 * <p>Example: {@code Responses.balance(result)} of {@code {"ZUSD":"171288.6158"}} is {@code
 * {ZUSD=171288.6158}}. Stateless.
 */
final class Responses {

  /** The source name of rows that came from the REST API. */
  static final String SOURCE = "kraken-api";

  private Responses() {}

  /** {@code Time}: the server's clock, whole seconds. */
  static Instant serverTime(JsonNode result) {
    return Instant.ofEpochSecond(JsonFields.of(result, "Time", "result").integer("unixtime"));
  }

  /** {@code SystemStatus}. */
  static SystemStatus systemStatus(JsonNode result) {
    JsonFields fields = JsonFields.of(result, "SystemStatus", "result");
    String timestamp = fields.text("timestamp");
    try {
      return new SystemStatus(fields.text("status"), Instant.parse(timestamp));
    } catch (DateTimeException e) {
      throw fields.bad("timestamp", "not an ISO-8601 UTC time: '" + timestamp + "'");
    }
  }

  /** {@code Assets}, in Kraken's order. */
  static List<AssetInfo> assets(JsonNode result) {
    return entries(
        result,
        "Assets",
        "asset",
        (id, fields) ->
            new AssetInfo(
                id,
                fields.text("altname"),
                (int) fields.integer("decimals"),
                (int) fields.integer("display_decimals"),
                fields.optionalText("aclass"),
                fields.optionalText("status")));
  }

  /** {@code AssetPairs}, in Kraken's order. */
  static List<PairInfo> assetPairs(JsonNode result) {
    return entries(
        result,
        "AssetPairs",
        "pair",
        (key, fields) ->
            new PairInfo(
                key,
                fields.text("altname"),
                fields.optionalText("wsname"),
                fields.text("base"),
                fields.text("quote"),
                (int) fields.integer("pair_decimals"),
                (int) fields.integer("lot_decimals"),
                fields.optionalInt("cost_decimals"),
                fields.optionalDecimal("ordermin").orElse(BigDecimal.ZERO),
                fields.optionalDecimal("costmin")));
  }

  /** {@code Ticker}: last, ask and bid of each pair, stamped with the time of receipt. */
  static List<TickerQuote> ticker(JsonNode result, Instant received) {
    return entries(
        result,
        "Ticker",
        "pair",
        (key, fields) ->
            new TickerQuote(
                key, first(fields, "c"), first(fields, "a"), first(fields, "b"), received));
  }

  /**
   * The name of the one pair whose rows a public market answer ({@code OHLC}, {@code Trades}) holds
   * beside its {@code last} cursor, checked to be an array of {@code rows}.
   */
  private static String onePair(JsonNode result, JsonFields fields, String rows) {
    for (String name : result.propertyNames()) {
      if (!name.equals("last")) {
        JsonNode value = result.get(name);
        if (!value.isArray()) {
          throw fields.bad(
              name, "expected an array of " + rows + ", got " + JsonFields.kind(value));
        }
        return name;
      }
    }
    throw fields.bad("<pair>", "no " + rows + " in the result");
  }

  /** {@code OHLC}: the candles of the one pair in the result, and the {@code last} cursor. */
  static OhlcSeries ohlc(JsonNode result, int intervalMinutes) {
    JsonFields fields = JsonFields.of(result, "OHLC", "result");
    String pair = onePair(result, fields, "candles");
    JsonNode rows = result.get(pair);
    List<Candle> candles = new ArrayList<>();
    for (JsonNode row : rows) {
      String where = "candle " + candles.size() + " of " + pair;
      if (!row.isArray() || row.size() < 8) {
        throw KrakenException.badResponse(
            "OHLC", where + ": expected [time, open, high, low, close, vwap, volume, count]", null);
      }
      candles.add(
          new Candle(
              JsonFields.instant(JsonFields.decimal(row.get(0), "OHLC", where + ", time")),
              JsonFields.decimal(row.get(1), "OHLC", where + ", open"),
              JsonFields.decimal(row.get(2), "OHLC", where + ", high"),
              JsonFields.decimal(row.get(3), "OHLC", where + ", low"),
              JsonFields.decimal(row.get(4), "OHLC", where + ", close"),
              JsonFields.decimal(row.get(5), "OHLC", where + ", vwap"),
              JsonFields.decimal(row.get(6), "OHLC", where + ", volume"),
              JsonFields.decimal(row.get(7), "OHLC", where + ", count").longValueExact()));
    }
    return new OhlcSeries(pair, intervalMinutes, candles, fields.integer("last", 0));
  }

  /**
   * {@code Trades}: the public trades of the one pair in the result, oldest first, and the {@code
   * last} cursor (nanoseconds, as a string or a number).
   */
  static PublicTrades publicTrades(JsonNode result) {
    JsonFields fields = JsonFields.of(result, "Trades", "result");
    String pair = onePair(result, fields, "trades");
    JsonNode rows = result.get(pair);
    List<PublicTrade> trades = new ArrayList<>();
    for (JsonNode row : rows) {
      String where = "trade " + trades.size() + " of " + pair;
      if (!row.isArray() || row.size() < 6) {
        throw KrakenException.badResponse(
            "Trades", where + ": expected [price, volume, time, side, type, misc, trade_id]", null);
      }
      try {
        trades.add(
            new PublicTrade(
                JsonFields.decimal(row.get(0), "Trades", where + ", price"),
                JsonFields.decimal(row.get(1), "Trades", where + ", volume"),
                JsonFields.instant(JsonFields.decimal(row.get(2), "Trades", where + ", time")),
                PublicTrade.Side.parse(row.get(3).asString()),
                PublicTrade.OrderType.parse(row.get(4).asString()),
                row.get(5).isString() ? row.get(5).stringValue() : "",
                row.size() > 6
                    ? JsonFields.decimal(row.get(6), "Trades", where + ", trade_id")
                        .longValueExact()
                    : 0));
      } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
        throw KrakenException.badResponse("Trades", where + ": " + e.getMessage(), e);
      }
    }
    if (!fields.has("last")) {
      throw fields.bad("last", "missing");
    }
    BigDecimal last = JsonFields.decimal(result.get("last"), "Trades", "result, field 'last'");
    return new PublicTrades(pair, trades, JsonFields.instant(last.movePointLeft(9)));
  }

  /** {@code Balance}: raw asset id to balance, in Kraken's order; empty without a result. */
  static Map<String, BigDecimal> balance(JsonNode result) {
    JsonFields fields = JsonFields.of(result, "Balance", "result");
    Map<String, BigDecimal> balances = new LinkedHashMap<>();
    for (String asset : result.propertyNames()) {
      balances.put(asset, fields.decimal(asset));
    }
    return Collections.unmodifiableMap(balances);
  }

  /** {@code BalanceEx}: raw asset id to balance with holds and credit, in Kraken's order. */
  static Map<String, ExtendedBalance> balanceEx(JsonNode result) {
    Map<String, ExtendedBalance> balances = new LinkedHashMap<>();
    for (ExtendedEntry entry :
        entries(
            result,
            "BalanceEx",
            "asset",
            (asset, fields) ->
                new ExtendedEntry(
                    asset,
                    new ExtendedBalance(
                        fields.decimal("balance"),
                        fields.optionalDecimal("hold_trade").orElse(BigDecimal.ZERO),
                        fields.optionalDecimal("credit").orElse(BigDecimal.ZERO),
                        fields.optionalDecimal("credit_used").orElse(BigDecimal.ZERO))))) {
      balances.put(entry.asset(), entry.balance());
    }
    return Collections.unmodifiableMap(balances);
  }

  /** {@code TradeBalance}. */
  static TradeBalance tradeBalance(JsonNode result) {
    JsonFields fields = JsonFields.of(result, "TradeBalance", "result");
    return new TradeBalance(
        fields.decimal("eb"),
        fields.decimal("tb"),
        fields.decimal("m"),
        fields.decimal("n"),
        fields.decimal("c"),
        fields.decimal("v"),
        fields.decimal("e"),
        fields.decimal("mf"),
        fields.optionalDecimal("ml"),
        fields.optionalDecimal("uv").orElse(BigDecimal.ZERO));
  }

  /** {@code OpenOrders}: the orders under {@code open}. */
  static List<KrakenOrder> openOrders(JsonNode result) {
    JsonFields fields = JsonFields.of(result, "OpenOrders", "result");
    return orders(fields.object("open").node(), "OpenOrders");
  }

  /** {@code ClosedOrders}: the orders under {@code closed} and the count. */
  static Page<KrakenOrder> closedOrders(JsonNode result) {
    JsonFields fields = JsonFields.of(result, "ClosedOrders", "result");
    return new Page<>(
        orders(fields.object("closed").node(), "ClosedOrders"), fields.optionalInt("count"));
  }

  /** Orders keyed by txid, as QueryOrders answers and OpenOrders/ClosedOrders nest them. */
  static List<KrakenOrder> orders(JsonNode byTxid, String method) {
    return entries(byTxid, method, "order", Responses::order);
  }

  /** {@code TradesHistory}: the trades under {@code trades} and the count. */
  static Page<TradeRow> tradesHistory(JsonNode result) {
    JsonFields fields = JsonFields.of(result, "TradesHistory", "result");
    return new Page<>(
        trades(fields.object("trades").node(), "TradesHistory"), fields.optionalInt("count"));
  }

  /** Trades keyed by txid, as QueryTrades answers and TradesHistory nests them. */
  static List<TradeRow> trades(JsonNode byTxid, String method) {
    return entries(byTxid, method, "trade", Responses::trade);
  }

  /** {@code Ledgers}: the entries under {@code ledger} and the count. */
  static Page<LedgerRow> ledgers(JsonNode result) {
    JsonFields fields = JsonFields.of(result, "Ledgers", "result");
    return new Page<>(
        ledgerRows(fields.object("ledger").node(), "Ledgers"), fields.optionalInt("count"));
  }

  /** Ledger entries keyed by ledger id, as QueryLedgers answers and Ledgers nests them. */
  static List<LedgerRow> ledgerRows(JsonNode byId, String method) {
    return entries(byId, method, "ledger entry", Responses::ledgerRow);
  }

  /** {@code OpenPositions} (without {@code docalcs}): positions keyed by position id. */
  static List<OpenPosition> openPositions(JsonNode result) {
    return entries(
        result,
        "OpenPositions",
        "position",
        (id, fields) ->
            new OpenPosition(
                id,
                fields.optionalText("ordertxid"),
                fields.optionalText("posstatus"),
                fields.text("pair"),
                fields.time("time"),
                fields.text("type"),
                fields.optionalText("ordertype"),
                fields.decimal("cost"),
                fields.decimal("fee"),
                fields.decimal("vol"),
                fields.optionalDecimal("vol_closed").orElse(BigDecimal.ZERO),
                fields.optionalDecimal("margin").orElse(BigDecimal.ZERO),
                fields.optionalText("terms")));
  }

  private static KrakenOrder order(String txid, JsonFields fields) {
    JsonFields descr = fields.object("descr");
    return new KrakenOrder(
        txid,
        fields.text("status"),
        fields.integer("userref", 0),
        fields.optionalText("cl_ord_id"),
        descr.text("pair"),
        descr.text("type"),
        descr.optionalText("ordertype"),
        descr.optionalText("price"),
        descr.optionalText("price2"),
        fields.optionalText("oflags"),
        fields.decimal("vol"),
        fields.decimal("vol_exec"),
        fields.decimal("cost"),
        fields.decimal("fee"),
        fields.decimal("price"),
        fields.time("opentm"),
        fields.optionalTime("closetm"),
        fields.strings("trades"));
  }

  private static TradeRow trade(String txid, JsonFields fields) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("txid", txid);
    copy(fields, row, "ordertxid", "pair");
    putTime(fields, row, "time");
    copy(
        fields,
        row,
        "type",
        "ordertype",
        "price",
        "cost",
        "fee",
        "vol",
        "margin",
        "misc",
        "postxid");
    row.put("ledgers", String.join(",", fields.strings("ledgers")));
    try {
      return TradeRow.fromFields(row, SOURCE, 0);
    } catch (KrakenException e) {
      throw KrakenException.badResponse(
          fields.method(), "trade " + txid + ": " + e.getMessage(), e);
    }
  }

  private static LedgerRow ledgerRow(String id, JsonFields fields) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("txid", id);
    copy(fields, row, "refid");
    putTime(fields, row, "time");
    copy(fields, row, "type", "subtype", "aclass", "asset", "amount", "fee", "balance");
    try {
      return LedgerRow.fromFields(row, SOURCE, 0);
    } catch (KrakenException e) {
      throw KrakenException.badResponse(
          fields.method(), "ledger entry " + id + ": " + e.getMessage(), e);
    }
  }

  /** Copies the present fields as text; absent and {@code null} fields stay absent. */
  private static void copy(JsonFields fields, Map<String, String> row, String... names) {
    for (String name : names) {
      if (fields.has(name)) {
        row.put(name, fields.text(name));
      }
    }
  }

  /** Puts a unix-seconds field as ISO-8601 text ({@code 2025-09-03T21:32:01.565366Z}). */
  private static void putTime(JsonFields fields, Map<String, String> row, String name) {
    if (fields.has(name)) {
      row.put(name, fields.time(name).toString());
    }
  }

  private static BigDecimal first(JsonFields fields, String name) {
    JsonNode array = fields.node().get(name);
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw fields.bad(name, "expected a non-empty array");
    }
    return JsonFields.decimal(
        array.get(0), fields.method(), fields.where() + ", field '" + name + "[0]'");
  }

  /** Maps every {@code key: object} of a JSON object, in order. */
  private static <T> List<T> entries(
      JsonNode object, String method, String what, BiFunction<String, JsonFields, T> mapper) {
    JsonFields container = JsonFields.of(object, method, "result");
    List<T> values = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : container.node().properties()) {
      values.add(
          mapper.apply(
              entry.getKey(),
              JsonFields.of(entry.getValue(), method, what + " " + entry.getKey())));
    }
    return List.copyOf(values);
  }

  private record ExtendedEntry(String asset, ExtendedBalance balance) {}
}
