package io.tally.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kraken's JSON shapes for the simulator's values (kraken-api.md §1–§2): amounts, prices and fees
 * as strings at the wire's precision, times as JSON numbers with up to six decimals, counts and ids
 * as integers, field names and order as in recorded responses.
 *
 * <p>Example: {@code WireFormat.ledgerEntry(json, entry)} gives {@code
 * {"aclass":"currency","amount":"0.0020000000","asset":"XETH",…,"time":1756935121.565366,
 * "type":"trade","subtype":"tradespot"}}. Stateless.
 */
final class WireFormat {

  /** The sentinel position id of every spot trade. */
  static final String NO_POSITION = "TKH2SE-M7IF5-CFI7LT";

  private WireFormat() {}

  /** Unix seconds with the microseconds, trailing zeros dropped but at least one decimal. */
  static BigDecimal seconds(Instant time) {
    BigDecimal seconds =
        BigDecimal.valueOf(time.getEpochSecond())
            .add(BigDecimal.valueOf(time.getNano() / 1_000, 6))
            .stripTrailingZeros();
    return seconds.scale() < 1 ? seconds.setScale(1) : seconds;
  }

  /**
   * {@code value} as a plain string at exactly {@code scale} decimals (never rounding digits away).
   */
  static String fixed(BigDecimal value, int scale) {
    return value.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
  }

  /** {@code value} as a plain string at {@code scale} decimals, rounded HALF_EVEN if longer. */
  static String rounded(BigDecimal value, int scale) {
    return value.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
  }

  static ObjectNode ledgerEntry(JsonMapper json, LedgerEntry entry) {
    ObjectNode node = json.createObjectNode();
    node.put("aclass", entry.aclass());
    node.put("amount", entry.amount().toPlainString());
    node.put("asset", entry.asset());
    node.put("balance", entry.balance().toPlainString());
    node.put("fee", entry.fee().toPlainString());
    node.put("refid", entry.refid());
    node.put("time", seconds(entry.time()));
    node.put("type", entry.type());
    node.put("subtype", entry.subtype());
    return node;
  }

  static ObjectNode trade(JsonMapper json, Fill fill, ListedPair pair, boolean withLedgers) {
    int cost = pair.costDecimals();
    ObjectNode node = json.createObjectNode();
    node.put("ordertxid", fill.orderTxid());
    node.put("postxid", NO_POSITION);
    node.put("pair", fill.pair());
    node.put("aclass", "forex");
    node.put("time", seconds(fill.time()));
    node.put("type", fill.side().wire());
    node.put("ordertype", fill.orderType().wire());
    node.put("price", fixed(fill.price(), Math.max(cost, pair.pairDecimals())));
    node.put("cost", fixed(fill.cost(), cost));
    node.put("fee", fixed(fill.fee(), cost));
    node.put("vol", fixed(fill.vol(), pair.lotDecimals()));
    node.put("margin", fixed(BigDecimal.ZERO, cost));
    node.put("leverage", "0");
    node.put("misc", "");
    node.put("trade_id", fill.tradeId());
    node.put("maker", fill.maker());
    if (withLedgers) {
      strings(node.putArray("ledgers"), fill.ledgerIds());
    }
    return node;
  }

  static ObjectNode order(JsonMapper json, Order order, ListedPair pair, boolean withTrades) {
    int cost = pair.costDecimals();
    ObjectNode node = json.createObjectNode();
    node.putNull("refid");
    node.put("userref", order.userref());
    order.clOrdId().ifPresent(id -> node.put("cl_ord_id", id));
    node.put("status", order.status().wire());
    if (!order.status().isOpen()) {
      if (order.reason().isPresent()) {
        node.put("reason", order.reason().get());
      } else {
        node.putNull("reason");
      }
    }
    node.put("opentm", seconds(order.opentm()));
    order.closetm().ifPresent(time -> node.put("closetm", seconds(time)));
    node.put("starttm", 0);
    if (order.expiretm().isPresent()) {
      node.put("expiretm", seconds(order.expiretm().get()));
    } else {
      node.put("expiretm", 0);
    }
    ObjectNode descr = node.putObject("descr");
    descr.put("pair", pair.altname());
    descr.put("aclass", "forex");
    descr.put("type", order.side().wire());
    descr.put("ordertype", order.orderType().wire());
    String limit = order.limitPrice().map(BigDecimal::toPlainString).orElse("0");
    descr.put("price", limit);
    descr.put("price2", "0");
    descr.put("leverage", "none");
    descr.put("order", description(order, pair));
    descr.put("close", "");
    node.put("vol", fixed(order.vol(), pair.lotDecimals()));
    node.put("vol_exec", fixed(order.volExec(), pair.lotDecimals()));
    node.put("cost", fixed(order.cost(), cost));
    node.put("fee", fixed(order.fee(), cost));
    node.put("price", fixed(order.averagePrice(cost), cost));
    node.put("stopprice", fixed(BigDecimal.ZERO, cost));
    node.put("limitprice", fixed(BigDecimal.ZERO, cost));
    node.put("misc", "");
    node.put("oflags", order.oflags());
    if (withTrades) {
      strings(node.putArray("trades"), order.tradeIds());
    }
    return node;
  }

  /** Kraken's human text of an order: {@code buy 0.00200000 ETHUSD @ limit 4065.54}. */
  static String description(Order order, ListedPair pair) {
    String text =
        String.format(
            Locale.ROOT,
            "%s %s %s @ %s",
            order.side().wire(),
            fixed(order.vol(), pair.lotDecimals()),
            pair.altname(),
            order.orderType().wire());
    return order.limitPrice().map(price -> text + " " + price.toPlainString()).orElse(text);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
