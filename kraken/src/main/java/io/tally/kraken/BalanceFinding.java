package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * What {@link RunningBalanceCheck} found at one ledger row: a gap (Kraken's balance jumps away from
 * the running balance, as rows are missing before it), or a history that opens with a balance
 * already there.
 *
 * <p>Example: {@code GAP ledgers.csv line 7 txid=LE6RXL-TZ6L4-IFASO2 asset=XXBT wallet=
 * expected=0.0018833632 actual=0.0018833633}, a gap of {@code 0.0000000001}. Immutable.
 *
 * @param kind what was found
 * @param source the file of the row
 * @param line the row's 1-based line
 * @param txid the row's ledger id
 * @param asset the raw asset name
 * @param wallet the wallet; empty when the export has none
 * @param expected for a gap the running balance plus the row's amount minus its fee; for an opening
 *     balance zero
 * @param actual for a gap Kraken's balance; for an opening balance the balance before the row
 *     ({@code balance - amount + fee})
 */
public record BalanceFinding(
    Kind kind,
    String source,
    int line,
    String txid,
    String asset,
    String wallet,
    BigDecimal expected,
    BigDecimal actual) {

  /** The kinds of finding. */
  public enum Kind {
    /** The first row of an asset and wallet finds a balance already there: history starts late. */
    OPENING_BALANCE,
    /**
     * A row's balance differs from the previous balance of its asset and wallet plus amount minus
     * fee: rows are missing before it.
     */
    GAP
  }

  public BalanceFinding {
    requireNonNull(kind, "kind");
    requireNonNull(source, "source");
    requireNonNull(txid, "txid");
    requireNonNull(asset, "asset");
    requireNonNull(wallet, "wallet");
    requireNonNull(expected, "expected");
    requireNonNull(actual, "actual");
  }

  /** {@code actual - expected}: the size of a gap, or the opening balance. */
  public BigDecimal difference() {
    return actual.subtract(expected);
  }

  /** Canonical one-line form (see the class example). */
  @Override
  public String toString() {
    return kind
        + " "
        + KrakenText.word(source)
        + " line "
        + line
        + " txid="
        + KrakenText.word(txid)
        + " asset="
        + KrakenText.word(asset)
        + " wallet="
        + KrakenText.word(wallet)
        + " expected="
        + expected.toPlainString()
        + " actual="
        + actual.toPlainString();
  }
}
