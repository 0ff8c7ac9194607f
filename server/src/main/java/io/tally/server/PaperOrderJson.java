package io.tally.server;

import io.tally.engine.paper.PaperOrder;
import io.tally.ledger.EventId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A paper order as the API shows it: what was asked for, its status, what filled (volume, value,
 * average price, fees in the account's currency), when, and why it was rejected or canceled.
 * Decimals are strings, as everywhere in the API; absent values are {@code null}.
 *
 * <p>Example: {@code {"id": "paper-O3", "client_order_id": "b-17", "strategy": "grid", "pair":
 * "XBTUSD", "side": "buy", "type": "limit", "volume": "0.1", "price": "60000", "leverage": 2,
 * "status": "partially_filled", "filled_volume": "0.04", "filled_value": "2400.00000000",
 * "average_price": "60000", "fees": "3.84000000", "created_at": "…", "updated_at": "…", "reason":
 * null, "fills": ["paper-T7"]}}. Stateless.
 */
final class PaperOrderJson {

  private PaperOrderJson() {}

  /** {@code {"orders": [...]}} in the order placed. */
  static Map<String, Object> list(List<PaperOrder> orders) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("orders", orders.stream().map(PaperOrderJson::order).toList());
    return doc;
  }

  /** One order. */
  static Map<String, Object> order(PaperOrder order) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", order.id());
    row.put("client_order_id", order.request().clientOrderId().orElse(null));
    row.put("strategy", order.request().strategy().orElse(null));
    row.put("pair", order.pair().name());
    row.put("side", order.side().name().toLowerCase(java.util.Locale.ROOT));
    row.put("type", order.type().code());
    row.put("volume", order.volume().toPlainString());
    row.put("price", order.request().price().map(BigDecimal::toPlainString).orElse(null));
    row.put("leverage", order.request().leverage());
    row.put("status", order.status().code());
    row.put("filled_volume", order.filledVolume().toPlainString());
    row.put("filled_value", order.filledValue().toPlainString());
    row.put("average_price", order.averagePrice().map(BigDecimal::toPlainString).orElse(null));
    row.put("fees", order.fees().toPlainString());
    row.put("created_at", order.createdAt().toString());
    row.put("updated_at", order.updatedAt().toString());
    row.put("reason", order.reason().orElse(null));
    row.put("fills", order.fills().stream().map(EventId::value).toList());
    return row;
  }
}
