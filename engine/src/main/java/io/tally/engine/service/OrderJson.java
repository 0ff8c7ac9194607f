package io.tally.engine.service;

import io.tally.engine.sync.OpenOrder;
import io.tally.engine.sync.OpenOrders;
import io.tally.money.Asset;
import io.tally.money.DisplayDecimals;
import io.tally.money.Pair;
import io.tally.reconcile.AssetBalance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of what open orders hold, by {@link ContractJson}'s conventions (snake_case names,
 * amounts as plain decimal strings with every digit, times as ISO-8601 text, {@code null} for what
 * is unknown): the free and reserved parts of a holding, and the open orders themselves.
 *
 * <p>Example: {@code OrderJson.balance(balance, asOf)} is {@code {"free": "0.4", "reserved": "0.1",
 * "total": "0.5", "reserved_as_of": "2026-03-02T12:00:01Z"}}. Stateless.
 */
public final class OrderJson {

  private OrderJson() {}

  /**
   * A holding's split: {@code free}, {@code reserved} (what open orders hold of it, as of {@code
   * reserved_as_of}; {@code null} when no holds were ever read) and {@code total}.
   */
  public static Map<String, Object> balance(AssetBalance balance, Optional<Instant> reservedAsOf) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("free", balance.free().toPlainString());
    row.put("reserved", balance.reserved().toPlainString());
    row.put("total", balance.total().toPlainString());
    row.put("reserved_as_of", reservedAsOf.map(Instant::toString).orElse(null));
    return row;
  }

  /**
   * {@code getOpenOrders()}: {@code as_of} (when Kraken answered; {@code null} when the orders are
   * unknown: no Kraken, or no sync since start-up) and {@code open_orders}, oldest first.
   */
  public static Map<String, Object> openOrders(
      Optional<OpenOrders> openOrders, DisplayDecimals display) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("as_of", openOrders.map(o -> o.asOf().toString()).orElse(null));
    List<Object> rows = new ArrayList<>();
    openOrders.ifPresent(o -> o.orders().forEach(order -> rows.add(openOrder(order, display))));
    doc.put("open_orders", rows);
    return doc;
  }

  /**
   * One open order: its pair (canonical, such as {@code XBTUSD}, or Kraken's name when Kraken's
   * pair list does not know it) with base and quote assets, side, order type, volume ordered,
   * executed and remaining, limit price, what it reserves ({@code reserved_asset}, {@code
   * reserved_amount}, before fees; {@code null} when unknown), client tags and the time it was
   * placed, with the decimals its volume and price are shown at.
   */
  public static Map<String, Object> openOrder(OpenOrder order, DisplayDecimals display) {
    Optional<Pair> pair = order.pair();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("txid", order.txid());
    row.put("pair", pair.map(Pair::name).orElse(order.krakenPair()));
    row.put("base_asset", pair.map(p -> p.base().code()).orElse(null));
    row.put("quote_asset", pair.map(p -> p.quote().code()).orElse(null));
    row.put("side", order.side().code());
    row.put("order_type", order.orderType());
    row.put("volume", order.volume().toPlainString());
    row.put("volume_executed", order.volumeExecuted().toPlainString());
    row.put("remaining_volume", order.remaining().toPlainString());
    row.put("volume_in_quote", order.volumeInQuote());
    row.put("price", order.limitPrice().map(BigDecimal::toPlainString).orElse(null));
    row.put("reserved_asset", order.reservedAsset().map(Asset::code).orElse(null));
    row.put("reserved_amount", order.reservedAmount().map(BigDecimal::toPlainString).orElse(null));
    row.put("userref", order.userref());
    row.put("client_order_id", order.clientOrderId().isEmpty() ? null : order.clientOrderId());
    row.put("strategy_tag", order.strategy());
    row.put("opened_at", order.openedAt().toString());
    row.put("amount_decimals", pair.map(p -> display.amountDecimals(p.base())).orElse(null));
    row.put(
        "price_decimals",
        pair.flatMap(p -> order.limitPrice().map(price -> display.priceDecimals(p, price)))
            .orElse(null));
    return row;
  }
}
