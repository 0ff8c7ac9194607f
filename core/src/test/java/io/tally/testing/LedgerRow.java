package io.tally.testing;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One Kraken ledger row a generated event implies: the signed {@code amount} and the {@code fee} of
 * one asset, and the asset's running {@code balance} after the row (the sum of every earlier amount
 * minus every earlier fee, which is what Kraken prints).
 *
 * <p>Example: {@code LedgerRow[refid=E000002, at=..., type=trade, asset=XBT, amount=0.025, fee=0,
 * balance=0.025]}. Immutable.
 */
public record LedgerRow(
    EventId refid,
    Instant at,
    String type,
    Asset asset,
    BigDecimal amount,
    BigDecimal fee,
    BigDecimal balance) {

  public LedgerRow {
    requireNonNull(refid, "refid");
    requireNonNull(at, "at");
    requireNonNull(type, "type");
    requireNonNull(asset, "asset");
    requireNonNull(amount, "amount");
    requireNonNull(fee, "fee");
    requireNonNull(balance, "balance");
  }
}
