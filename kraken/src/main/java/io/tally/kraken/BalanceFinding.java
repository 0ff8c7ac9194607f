package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * What {@link RunningBalanceCheck} found at one ledger row: a running balance that does not match
 * Kraken's, or a history that opens with a balance already there.
 *
 * <p>Example: {@code DIVERGENCE ledgers.csv line 7 txid=LE6RXL-TZ6L4-IFASO2 asset=XXBT wallet=
 * expected=0.0018833632 actual=0.0018833633}. Immutable.
 *
 * @param kind what was found
 * @param source the file of the row
 * @param line the row's 1-based line
 * @param txid the row's ledger id
 * @param asset the raw asset name
 * @param wallet the wallet; empty when the export has none
 * @param expected for a divergence the running balance; for an opening balance zero
 * @param actual for a divergence Kraken's balance; for an opening balance the balance before the
 *     row ({@code balance - amount + fee})
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
    /** A row's balance differs from the previous balance plus amount minus fee. */
    DIVERGENCE
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

  /** {@code actual - expected}. */
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
