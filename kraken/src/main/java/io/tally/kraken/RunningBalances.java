package io.tally.kraken;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where Kraken's running balances stand after the rows a {@link RunningBalanceCheck} walked: per
 * asset and wallet ({@link LedgerRow#walletKey()}), whether a row has shown Kraken's balance yet
 * and the running balance, plus the time of the latest booked row. A check of later rows goes on
 * from here ({@link RunningBalanceCheck#check(java.util.List, RunningBalances)}) and finds what a
 * check of every row would find for them, so an import or sync checks what it adds, not what is
 * stored.
 *
 * <p>Example: after {@code +500 ZEUR balance 500} at 10:00, {@code RunningBalances[wallets={ZEUR|=
 * Wallet[opened=true, balance=500]}, through=Optional[...T10:00:00Z]]}; its {@link #toText()} is
 * {@code 2024-01-01T10:00:00Z} then {@code ZEUR|<TAB>1<TAB>500}. Immutable.
 *
 * @param wallets each asset and wallet's running balance, by wallet key
 * @param through the time of the latest booked (non-pending) row walked; empty before any
 */
public record RunningBalances(SortedMap<String, Wallet> wallets, Optional<Instant> through) {

  /** Before any row. */
  public static final RunningBalances NONE = new RunningBalances(new TreeMap<>(), Optional.empty());

  /**
   * One asset and wallet's running balance.
   *
   * @param opened whether a row has shown Kraken's balance yet (before that, {@code balance} is
   *     what the rows moved)
   * @param balance the running balance
   */
  public record Wallet(boolean opened, BigDecimal balance) {
    public Wallet {
      requireNonNull(balance, "balance");
    }
  }

  public RunningBalances {
    wallets = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(wallets, "wallets")));
    requireNonNull(through, "through");
  }

  /**
   * Whether a check of {@code time}'s rows can go on from here: only rows after every row walked
   * can, since rows of one moment are ordered by how their balances chain.
   */
  public boolean precedes(Instant time) {
    return through.map(time::isAfter).orElse(true);
  }

  /** One line with {@link #through} (empty before any row), then one line per wallet. */
  public String toText() {
    StringBuilder text = new StringBuilder(through.map(Instant::toString).orElse("")).append('\n');
    wallets.forEach(
        (key, wallet) ->
            text.append(key.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"))
                .append('\t')
                .append(wallet.opened() ? '1' : '0')
                .append('\t')
                .append(wallet.balance().toPlainString())
                .append('\n'));
    return text.toString();
  }

  /**
   * Reads {@link #toText()}.
   *
   * @throws IllegalArgumentException if the text is not one
   */
  public static RunningBalances parse(String text) {
    String[] lines = text.split("\n", -1);
    try {
      Optional<Instant> through =
          lines[0].isEmpty() ? Optional.empty() : Optional.of(Instant.parse(lines[0]));
      SortedMap<String, Wallet> wallets = new TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        if (lines[i].isEmpty()) {
          continue;
        }
        String[] fields = lines[i].split("\t", -1);
        if (fields.length != 3 || !(fields[1].equals("0") || fields[1].equals("1"))) {
          throw new IllegalArgumentException("Not a running balance: '" + lines[i] + "'");
        }
        wallets.put(
            unescape(fields[0]), new Wallet(fields[1].equals("1"), new BigDecimal(fields[2])));
      }
      return new RunningBalances(wallets, through);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("Not running balances: " + e.getMessage(), e);
    }
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
