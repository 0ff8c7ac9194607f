package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link RunningBalanceCheck}: how many rows were checked, the opening balances
 * found and every gap (a row whose balance jumps away from the running balance), each list in row
 * order.
 *
 * <p>Example: {@code BalanceCheck[rowsChecked=9, rowsSkipped=3, openingBalances=[OPENING_BALANCE
 * ledgers.csv line 3 txid=... asset=DOT.S wallet= expected=0 actual=4.02501559], gaps=[]]} is
 * {@link #ok()}. Immutable.
 *
 * @param rowsChecked rows with a ledger id and a balance, each either opening its asset and wallet
 *     or compared with the running balance
 * @param rowsSkipped pending rows and rows without a balance (the latter still move the running
 *     balance)
 * @param openingBalances non-zero balances found before the first row of an asset and wallet
 * @param gaps rows whose balance differs from the running balance before them plus amount minus fee
 * @param closing where the running balances stand after the rows, for a check of later rows
 */
public record BalanceCheck(
    int rowsChecked,
    int rowsSkipped,
    List<BalanceFinding> openingBalances,
    List<BalanceFinding> gaps,
    RunningBalances closing) {

  public BalanceCheck {
    openingBalances = List.copyOf(openingBalances);
    gaps = List.copyOf(gaps);
    requireNonNull(closing, "closing");
  }

  /** The first gap: the first row whose balance differs from the running balance, if any. */
  public Optional<BalanceFinding> firstDivergence() {
    return gaps.stream().findFirst();
  }

  /** Whether every balance followed from the rows before it. Opening balances do not count. */
  public boolean ok() {
    return gaps.isEmpty();
  }
}
