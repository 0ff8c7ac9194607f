package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One open margin position of {@code /0/private/OpenPositions}.
 *
 * <p>Example: {@code OpenPosition[positionId=TPEMMT-EQABG-FTLK4T, orderTxid=ORESL5-VQ63G-QL3M5B,
 * status=open, pair=ETHUSDT, time=2025-09-06T16:24:16.276205Z, type=sell, orderType=market,
 * cost=8.48544, fee=0.03564, vol=0.002, volClosed=0, margin=0.84854, terms=0.0200% per 4 hours]}.
 * Immutable.
 *
 * @param positionId the position id (the opening trade's id; rollover ledger rows refer to it)
 * @param orderTxid the opening order
 * @param status such as {@code open}
 * @param pair the pair key
 * @param time when the position was opened
 * @param type {@code buy} or {@code sell}
 * @param orderType such as {@code market}
 * @param cost the opening cost in quote units
 * @param fee the opening fee in quote units
 * @param vol the base volume opened
 * @param volClosed the base volume closed so far
 * @param margin the initial margin in quote units
 * @param terms the financing terms as Kraken writes them
 */
public record OpenPosition(
    String positionId,
    String orderTxid,
    String status,
    String pair,
    Instant time,
    String type,
    String orderType,
    BigDecimal cost,
    BigDecimal fee,
    BigDecimal vol,
    BigDecimal volClosed,
    BigDecimal margin,
    String terms) {

  public OpenPosition {
    requireNonNull(positionId, "positionId");
    requireNonNull(orderTxid, "orderTxid");
    requireNonNull(status, "status");
    requireNonNull(pair, "pair");
    requireNonNull(time, "time");
    requireNonNull(type, "type");
    requireNonNull(orderType, "orderType");
    cost = Precision.canonical(requireNonNull(cost, "cost"));
    fee = Precision.canonical(requireNonNull(fee, "fee"));
    vol = Precision.canonical(requireNonNull(vol, "vol"));
    volClosed = Precision.canonical(requireNonNull(volClosed, "volClosed"));
    margin = Precision.canonical(requireNonNull(margin, "margin"));
    requireNonNull(terms, "terms");
  }
}
