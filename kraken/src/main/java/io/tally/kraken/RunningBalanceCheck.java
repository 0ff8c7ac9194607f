package io.tally.kraken;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Kraken's running balance check (ACCOUNTING.md §7): walking the rows oldest first, every row's
 * {@code balance} must equal the previous balance of the same asset and wallet plus {@code amount}
 * minus {@code fee}, exactly. Keyed by {@link LedgerRow#walletKey()}: keying by asset alone breaks
 * on every earn move between wallets.
 *
 * <ul>
 *   <li>Pending rows (no ledger id) are not bookings and are left out.
 *   <li>A booked row without a balance is not compared, but it still moves the running balance by
 *       {@code amount - fee}, as it moves the books.
 *   <li>The first balance of a key gives its opening balance ({@code balance - amount + fee}, less
 *       what balance-less rows before it moved); a non-zero one is reported, as the history then
 *       starts after the account did.
 *   <li>Every later balance that differs from the running balance is a <em>gap</em> of {@code
 *       balance - expected}: rows are missing before it (an export of 2021 and 2023 without 2022,
 *       or filtered). Every gap is reported, and the walk goes on from Kraken's balance.
 *   <li>Rows of one asset and wallet at the same moment are taken in the order their balances
 *       chain, which is Kraken's booking order: the order given (as exports list them) whenever it
 *       chains, else the one the balances show (the API pages newest first, and two imports may
 *       each bring some rows of one second).
 * </ul>
 *
 * <p>Example: rows {@code +500 fee 0 balance 500} then {@code -100 fee 0.5 balance 399.5} for
 * {@code ZEUR} give {@code ok()}; a second balance of {@code 399.6} gives a gap of {@code 0.1}
 * expecting {@code 399.5}. Stateless and pure.
 */
public final class RunningBalanceCheck {

  private RunningBalanceCheck() {}

  /**
   * Checks rows in the order given, which must be Kraken's booking order (oldest first, as exports
   * list them). Findings come in the order of the rows they name.
   */
  public static BalanceCheck check(List<LedgerRow> rows) {
    return check(rows, RunningBalances.NONE);
  }

  /**
   * Checks rows that all come after the rows {@code from} was left by ({@link
   * RunningBalances#precedes}), going on from their running balances: the findings and closing
   * balances equal those of one check over the earlier rows and these together.
   *
   * @throws IllegalArgumentException if a booked row is not after {@code from}'s rows
   */
  public static BalanceCheck check(List<LedgerRow> rows, RunningBalances from) {
    Map<String, List<Positioned>> byWallet = new LinkedHashMap<>();
    int checked = 0;
    int skipped = 0;
    Optional<Instant> through = from.through();
    for (int index = 0; index < rows.size(); index++) {
      LedgerRow row = rows.get(index);
      if (row.isPending() || !row.hasBalance()) {
        skipped++;
      } else {
        checked++;
      }
      if (!row.isPending()) {
        if (!from.precedes(row.time())) {
          throw new IllegalArgumentException(
              "Row " + row.txid() + " at " + row.time() + " is not after the rows checked before");
        }
        byWallet
            .computeIfAbsent(row.walletKey(), key -> new ArrayList<>())
            .add(new Positioned(index, row));
        if (through.isEmpty() || row.time().isAfter(through.get())) {
          through = Optional.of(row.time());
        }
      }
    }
    List<Found> openings = new ArrayList<>();
    List<Found> gaps = new ArrayList<>();
    SortedMap<String, RunningBalances.Wallet> closing = new TreeMap<>(from.wallets());
    byWallet.forEach(
        (key, walletRows) -> {
          RunningBalance running =
              new RunningBalance(
                  openings,
                  gaps,
                  Optional.ofNullable(from.wallets().get(key))
                      .orElse(new RunningBalances.Wallet(false, BigDecimal.ZERO)));
          running.walk(walletRows);
          closing.put(key, new RunningBalances.Wallet(running.opened, running.balance));
        });
    return new BalanceCheck(
        checked,
        skipped,
        inRowOrder(openings),
        inRowOrder(gaps),
        new RunningBalances(closing, through));
  }

  private static List<BalanceFinding> inRowOrder(List<Found> found) {
    found.sort(Comparator.comparingInt(Found::index));
    return found.stream().map(Found::finding).toList();
  }

  /** A row with its place in the input. */
  private record Positioned(int index, LedgerRow row) {}

  /** A finding with the place of its row in the input. */
  private record Found(int index, BalanceFinding finding) {}

  /** The running balance of one asset and wallet, walked over its rows. Not thread-safe. */
  private static final class RunningBalance {
    private final List<Found> openings;
    private final List<Found> gaps;

    /** Whether a row has shown Kraken's balance yet; before that, what the rows moved. */
    private boolean opened;

    private BigDecimal balance;

    RunningBalance(List<Found> openings, List<Found> gaps, RunningBalances.Wallet start) {
      this.openings = openings;
      this.gaps = gaps;
      this.opened = start.opened();
      this.balance = start.balance();
    }

    void walk(List<Positioned> rows) {
      int start = 0;
      while (start < rows.size()) {
        int end = start + 1;
        while (end < rows.size()
            && rows.get(end).row().time().equals(rows.get(start).row().time())) {
          end++;
        }
        sameMoment(rows.subList(start, end)).forEach(this::step);
        start = end;
      }
    }

    /**
     * Rows of one moment in the order their balances chain: each time the first remaining row (in
     * the order given) whose balance follows from the running balance, else the first remaining
     * row. Before the first balance, the first row no other row leads to comes first. When the
     * given order chains, it is kept.
     */
    private List<Positioned> sameMoment(List<Positioned> rows) {
      if (rows.size() < 2) {
        return rows;
      }
      List<Positioned> remaining = new ArrayList<>(rows);
      List<Positioned> ordered = new ArrayList<>(rows.size());
      boolean known = opened;
      BigDecimal running = balance;
      while (!remaining.isEmpty()) {
        Positioned next = next(remaining, known, running);
        remaining.remove(next);
        ordered.add(next);
        running = running.add(net(next.row()));
        if (next.row().hasBalance()) {
          known = true;
          running = next.row().balance().get();
        }
      }
      return ordered;
    }

    private static Positioned next(List<Positioned> remaining, boolean known, BigDecimal running) {
      for (Positioned candidate : remaining) {
        if (!candidate.row().hasBalance()) {
          return candidate;
        }
        boolean fits =
            known
                ? follows(running, candidate)
                : remaining.stream().noneMatch(other -> leadsTo(other, candidate));
        if (fits) {
          return candidate;
        }
      }
      return remaining.get(0);
    }

    /** Whether the row's balance is {@code running} plus its amount minus its fee. */
    private static boolean follows(BigDecimal running, Positioned row) {
      return row.row().balance().orElseThrow().compareTo(running.add(net(row.row()))) == 0;
    }

    /** Whether another row's balance leads to this row's. */
    private static boolean leadsTo(Positioned other, Positioned row) {
      return other.index() != row.index()
          && other.row().hasBalance()
          && follows(other.row().balance().get(), row);
    }

    private void step(Positioned positioned) {
      LedgerRow row = positioned.row();
      BigDecimal expected = balance.add(net(row));
      if (!row.hasBalance()) {
        balance = expected;
        return;
      }
      BigDecimal actual = row.balance().get();
      if (!opened) {
        // Before the first balance, expected is what this and earlier rows moved: the rest was
        // there before the history starts.
        BigDecimal opening = actual.subtract(expected);
        if (opening.signum() != 0) {
          openings.add(
              new Found(
                  positioned.index(),
                  finding(BalanceFinding.Kind.OPENING_BALANCE, row, BigDecimal.ZERO, opening)));
        }
      } else if (expected.compareTo(actual) != 0) {
        gaps.add(
            new Found(positioned.index(), finding(BalanceFinding.Kind.GAP, row, expected, actual)));
      }
      opened = true;
      balance = actual;
    }

    /** How much the row moves its balance: the amount less the fee (a negative fee adds). */
    private static BigDecimal net(LedgerRow row) {
      return row.amount().subtract(row.fee());
    }
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
