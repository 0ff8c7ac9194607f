package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One order as OpenOrders, ClosedOrders and QueryOrders describe it, with Kraken's strings kept as
 * written (open sets: new statuses and order types do not break parsing).
 *
 * <p>Example: {@code KrakenOrder[txid=OKXYTQ-BJLS2-HYJD7R, status=closed, userref=0, clOrdId=,
 * pair=ETHUSDT, type=buy, orderType=limit, descrPrice=4470.00, descrPrice2=0, oflags=fciq,
 * vol=0.002, volExec=0.002, cost=8.93574, fee=0.03574, price=4467.87,
 * openTime=2025-09-03T21:18:20.624681Z, closeTime=Optional[2025-09-03T21:32:01.565366Z],
 * tradeIds=[TSVZ66-RESHM-IDZGCE]]}. Immutable.
 *
 * @param txid the order id
 * @param status {@code pending}, {@code open}, {@code closed}, {@code canceled} or {@code expired}
 * @param userref the client's numeric tag; 0 when absent
 * @param clOrdId the client's order id; empty when absent
 * @param pair the pair's altname from {@code descr.pair}, such as {@code XBTUSD} (not the key)
 * @param type {@code buy} or {@code sell}
 * @param orderType such as {@code limit} or {@code market}
 * @param descrPrice {@code descr.price} as written: the limit of a limit order, the trigger of a
 *     stop, an offset such as {@code +5.0%} for a trailing stop; empty when absent
 * @param descrPrice2 {@code descr.price2} as written: the limit of a stop-loss-limit or
 *     take-profit-limit order; empty when absent
 * @param oflags the order flags as written, a comma list such as {@code post,fciq} ({@code viqc}:
 *     the volume is in the quote asset); empty when absent
 * @param vol the base volume ordered
 * @param volExec the base volume executed
 * @param cost the quote cost executed
 * @param fee the fee in quote terms
 * @param price the average execution price
 * @param openTime when the order was placed
 * @param closeTime when it was closed; empty for open orders
 * @param tradeIds the ids of its trades; empty unless asked for with {@code trades=true}
 */
public record KrakenOrder(
    String txid,
    String status,
    long userref,
    String clOrdId,
    String pair,
    String type,
    String orderType,
    String descrPrice,
    String descrPrice2,
    String oflags,
    BigDecimal vol,
    BigDecimal volExec,
    BigDecimal cost,
    BigDecimal fee,
    BigDecimal price,
    Instant openTime,
    Optional<Instant> closeTime,
    List<String> tradeIds) {

  public KrakenOrder {
    requireNonNull(txid, "txid");
    requireNonNull(status, "status");
    requireNonNull(clOrdId, "clOrdId");
    requireNonNull(pair, "pair");
    requireNonNull(type, "type");
    requireNonNull(orderType, "orderType");
    requireNonNull(descrPrice, "descrPrice");
    requireNonNull(descrPrice2, "descrPrice2");
    requireNonNull(oflags, "oflags");
    vol = Precision.canonical(requireNonNull(vol, "vol"));
    volExec = Precision.canonical(requireNonNull(volExec, "volExec"));
    cost = Precision.canonical(requireNonNull(cost, "cost"));
    fee = Precision.canonical(requireNonNull(fee, "fee"));
    price = Precision.canonical(requireNonNull(price, "price"));
    requireNonNull(openTime, "openTime");
    requireNonNull(closeTime, "closeTime");
    tradeIds = List.copyOf(tradeIds);
  }
}
