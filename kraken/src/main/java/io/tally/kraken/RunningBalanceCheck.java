package io.tally.kraken;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kraken's running balance check (ACCOUNTING.md §7): walking the rows oldest first, every row's
 * {@code balance} must equal the previous balance of the same asset and wallet plus {@code amount}
 * minus {@code fee}, exactly. Keyed by {@link LedgerRow#walletKey()}: keying by asset alone breaks
 * on every earn move between wallets. Pending rows and rows without a balance are skipped. The
 * first row of a key sets its opening balance ({@code balance - amount + fee}); a non-zero one is
 * reported, as the history then starts after the account did.
 *
 * <p>Example: rows {@code +500 fee 0 balance 500} then {@code -100 fee 0.5 balance 399.5} for
 * {@code ZEUR} give {@code ok()}; a second balance of {@code 399.6} gives a divergence expecting
 * {@code 399.5}. Stateless and pure.
 */
public final class RunningBalanceCheck {

  private RunningBalanceCheck() {}

  /**
   * Checks rows in the order given, which must be Kraken's booking order (oldest first, as exports
   * list them). After a divergence the walk continues from Kraken's balance, so only the first
   * divergence is reported and later rows are still counted.
   */
  public static BalanceCheck check(List<LedgerRow> rows) {
    Map<String, BigDecimal> running = new HashMap<>();
    List<BalanceFinding> openings = new ArrayList<>();
    Optional<BalanceFinding> firstDivergence = Optional.empty();
    int checked = 0;
    int skipped = 0;
    for (LedgerRow row : rows) {
      if (row.isPending() || row.balance().isEmpty()) {
        skipped++;
        continue;
      }
      checked++;
      BigDecimal balance = row.balance().get();
      BigDecimal previous = running.put(row.walletKey(), balance);
      if (previous == null) {
        BigDecimal opening = balance.subtract(row.amount()).add(row.fee());
        if (opening.signum() != 0) {
          openings.add(finding(BalanceFinding.Kind.OPENING_BALANCE, row, BigDecimal.ZERO, opening));
        }
      } else {
        BigDecimal expected = previous.add(row.amount()).subtract(row.fee());
        if (expected.compareTo(balance) != 0 && firstDivergence.isEmpty()) {
          firstDivergence =
              Optional.of(finding(BalanceFinding.Kind.DIVERGENCE, row, expected, balance));
        }
      }
    }
    return new BalanceCheck(checked, skipped, firstDivergence, openings);
  }

  private static BalanceFinding finding(
      BalanceFinding.Kind kind, LedgerRow row, BigDecimal expected, BigDecimal actual) {
    return new BalanceFinding(
        kind,
        row.source(),
        row.line(),
        row.txid(),
        row.asset(),
        row.wallet(),
        Precision.canonical(expected),
        Precision.canonical(actual));
  }
}
