package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link RunningBalanceCheck}: how many rows were checked, the first row whose
 * balance diverges (if any), and the opening balances found.
 *
 * <p>Example: {@code BalanceCheck[rowsChecked=9, rowsSkipped=3, firstDivergence=Optional.empty,
 * openingBalances=[OPENING_BALANCE ledgers.csv line 3 txid=... asset=DOT.S wallet= expected=0
 * actual=4.02501559]]} is {@link #ok()}. Immutable.
 *
 * @param rowsChecked rows with a ledger id and a balance, each either opening its asset and wallet
 *     or compared with the running balance
 * @param rowsSkipped pending rows and rows without a balance
 * @param firstDivergence the first row whose balance differs from the running balance
 * @param openingBalances non-zero balances found before the first row of an asset and wallet
 */
public record BalanceCheck(
    int rowsChecked,
    int rowsSkipped,
    Optional<BalanceFinding> firstDivergence,
    List<BalanceFinding> openingBalances) {

  public BalanceCheck {
    requireNonNull(firstDivergence, "firstDivergence");
    openingBalances = List.copyOf(openingBalances);
  }

  /** Whether every balance matched. Opening balances do not make a check fail. */
  public boolean ok() {
    return firstDivergence.isEmpty();
  }
}
