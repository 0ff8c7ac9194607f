package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One execution of an order, what Kraken's {@code TradesHistory} calls a trade. {@code cost} is
 * {@code price × vol} in quote (fee excluded) and {@code fee} is stated in quote terms even when
 * the base asset or KFEE credits paid it; {@link #feeSource()} says which did.
 *
 * <p>Example: {@code Fill[txid=TSVZ66-RESHM-IDZGCE, orderTxid=OWOK44-SHXXH-YKVNFP, pair=XETHZUSD,
 * side=BUY, price=4467.87, vol=0.00200000, cost=8.9357, fee=0.0357, …]}. Immutable.
 *
 * @param txid the trade id ({@code T…}); the ledger rows of this fill carry it as refid
 * @param orderTxid the order that filled
 * @param pair the pair key, such as {@code XETHZUSD}
 * @param time when it executed
 * @param side buy or sell
 * @param orderType the order's type
 * @param price the execution price at the pair's price decimals
 * @param cost {@code price × vol} at the pair's booking scale
 * @param fee the fee in quote terms at the pair's booking scale
 * @param vol the base volume at the pair's lot decimals
 * @param maker whether the order rested on the book
 * @param tradeId the per-pair public trade id
 * @param ledgerIds the ledger rows this fill booked
 * @param feeSource which asset really paid the fee
 * @param margin what the trade did to a margin position, for a margin trade
 */
public record Fill(
    String txid,
    String orderTxid,
    String pair,
    Instant time,
    Side side,
    OrderType orderType,
    BigDecimal price,
    BigDecimal cost,
    BigDecimal fee,
    BigDecimal vol,
    boolean maker,
    long tradeId,
    List<String> ledgerIds,
    FeeSource feeSource,
    Optional<MarginTrade> margin) {

  public Fill {
    requireNonNull(txid, "txid");
    requireNonNull(orderTxid, "orderTxid");
    requireNonNull(pair, "pair");
    requireNonNull(time, "time");
    requireNonNull(side, "side");
    requireNonNull(orderType, "orderType");
    requireNonNull(price, "price");
    requireNonNull(cost, "cost");
    requireNonNull(fee, "fee");
    requireNonNull(vol, "vol");
    ledgerIds = List.copyOf(ledgerIds);
    requireNonNull(feeSource, "feeSource");
    requireNonNull(margin, "margin");
  }

  /** Whether this is a margin trade. */
  public boolean isMargin() {
    return margin.isPresent();
  }

  /**
   * One line, amounts in plain notation: {@code TSVZ66-RESHM-IDZGCE 2025-09-03T21:32:01.565366Z buy
   * XETHZUSD vol 0.00200000 @ 4467.87 cost 8.9357 fee 0.0357 (QUOTE, taker) order
   * OWOK44-SHXXH-YKVNFP}.
   */
  @Override
  public String toString() {
    return txid
        + " "
        + time
        + " "
        + side.wire()
        + " "
        + pair
        + " vol "
        + vol.toPlainString()
        + " @ "
        + price.toPlainString()
        + " cost "
        + cost.toPlainString()
        + " fee "
        + fee.toPlainString()
        + " ("
        + feeSource
        + (maker ? ", maker" : ", taker")
        + ") order "
        + orderTxid;
  }
}
