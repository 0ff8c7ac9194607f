package io.tally.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tally.books.DataIssue;
import io.tally.books.IssueKind;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.kraken.LedgerRow;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerCheckTest {

  private static final Asset EUR = Asset.of("EUR");

  private static LedgerRow row(
      String file,
      int line,
      String txid,
      String time,
      String asset,
      String wallet,
      String amount,
      String fee,
      String balance) {
    return new LedgerRow(
        txid,
        "R" + txid,
        Instant.parse(time),
        amount.startsWith("-") ? "withdrawal" : "deposit",
        "",
        "currency",
        "",
        asset,
        wallet,
        new BigDecimal(amount),
        new BigDecimal(fee),
        balance.isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(balance)),
        file,
        line);
  }

  /** EUR in 2021 (ends at 0) and 2023 (starts where the missing 2022 left 1,756.39). */
  private static List<LedgerRow> eur2021And2023() {
    return List.of(
        row("2021.csv", 2, "L1", "2021-03-01T10:00:00Z", "ZEUR", "", "1000", "0", "1000"),
        row("2021.csv", 3, "L2", "2021-06-01T10:00:00Z", "ZEUR", "", "-999", "1", "0"),
        row("2023.csv", 2, "L5", "2023-02-01T10:00:00Z", "ZEUR", "", "100", "0", "1856.39"),
        row("2023.csv", 3, "L6", "2023-03-01T10:00:00Z", "ZEUR", "", "-99.5", "0.5", "1756.39"));
  }

  @Test
  void aGapInTheMiddleIsBookedWithItsSizeAMicrosecondBeforeItsRow() {
    LedgerCheck check = LedgerCheck.of(eur2021And2023());

    // 2021 ends at 1000 - 999 - 1 = 0; 2023's first row expects 0 + 100 = 100 but shows 1856.39,
    // so 1856.39 - 100 = 1756.39 arrived in rows the exports lack.
    assertThat(check.gaps())
        .containsExactly(
            new CashFlow(
                EventId.of("gap:ZEUR::L5"),
                Instant.parse("2023-02-01T09:59:59.999999Z"),
                FlowKind.ADJUSTMENT,
                new Amount(EUR, new BigDecimal("1756.39")),
                Amount.zero(EUR)));
    assertThat(check.openings()).isEmpty();
    DataIssue gap =
        new DataIssue(
            IssueKind.BALANCE_GAP,
            "L5",
            "EUR",
            "2023.csv line 2: Kraken's balance of ZEUR is 1856.39 but the rows before it add up to"
                + " 100, so rows are missing before it; the gap of 1756.39 is booked as an"
                + " adjustment at market value");
    assertThat(check.issues()).containsExactly(gap);
    assertThat(check.firstDivergence()).contains(gap);
  }

  @Test
  void theRowsPlusTheGapAddUpToKrakensLastBalance() {
    List<LedgerRow> rows = eur2021And2023();
    LedgerCheck check = LedgerCheck.of(rows);

    BigDecimal booked =
        rows.stream()
            .map(row -> row.amount().subtract(row.fee()))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    for (CashFlow adjustment : check.adjustments()) {
      booked = booked.add(adjustment.amount().value());
    }

    // 1000 - 1000 + 100 - 100 = 0 from the rows, + 1756.39 from the gap
    assertThat(booked).isEqualByComparingTo("1756.39");
  }

  @Test
  void twoGapsAreEachBookedAtTheirRowInRowOrder() {
    List<LedgerRow> rows =
        List.of(
            row("a.csv", 2, "L1", "2024-01-01T00:00:00Z", "XXBT", "", "1", "0", "1"),
            row("a.csv", 3, "L2", "2024-02-01T00:00:00Z", "XXBT", "", "0.5", "0", "2"),
            row("a.csv", 4, "L3", "2024-03-01T00:00:00Z", "XXBT", "", "-1", "0.0001", "0.9999"),
            row("a.csv", 5, "L4", "2024-04-01T00:00:00Z", "XXBT", "", "0.1", "0", "0.3"));

    LedgerCheck check = LedgerCheck.of(rows);

    assertThat(check.gaps())
        .extracting(flow -> flow.id().value() + " " + flow.at() + " " + flow.amount())
        .containsExactly(
            "gap:XXBT::L2 2024-01-31T23:59:59.999999Z XBT 0.5", // 2 - (1 + 0.5)
            "gap:XXBT::L4 2024-03-31T23:59:59.999999Z XBT -0.7999"); // 0.3 - (0.9999 + 0.1)
    assertThat(check.issues()).extracting(DataIssue::event).containsExactly("L2", "L4");
    assertThat(check.firstDivergence().map(DataIssue::event)).contains("L2");
  }

  @Test
  void aGapInOneWalletLeavesTheOtherWalletAlone() {
    List<LedgerRow> rows =
        List.of(
            row("e.csv", 2, "L1", "2025-01-01T00:00:00Z", "BTC", "spot / main", "1", "0", "1"),
            row("e.csv", 3, "L2", "2025-01-02T00:00:00Z", "BTC", "spot / main", "-0.4", "0", "0.6"),
            row(
                "e.csv",
                4,
                "L3",
                "2025-01-02T00:00:00Z",
                "BTC",
                "earn / flexible",
                "0.4",
                "0",
                "0.4"),
            row("e.csv", 5, "L4", "2025-03-01T00:00:00Z", "BTC", "spot / main", "0.1", "0", "0.9"),
            row(
                "e.csv",
                6,
                "L5",
                "2025-03-02T00:00:00Z",
                "BTC",
                "earn / flexible",
                "0.01",
                "0",
                "0.41"));

    LedgerCheck check = LedgerCheck.of(rows);

    // spot: 0.6 + 0.1 = 0.7 expected, 0.9 shown; earn: 0.4 + 0.01 = 0.41 as shown
    assertThat(check.gaps())
        .extracting(flow -> flow.id().value() + " " + flow.amount())
        .containsExactly("gap:BTC:spot/main:L4 XBT 0.2");
    assertThat(check.issues())
        .singleElement()
        .satisfies(
            issue -> {
              assertThat(issue.kind()).isEqualTo(IssueKind.BALANCE_GAP);
              assertThat(issue.asset()).isEqualTo("XBT");
              assertThat(issue.detail())
                  .startsWith("e.csv line 5: Kraken's balance of BTC in spot / main is 0.9");
            });
  }

  @Test
  void aHistoryThatStartsLateAndHasAHoleBooksAnOpeningAndAGap() {
    List<LedgerRow> rows =
        List.of(
            row("x.csv", 2, "L1", "2024-01-01T00:00:00Z", "ZEUR", "", "10", "0", "50"),
            row("x.csv", 3, "L2", "2024-05-01T00:00:00Z", "ZEUR", "", "10", "0", "70"));

    LedgerCheck check = LedgerCheck.of(rows);

    // opening 50 - 10 = 40; then 50 + 10 = 60 expected, 70 shown: a gap of 10
    assertThat(check.adjustments())
        .extracting(flow -> flow.id().value() + " " + flow.amount())
        .containsExactly("opening:ZEUR: EUR 40", "gap:ZEUR::L2 EUR 10");
    assertThat(check.issues())
        .extracting(DataIssue::kind)
        .containsExactly(IssueKind.OPENING_BALANCE, IssueKind.BALANCE_GAP);
    assertThat(check.firstDivergence().map(DataIssue::event)).contains("L2");
  }

  @Test
  void aConsistentHistoryBooksNothingAndHasNoDivergence() {
    List<LedgerRow> rows =
        List.of(
            row("c.csv", 2, "", "2024-01-01T00:00:00Z", "ZEUR", "", "10", "0", ""),
            row("c.csv", 3, "L1", "2024-01-01T00:05:00Z", "ZEUR", "", "10", "0", "10"),
            row("c.csv", 4, "L2", "2024-01-02T00:00:00Z", "ZEUR", "", "-5", "0.1", "4.9"));

    LedgerCheck check = LedgerCheck.of(rows);

    assertThat(check.adjustments()).isEmpty();
    assertThat(check.issues()).isEmpty();
    assertThat(check.firstDivergence()).isEmpty();
  }

  @Test
  void itsMarksKeepTheIssuesAndTheIdsOfEveryAdjustment() {
    List<LedgerRow> rows =
        List.of(
            row("x.csv", 2, "L1", "2024-01-01T00:00:00Z", "ZEUR", "", "10", "0", "50"),
            row("x.csv", 3, "L2", "2024-05-01T00:00:00Z", "ZEUR", "", "10", "0", "70"));
    LedgerCheck check = LedgerCheck.of(rows);

    assertThat(check.marks().get(Mark.LEDGER_OPENINGS.key())).isEqualTo("opening:ZEUR:\n");
    assertThat(check.marks().get(Mark.LEDGER_GAPS.key())).isEqualTo("gap:ZEUR::L2\n");
    assertThat(LedgerCheck.storedAdjustmentIds(new Marks(check.marks())))
        .containsExactly("opening:ZEUR:", "gap:ZEUR::L2");
    assertThat(LedgerCheck.parseIssues(check.marks().get(Mark.LEDGER_ISSUES.key())))
        .isEqualTo(check.issues());
    assertThat(LedgerCheck.firstDivergence(check.issues())).isEqualTo(check.firstDivergence());
  }

  @Test
  void theFirstDivergenceOfAStoreCheckedBeforeGapsIsItsMismatch() {
    DataIssue opening = new DataIssue(IssueKind.OPENING_BALANCE, "L1", "EUR", "history starts");
    DataIssue mismatch = new DataIssue(IssueKind.BALANCE_MISMATCH, "L7", "EUR", "old check");

    assertThat(LedgerCheck.firstDivergence(List.of(opening, mismatch))).contains(mismatch);
    assertThat(LedgerCheck.firstDivergence(List.of(opening))).isEmpty();
  }
}
