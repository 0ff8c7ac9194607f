package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An order of the simulated account, as {@code OpenOrders}, {@code ClosedOrders} and {@code
 * QueryOrders} return it. {@code cost} and {@code fee} are the totals of its fills in quote terms.
 *
 * <p>Example: {@code Order[txid=OKXYTQ-BJLS2-HYJD7R, pair=XETHZUSD, side=BUY, orderType=LIMIT,
 * limitPrice=Optional[4065.54], vol=0.00200000, volExec=0.00000000, userref=1002,
 * clOrdId=Optional[KRKKD:grid_v2-0007], status=OPEN, …]}. Immutable.
 *
 * @param txid the order id ({@code O…})
 * @param pair the pair key (the wire's {@code descr.pair} shows the altname)
 * @param side buy or sell
 * @param orderType market or limit
 * @param limitPrice the limit price of a limit order
 * @param vol the volume ordered (base)
 * @param volExec the volume executed so far (base)
 * @param cost the quote cost of the fills
 * @param fee the fees of the fills in quote terms
 * @param userref the client's numeric tag (0 when none)
 * @param clOrdId the client's order id, when it gave one
 * @param oflags Kraken's comma-separated order flags, such as {@code fciq} or {@code fcib}
 * @param status where the order stands
 * @param opentm when it was placed
 * @param closetm when it was closed, canceled or expired
 * @param expiretm when it expires unless filled
 * @param reason why it was canceled
 * @param tradeIds its fills, oldest first
 * @param leverage the leverage of a margin order ({@code descr.leverage "2:1"}), 0 for spot
 * @param misc Kraken's comma-separated notes, such as {@code liquidated}; usually empty
 */
public record Order(
    String txid,
    String pair,
    Side side,
    OrderType orderType,
    Optional<BigDecimal> limitPrice,
    BigDecimal vol,
    BigDecimal volExec,
    BigDecimal cost,
    BigDecimal fee,
    int userref,
    Optional<String> clOrdId,
    String oflags,
    OrderStatus status,
    Instant opentm,
    Optional<Instant> closetm,
    Optional<Instant> expiretm,
    Optional<String> reason,
    List<String> tradeIds,
    int leverage,
    String misc) {

  public Order {
    requireNonNull(txid, "txid");
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    requireNonNull(orderType, "orderType");
    requireNonNull(limitPrice, "limitPrice");
    requireNonNull(vol, "vol");
    requireNonNull(volExec, "volExec");
    requireNonNull(cost, "cost");
    requireNonNull(fee, "fee");
    requireNonNull(clOrdId, "clOrdId");
    requireNonNull(oflags, "oflags");
    requireNonNull(status, "status");
    requireNonNull(opentm, "opentm");
    requireNonNull(closetm, "closetm");
    requireNonNull(expiretm, "expiretm");
    requireNonNull(reason, "reason");
    tradeIds = List.copyOf(tradeIds);
    requireNonNull(misc, "misc");
    if (volExec.compareTo(vol) > 0) {
      throw new IllegalArgumentException("Executed more than ordered: " + txid);
    }
  }

  /** Whether this is a margin order. */
  public boolean isMargin() {
    return leverage > 0;
  }

  /** The volume still to fill. */
  public BigDecimal remaining() {
    return vol.subtract(volExec);
  }

  /** The average fill price, {@code cost / volExec} at {@code scale} decimals; zero if unfilled. */
  public BigDecimal averagePrice(int scale) {
    if (volExec.signum() == 0) {
      return BigDecimal.ZERO.setScale(scale);
    }
    return cost.divide(volExec, scale, RoundingMode.HALF_EVEN);
  }

  /** This order after one more fill. */
  Order withFill(Fill fill) {
    List<String> trades = new ArrayList<>(tradeIds);
    trades.add(fill.txid());
    return new Order(
        txid,
        pair,
        side,
        orderType,
        limitPrice,
        vol,
        volExec.add(fill.vol()),
        cost.add(fill.cost()),
        fee.add(fill.fee()),
        userref,
        clOrdId,
        oflags,
        status,
        opentm,
        closetm,
        expiretm,
        reason,
        trades,
        leverage,
        misc);
  }

  /** This order ended: filled (closed), canceled or expired at {@code time}. */
  Order ended(OrderStatus newStatus, Instant time, Optional<String> why) {
    return new Order(
        txid,
        pair,
        side,
        orderType,
        limitPrice,
        vol,
        volExec,
        cost,
        fee,
        userref,
        clOrdId,
        oflags,
        newStatus,
        opentm,
        Optional.of(time),
        expiretm,
        why,
        tradeIds,
        leverage,
        misc);
  }

  /**
   * One line, amounts in plain notation: {@code OKXYTQ-BJLS2-HYJD7R open buy limit XETHZUSD vol
   * 0.00200000 @ 4065.54 exec 0.00000000 userref 1002 KRKKD:grid_v2-0007 opened
   * 2025-09-03T21:18:20.624681Z}.
   */
  @Override
  public String toString() {
    return txid
        + " "
        + status.wire()
        + " "
        + side.wire()
        + " "
        + orderType.wire()
        + " "
        + pair
        + " vol "
        + vol.toPlainString()
        + limitPrice.map(price -> " @ " + price.toPlainString()).orElse("")
        + " exec "
        + volExec.toPlainString()
        + " userref "
        + userref
        + clOrdId.map(id -> " " + id).orElse("")
        + " opened "
        + opentm
        + closetm.map(time -> " ended " + time).orElse("");
  }
}
