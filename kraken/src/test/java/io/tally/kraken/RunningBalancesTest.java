package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A check that goes on from {@link RunningBalances} finds what one check of every row finds. */
class RunningBalancesTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final List<String> KEYS = List.of("ZEUR", "XXBT", "DOT.S");
  private static final List<String> WALLETS = List.of("", "spot / main", "earn / liquid");

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 200);
  }

  /**
   * Seeded random ledgers: several assets and wallets, some rows without a balance, some pending,
   * several rows at one moment, balances that sometimes jump (gaps) and histories that start with a
   * balance already there (openings).
   */
  private static List<LedgerRow> ledger(SplittableRandom random) {
    List<LedgerRow> rows = new ArrayList<>();
    int count = 1 + random.nextInt(60);
    long second = 0;
    java.util.Map<String, BigDecimal> balances = new java.util.HashMap<>();
    for (int line = 1; line <= count; line++) {
      second += random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(100);
      String asset = KEYS.get(random.nextInt(KEYS.size()));
      String wallet = WALLETS.get(random.nextInt(WALLETS.size()));
      BigDecimal amount = BigDecimal.valueOf(random.nextInt(2001) - 1000, 2);
      BigDecimal fee = BigDecimal.valueOf(random.nextInt(5), 2);
      String key = asset + "|" + wallet;
      BigDecimal before =
          balances.computeIfAbsent(
              key,
              k ->
                  random.nextInt(3) == 0
                      ? BigDecimal.valueOf(random.nextInt(500))
                      : BigDecimal.ZERO);
      BigDecimal after = before.add(amount).subtract(fee);
      if (random.nextInt(10) == 0) {
        after = after.add(BigDecimal.ONE); // a gap
      }
      balances.put(key, after);
      boolean pending = random.nextInt(15) == 0;
      Optional<BigDecimal> balance = random.nextInt(8) == 0 ? Optional.empty() : Optional.of(after);
      rows.add(
          new LedgerRow(
              pending ? "" : "L" + line,
              "R" + line,
              T0.plusSeconds(second),
              "deposit",
              "",
              "currency",
              "",
              asset,
              wallet,
              amount,
              fee,
              balance,
              "test.csv",
              line));
    }
    return rows;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aCheckThatGoesOnFindsWhatOneCheckOfEveryRowFinds(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<LedgerRow> rows = ledger(random);
    BalanceCheck whole = RunningBalanceCheck.check(rows);

    // Cut between two moments: every row after the cut is later than every row before it.
    int cut = random.nextInt(rows.size() + 1);
    while (cut > 0 && cut < rows.size() && rows.get(cut).time().equals(rows.get(cut - 1).time())) {
      cut--;
    }
    BalanceCheck first = RunningBalanceCheck.check(rows.subList(0, cut));
    RunningBalances stored = RunningBalances.parse(first.closing().toText());
    BalanceCheck second = RunningBalanceCheck.check(rows.subList(cut, rows.size()), stored);

    List<BalanceFinding> openings = new ArrayList<>(first.openingBalances());
    openings.addAll(second.openingBalances());
    List<BalanceFinding> gaps = new ArrayList<>(first.gaps());
    gaps.addAll(second.gaps());
    assertThat(openings)
        .as("seed %d, cut %d: openings", seed, cut)
        .isEqualTo(whole.openingBalances());
    assertThat(gaps).as("seed %d, cut %d: gaps", seed, cut).isEqualTo(whole.gaps());
    assertThat(second.closing())
        .as("seed %d, cut %d: closing", seed, cut)
        .isEqualTo(whole.closing());
    assertThat(first.rowsChecked() + second.rowsChecked()).isEqualTo(whole.rowsChecked());
  }

  @Test
  void rowsNotAfterTheCheckedOnesAreRefused() {
    LedgerRow row =
        new LedgerRow(
            "L1",
            "R1",
            T0,
            "deposit",
            "",
            "currency",
            "",
            "ZEUR",
            "",
            BigDecimal.TEN,
            BigDecimal.ZERO,
            Optional.of(BigDecimal.TEN),
            "test.csv",
            2);
    RunningBalances after = RunningBalanceCheck.check(List.of(row)).closing();

    assertThat(after.through()).contains(T0);
    assertThat(after.precedes(T0)).isFalse();
    assertThatThrownBy(() -> RunningBalanceCheck.check(List.of(row), after))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not after the rows checked before");
  }

  @Test
  void theTextKeepsWalletsWithTabsAndBackslashes() {
    RunningBalances balances =
        new RunningBalances(
            new java.util.TreeMap<>(
                java.util.Map.of(
                    "ZEUR|a\tb\\c",
                    new RunningBalances.Wallet(true, new BigDecimal("12.50")),
                    "XXBT|",
                    new RunningBalances.Wallet(false, new BigDecimal("-0.1")))),
            Optional.of(T0));

    assertThat(RunningBalances.parse(balances.toText())).isEqualTo(balances);
    assertThat(RunningBalances.parse(RunningBalances.NONE.toText()))
        .isEqualTo(RunningBalances.NONE);
    assertThatThrownBy(() -> RunningBalances.parse("\nZEUR|\tyes\t1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
