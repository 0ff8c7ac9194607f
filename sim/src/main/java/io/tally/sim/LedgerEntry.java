package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of the simulated account's ledger, as {@code /0/private/Ledgers} returns it. Amounts are
 * at the asset's scale; {@code balance} is the asset's balance after this row: the previous balance
 * plus {@code amount} minus {@code fee}.
 *
 * <p>Example: {@code LedgerEntry[id=L2344R-JVEUJ-SBYX5H, refid=TSVZ66-RESHM-IDZGCE, type=trade,
 * subtype=tradespot, asset=XETH, amount=0.0020000000, fee=0.0000000000, balance=0.0020000000]}.
 * Immutable.
 *
 * @param id the ledger id ({@code L} + 5, 5 and 6 upper-case letters or digits)
 * @param refid the parent: a trade txid, a funding reference ({@code FT…}) or a staking reference
 * @param time when it was booked (microsecond precision)
 * @param type Kraken's type: {@code trade}, {@code deposit}, {@code withdrawal}, {@code transfer}
 *     or {@code staking}
 * @param subtype Kraken's subtype, often empty: {@code tradespot}, {@code spottostaking}, …
 * @param aclass always {@code currency}
 * @param asset the Kraken asset id, such as {@code XXBT}
 * @param amount the signed gross amount
 * @param fee the fee in the same asset (negative on a failed withdrawal's reversal)
 * @param balance the balance of {@code asset} after this row
 */
public record LedgerEntry(
    String id,
    String refid,
    Instant time,
    String type,
    String subtype,
    String aclass,
    String asset,
    BigDecimal amount,
    BigDecimal fee,
    BigDecimal balance) {

  public LedgerEntry {
    requireNonNull(id, "id");
    requireNonNull(refid, "refid");
    requireNonNull(time, "time");
    requireNonNull(type, "type");
    requireNonNull(subtype, "subtype");
    requireNonNull(aclass, "aclass");
    requireNonNull(asset, "asset");
    requireNonNull(amount, "amount");
    requireNonNull(fee, "fee");
    requireNonNull(balance, "balance");
  }

  /**
   * One line, amounts in plain notation: {@code L2344R-JVEUJ-SBYX5H 2025-09-03T21:32:01.565366Z
   * trade/tradespot XETH amount 0.0020000000 fee 0.0000000000 balance 0.0020000000 refid
   * TSVZ66-RESHM-IDZGCE}.
   */
  @Override
  public String toString() {
    return id
        + " "
        + time
        + " "
        + type
        + "/"
        + subtype
        + " "
        + asset
        + " amount "
        + amount.toPlainString()
        + " fee "
        + fee.toPlainString()
        + " balance "
        + balance.toPlainString()
        + " refid "
        + refid;
  }
}
