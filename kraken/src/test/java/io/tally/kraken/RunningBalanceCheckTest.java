package io.tally.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunningBalanceCheckTest {

  private static LedgerRow row(
      int line,
      String txid,
      String asset,
      String wallet,
      String amount,
      String fee,
      String balance) {
    return new LedgerRow(
        txid,
        "R" + line,
        Instant.parse("2024-01-01T00:00:00Z").plusSeconds(line),
        "deposit",
        "",
        "currency",
        "",
        asset,
        wallet,
        new BigDecimal(amount),
        new BigDecimal(fee),
        balance.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(balance)),
        "test.csv",
        line);
  }

  private static LedgerRow withBalance(LedgerRow row, String balance) {
    return new LedgerRow(
        row.txid(),
        row.refid(),
        row.time(),
        row.type(),
        row.subtype(),
        row.aclass(),
        row.subclass(),
        row.asset(),
        row.wallet(),
        row.amount(),
        row.fee(),
        Optional.of(new BigDecimal(balance)),
        row.source(),
        row.line());
  }

  private static LedgerRow at(Instant time, LedgerRow row) {
    return new LedgerRow(
        row.txid(),
        row.refid(),
        time,
        row.type(),
        row.subtype(),
        row.aclass(),
        row.subclass(),
        row.asset(),
        row.wallet(),
        row.amount(),
        row.fee(),
        row.balance(),
        row.source(),
        row.line());
  }

  private static LedgerRow withoutWallet(LedgerRow row) {
    return new LedgerRow(
        row.txid(),
        row.refid(),
        row.time(),
        row.type(),
        row.subtype(),
        row.aclass(),
        row.subclass(),
        row.asset(),
        "",
        row.amount(),
        row.fee(),
        row.balance(),
        row.source(),
        row.line());
  }

  static List<Path> ledgerSamples() {
    return Samples.ledgers();
  }

  @ParameterizedTest
  @MethodSource("ledgerSamples")
  void reproducesEveryBalanceOfEveryProjectSample(Path sample) {
    List<LedgerRow> rows = KrakenCsv.read(sample).ledgerRows();

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.firstDivergence()).isEmpty();
    assertThat(check.ok()).isTrue();
    assertThat(check.openingBalances()).as("every sample starts from an empty account").isEmpty();
    assertThat(check.rowsChecked() + check.rowsSkipped()).isEqualTo(rows.size());
  }

  @Test
  void acceptsRowsWhoseBalanceIsThePreviousPlusAmountMinusFee() {
    List<LedgerRow> rows =
        List.of(
            row(2, "L1", "ZEUR", "", "500.0000", "0.0000", "500.0000"),
            row(3, "L2", "ZEUR", "", "-100", "0.5", "399.5"), // 500 - 100 - 0.5
            row(4, "L3", "ZEUR", "", "100", "-0.5", "500")); // reversal: 399.5 + 100 + 0.5

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).isTrue();
    assertThat(check.rowsChecked()).isEqualTo(3);
    assertThat(check.openingBalances()).isEmpty();
  }

  @Test
  void reportsATamperedBalanceAtItsLine() {
    List<LedgerRow> rows =
        new ArrayList<>(KrakenCsv.read(Samples.sample("ledgers-L1.csv")).ledgerRows());
    int index = indexOfLine(rows, 13); // staking DOT.S 0.01234567, balance 12.51234567
    rows.set(index, withBalance(rows.get(index), "12.51234568"));

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).isFalse();
    assertThat(check.firstDivergence())
        .hasValueSatisfying(
            finding -> {
              assertThat(finding.kind()).isEqualTo(BalanceFinding.Kind.GAP);
              assertThat(finding.source()).isEqualTo("ledgers-L1.csv");
              assertThat(finding.line()).isEqualTo(13);
              assertThat(finding.txid()).isEqualTo(rows.get(index).txid());
              assertThat(finding.asset()).isEqualTo("DOT.S");
              assertThat(finding.wallet()).isEmpty();
              assertThat(finding.expected())
                  .isEqualByComparingTo("12.51234567"); // 12.5 + 0.01234567
              assertThat(finding.actual()).isEqualByComparingTo("12.51234568");
              assertThat(finding.difference()).isEqualByComparingTo("0.00000001");
            });
  }

  @Test
  void reportsEveryGapWithItsSizeAndGoesOnFromKrakensBalance() {
    List<LedgerRow> rows =
        List.of(
            row(2, "L1", "XXBT", "", "1", "0", "1"),
            row(3, "L2", "XXBT", "", "1", "0", "2.5"), // expected 1 + 1 = 2: a gap of 0.5
            row(4, "L3", "XXBT", "", "1", "0", "3.5"), // 2.5 + 1: fine from Kraken's balance
            row(5, "L4", "XXBT", "", "1", "0.1", "9")); // expected 3.5 + 1 - 0.1 = 4.4: gap 4.6

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).isFalse();
    assertThat(check.gaps())
        .extracting(f -> f.line() + " " + f.txid() + " " + f.difference().toPlainString())
        .containsExactly("3 L2 0.5", "5 L4 4.6");
    assertThat(check.firstDivergence().map(BalanceFinding::line)).contains(3);
    assertThat(check.rowsChecked()).isEqualTo(4);
  }

  @Test
  void findsAGapInOneWalletButNotInAnother() {
    List<LedgerRow> rows =
        List.of(
            row(2, "L1", "BTC", "spot / main", "1", "0", "1"),
            row(3, "L2", "BTC", "spot / main", "-0.4", "0", "0.6"),
            row(4, "L3", "BTC", "earn / flexible", "0.4", "0", "0.4"),
            // Rows missing here moved 0.25 more into spot: 0.6 - 0.1 = 0.5 expected, 0.75 shown.
            row(5, "L4", "BTC", "spot / main", "-0.1", "0", "0.75"),
            row(6, "L5", "BTC", "earn / flexible", "0.001", "0", "0.401"));

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.gaps())
        .singleElement()
        .hasToString(
            "GAP test.csv line 5 txid=L4 asset=BTC wallet=spot%20/%20main expected=0.5"
                + " actual=0.75");
    assertThat(check.openingBalances()).isEmpty();
  }

  @Test
  void aNegativeFeeMovesTheBalanceUpSoAReversalIsNoGap() {
    List<LedgerRow> rows =
        List.of(
            row(2, "L1", "AKT", "", "100", "0", "100"),
            row(3, "L2", "AKT", "", "-60", "0.5", "39.5"), // 100 - 60 - 0.5
            row(4, "L3", "AKT", "", "60", "-0.5", "100"), // 39.5 + 60 + 0.5
            row(5, "L4", "AKT", "", "-10", "-0.5", "95")); // 100 - 10 + 0.5 = 90.5: a gap of 4.5

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.gaps())
        .extracting(f -> f.txid() + " " + f.expected().toPlainString())
        .containsExactly("L4 90.5");
  }

  @Test
  void reportsANonZeroOpeningBalanceOncePerAssetAndWallet() {
    List<LedgerRow> rows =
        List.of(
            row(2, "L1", "DOT.S", "", "0.00528919", "0", "4.03030478"),
            row(3, "L2", "DOT.S", "", "0.00397192", "0", "4.0342767"),
            row(4, "L3", "XXBT", "", "-0.00638", "0.000016588", "0.0059739712"),
            row(5, "L4", "ZEUR", "", "10", "0", "10"));

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).isTrue();
    assertThat(check.openingBalances())
        .extracting(BalanceFinding::toString)
        .containsExactly(
            // 4.03030478 - 0.00528919 + 0
            "OPENING_BALANCE test.csv line 2 txid=L1 asset=DOT.S wallet= expected=0"
                + " actual=4.02501559",
            // 0.0059739712 + 0.00638 + 0.000016588
            "OPENING_BALANCE test.csv line 4 txid=L3 asset=XXBT wallet= expected=0"
                + " actual=0.0123705592");
  }

  @Test
  void skipsPendingRowsButARowWithoutABalanceStillMovesTheRunningBalance() {
    List<LedgerRow> rows =
        List.of(
            row(2, "", "ZEUR", "", "500", "0", ""), // pending: not a booking
            row(3, "L1", "ZEUR", "", "500", "0", "500"),
            row(4, "L2", "ZEUR", "", "7", "0", ""), // booked, so the books hold 507
            row(5, "L3", "ZEUR", "", "-100", "0", "400")); // 507 - 100 = 407: a gap of -7

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.rowsChecked()).isEqualTo(2);
    assertThat(check.rowsSkipped()).isEqualTo(2);
    assertThat(check.openingBalances()).isEmpty();
    assertThat(check.gaps())
        .extracting(f -> f.txid() + " " + f.difference().toPlainString())
        .containsExactly("L3 -7");
  }

  @Test
  void anOpeningBalanceLeavesOutWhatRowsWithoutABalanceMovedBeforeIt() {
    List<LedgerRow> rows =
        List.of(
            row(2, "L1", "ZEUR", "", "30", "0", ""),
            row(3, "L2", "ZEUR", "", "20", "1", "100")); // 100 - (30 + 20 - 1) = 51 before

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).isTrue();
    assertThat(check.openingBalances())
        .extracting(f -> f.txid() + " " + f.actual().toPlainString())
        .containsExactly("L2 51");
  }

  @Test
  void takesRowsOfOneMomentInKrakensOrderWhenTheyChain() {
    Instant moment = Instant.parse("2024-03-01T12:00:00Z");
    List<LedgerRow> rows =
        List.of(
            at(moment, row(2, "L1", "ZEUR", "", "100", "0", "100")),
            at(moment, row(3, "L2", "ZEUR", "", "-30", "0", "70")),
            at(moment, row(4, "L3", "ZEUR", "", "30", "0", "100")));

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).isTrue();
    assertThat(check.openingBalances()).isEmpty();
  }

  @Test
  void takesRowsOfOneMomentNewestFirstWhenOnlyThatOrderChains() {
    // As the API pages them: newest first. Oldest first they read 100 -> 60 -> 90.
    Instant moment = Instant.parse("2024-03-01T12:00:00Z");
    List<LedgerRow> rows =
        List.of(
            row(2, "L0", "ZEUR", "", "100", "0", "100"),
            at(moment, row(3, "L2", "ZEUR", "", "-10", "0", "60")),
            at(moment, row(4, "L1", "ZEUR", "", "-30", "0", "70")),
            at(moment.plusSeconds(1), row(5, "L3", "ZEUR", "", "30", "0", "90")));

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).as("gaps: %s", check.gaps()).isTrue();
  }

  @Test
  void findsTheChainingOrderOfRowsOfOneMomentThatTwoImportsInterleaved() {
    // Kraken booked L1, L2, L3 in one second; an import brought L1 and L3, a later one L2.
    Instant moment = Instant.parse("2024-03-01T12:00:00Z");
    List<LedgerRow> rows =
        List.of(
            at(moment, row(2, "L1", "ZEUR", "", "100", "0", "100")),
            at(moment, row(4, "L3", "ZEUR", "", "5", "0", "75")),
            at(moment, row(3, "L2", "ZEUR", "", "-30", "0", "70")));

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).as("gaps: %s", check.gaps()).isTrue();
    assertThat(check.openingBalances()).isEmpty();
  }

  @Test
  void startsRowsOfOneMomentWithTheOneNoOtherLeadsTo() {
    // The first rows of a wallet, newest first: 40 -> 100 -> 90 read backwards.
    Instant moment = Instant.parse("2024-03-01T12:00:00Z");
    List<LedgerRow> rows =
        List.of(
            at(moment, row(2, "L3", "ZEUR", "", "-10", "0", "90")),
            at(moment, row(3, "L2", "ZEUR", "", "60", "0", "100")),
            at(moment, row(4, "L1", "ZEUR", "", "40", "0", "40")));

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).as("gaps: %s", check.gaps()).isTrue();
    assertThat(check.openingBalances()).isEmpty();
  }

  @Test
  void aRowWithoutABalanceAtTheSameMomentStillMovesTheBalance() {
    Instant moment = Instant.parse("2024-03-01T12:00:00Z");
    List<LedgerRow> rows =
        List.of(
            row(2, "L0", "ZEUR", "", "100", "0", "100"),
            at(moment, row(3, "L1", "ZEUR", "", "5", "0", "")),
            at(moment, row(4, "L2", "ZEUR", "", "-10", "0", "95"))); // 100 + 5 - 10

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.ok()).as("gaps: %s", check.gaps()).isTrue();
    assertThat(check.rowsSkipped()).isEqualTo(1);
  }

  @Test
  void keepsKrakensOrderWhenNoOrderOfOneMomentChains() {
    Instant moment = Instant.parse("2024-03-01T12:00:00Z");
    List<LedgerRow> rows =
        List.of(
            row(2, "L0", "ZEUR", "", "100", "0", "100"),
            at(moment, row(3, "L1", "ZEUR", "", "-30", "0", "75")), // expected 70: gap 5
            at(moment, row(4, "L2", "ZEUR", "", "-10", "0", "60"))); // expected 65: gap -5

    BalanceCheck check = RunningBalanceCheck.check(rows);

    assertThat(check.gaps())
        .extracting(f -> f.txid() + " " + f.difference().toPlainString())
        .containsExactly("L1 5", "L2 -5");
  }

  @Test
  void keepsOneBalancePerWalletSoEarnMovesMatch() {
    List<LedgerRow> rows = KrakenCsv.read(Samples.sample("ledgers-L2.csv")).ledgerRows();

    assertThat(RunningBalanceCheck.check(rows).ok()).isTrue();
    // Keyed by asset alone, the earn leg of the first allocation (line 6) breaks XXBT.
    BalanceCheck byAssetOnly =
        RunningBalanceCheck.check(
            rows.stream().map(RunningBalanceCheckTest::withoutWallet).toList());
    assertThat(byAssetOnly.firstDivergence().map(BalanceFinding::line)).contains(6);
  }

  @Test
  void comparesNumericallyWhateverTheScale() {
    List<LedgerRow> rows =
        List.of(
            row(2, "L1", "XETH", "", "1.5000000000", "0.0000000000", "1.5000000000"),
            row(3, "L2", "XETH", "", "-0.5", "0", "1.00"));

    assertThat(RunningBalanceCheck.check(rows).ok()).isTrue();
  }

  @Test
  void printsAGapAsOneCanonicalLine() {
    List<LedgerRow> rows =
        List.of(
            row(2, "L1", "BTC", "earn / liquid", "1", "0", "1"),
            row(3, "L2", "BTC", "earn / liquid", "0.5", "0.01", "1.5"));

    assertThat(RunningBalanceCheck.check(rows).firstDivergence().orElseThrow())
        .hasToString(
            "GAP test.csv line 3 txid=L2 asset=BTC wallet=earn%20/%20liquid expected=1.49"
                + " actual=1.5");
  }

  private static int indexOfLine(List<LedgerRow> rows, int line) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).line() == line) {
        return i;
      }
    }
    throw new AssertionError("no row on line " + line);
  }
}
