package io.tally.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
    return trade(json, fill, pair, withLedgers, Optional.empty());
  }

  /**
   * A trade; a margin trade carries its {@code margin} and {@code leverage}, a closing one its
   * position as {@code postxid} and {@code misc "closing"}, and an opening one, given its {@code
   * position}, {@code posstatus} and, once (part of) it is closed, {@code cprice ccost cfee cvol
   * cmargin net trades}.
   */
  static ObjectNode trade(
      JsonMapper json,
      Fill fill,
      ListedPair pair,
      boolean withLedgers,
      Optional<Position> position) {
    int cost = pair.costDecimals();
    Optional<MarginTrade> margin = fill.margin();
    ObjectNode node = json.createObjectNode();
    node.put("ordertxid", fill.orderTxid());
    node.put(
        "postxid",
        margin.filter(MarginTrade::closes).map(MarginTrade::positionTxid).orElse(NO_POSITION));
    node.put("pair", fill.pair());
    node.put("aclass", "forex");
    node.put("time", seconds(fill.time()));
    node.put("type", fill.side().wire());
    node.put("ordertype", fill.orderType().wire());
    node.put("price", fixed(fill.price(), Math.max(cost, pair.pairDecimals())));
    node.put("cost", fixed(fill.cost(), cost));
    node.put("fee", fixed(fill.fee(), cost));
    node.put("vol", fixed(fill.vol(), pair.lotDecimals()));
    node.put("margin", fixed(margin.map(MarginTrade::margin).orElse(BigDecimal.ZERO), cost));
    node.put("leverage", Integer.toString(margin.map(MarginTrade::leverage).orElse(0)));
    node.put("misc", margin.filter(MarginTrade::closes).isPresent() ? "closing" : "");
    node.put("trade_id", fill.tradeId());
    node.put("maker", fill.maker());
    if (withLedgers) {
      strings(node.putArray("ledgers"), fill.ledgerIds());
    }
    if (margin.isPresent() && !margin.get().closes() && position.isPresent()) {
      Position opened = position.get();
      node.put("posstatus", opened.isOpen() ? "open" : "closed");
      if (opened.volClosed().signum() > 0) {
        int priceScale = Math.max(cost, pair.pairDecimals());
        node.put(
            "cprice",
            opened
                .closedCost()
                .divide(opened.volClosed(), priceScale, RoundingMode.HALF_EVEN)
                .toPlainString());
        node.put("ccost", fixed(opened.closedCost(), cost));
        node.put("cfee", fixed(opened.closedFee(), cost));
        node.put("cvol", fixed(opened.volClosed(), pair.lotDecimals()));
        node.put("cmargin", fixed(opened.closedMargin(), cost));
        node.put("net", fixed(opened.net(), cost));
        strings(node.putArray("trades"), opened.closingTrades());
      }
    }
    return node;
  }

  /**
   * An open position as {@code OpenPositions} lists it; with {@code price} ({@code docalcs=true})
   * also its {@code value} and unrealised {@code net} at that price.
   */
  static ObjectNode position(
      JsonMapper json, Position position, ListedPair pair, Optional<BigDecimal> price) {
    int cost = pair.costDecimals();
    ObjectNode node = json.createObjectNode();
    node.put("ordertxid", position.orderTxid());
    node.put("posstatus", position.isOpen() ? "open" : "closed");
    node.put("pair", position.pair());
    node.put("class", "forex");
    node.put("time", seconds(position.time()));
    node.put("type", position.side().wire());
    node.put("ordertype", position.orderType().wire());
    node.put("cost", fixed(position.cost(), cost));
    node.put("fee", fixed(position.fee(), cost));
    node.put("vol", fixed(position.vol(), pair.lotDecimals()));
    node.put("vol_closed", fixed(position.volClosed(), pair.lotDecimals()));
    node.put("margin", fixed(position.margin(), cost));
    node.put("terms", position.terms());
    node.put("rollovertm", Long.toString(position.rolloverTime().getEpochSecond()));
    node.put("misc", "");
    node.put("oflags", "");
    if (price.isPresent()) {
      int scale = pair.bookingScale();
      node.put("value", fixed(position.value(price.get(), scale), cost));
      node.put("net", fixed(position.unrealised(price.get(), scale), cost));
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
    descr.put("leverage", order.isMargin() ? order.leverage() + ":1" : "none");
    descr.put("order", description(order, pair));
    descr.put("close", "");
    node.put("vol", fixed(order.vol(), pair.lotDecimals()));
    node.put("vol_exec", fixed(order.volExec(), pair.lotDecimals()));
    node.put("cost", fixed(order.cost(), cost));
    node.put("fee", fixed(order.fee(), cost));
    node.put("price", fixed(order.averagePrice(cost), cost));
    node.put("stopprice", fixed(BigDecimal.ZERO, cost));
    node.put("limitprice", fixed(BigDecimal.ZERO, cost));
    node.put("misc", order.misc());
    node.put("oflags", order.oflags());
    if (withTrades) {
      strings(node.putArray("trades"), order.tradeIds());
    }
    return node;
  }

  /**
   * Kraken's human text of an order: {@code buy 0.00200000 ETHUSD @ limit 4065.54}, and for a
   * margin order {@code buy 0.10000000 XBTUSD @ market with 2:1 leverage}.
   */
  static String description(Order order, ListedPair pair) {
    String text =
        String.format(
            Locale.ROOT,
            "%s %s %s @ %s",
            order.side().wire(),
            fixed(order.vol(), pair.lotDecimals()),
            pair.altname(),
            order.orderType().wire());
    String priced =
        order.limitPrice().map(price -> text + " " + price.toPlainString()).orElse(text);
    return order.isMargin() ? priced + " with " + order.leverage() + ":1 leverage" : priced;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
