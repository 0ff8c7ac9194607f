package io.tally.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.books.IssueKind;
import io.tally.kraken.BalanceCheck;
import io.tally.kraken.BalanceFinding;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.RunningBalanceCheck;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kraken's running-balance check (ACCOUNTING.md §7, the ledger check) over every ledger row of an
 * account, and what the books take from it: an opening-balance adjustment for each asset and wallet
 * whose first row finds a balance already there (a history that starts after the account did), and
 * the findings as data issues, the first divergence included.
 *
 * <p>Each opening balance is booked at market value one microsecond before the row that shows it,
 * as an {@code adjustment} cash flow with id {@code opening:<asset>:<wallet>}; importing an older
 * export later moves it back in time (a new revision of the same event) or removes it.
 *
 * <p>Example: {@code LedgerCheck.of(rows).openings()}. Immutable.
 */
public record LedgerCheck(
    List<CashFlow> openings, List<DataIssue> issues, Optional<DataIssue> firstDivergence) {

  /** The mark holding the issues of the latest check, one {@link DataIssue#toText()} per line. */
  public static final String ISSUES_MARK = "ledger.issues";

  /** The mark holding the ids of the opening-balance events of the latest check, one per line. */
  public static final String OPENINGS_MARK = "ledger.openings";

  public LedgerCheck {
    openings = List.copyOf(openings);
    issues = List.copyOf(issues);
    requireNonNull(firstDivergence, "firstDivergence");
  }

  /** The check over {@code rows}, in any order: they are sorted by time (stably) first. */
  public static LedgerCheck of(List<LedgerRow> rows) {
    List<LedgerRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(LedgerRow::time));
    BalanceCheck check = RunningBalanceCheck.check(sorted);
    return new LedgerCheck(
        openings(check, sorted),
        issues(check),
        check.firstDivergence().map(LedgerCheck::divergence));
  }

  /** A running-balance check's findings as data issues: openings, then the first divergence. */
  public static List<DataIssue> issues(BalanceCheck check) {
    List<DataIssue> issues = openingIssues(check);
    check.firstDivergence().map(LedgerCheck::divergence).ifPresent(issues::add);
    return issues;
  }

  /** The issues as the {@link #ISSUES_MARK} keeps them. */
  public String issuesText() {
    StringBuilder text = new StringBuilder();
    issues.forEach(issue -> text.append(issue.toText()).append('\n'));
    return text.toString();
  }

  /** The opening event ids as the {@link #OPENINGS_MARK} keeps them. */
  public String openingsText() {
    StringBuilder text = new StringBuilder();
    openings.forEach(event -> text.append(event.id().value()).append('\n'));
    return text.toString();
  }

  /** Issues read back from {@link #issuesText()}. */
  public static List<DataIssue> parseIssues(String text) {
    return text.lines().filter(line -> !line.isEmpty()).map(DataIssue::parse).toList();
  }

  /** The first divergence among issues read back from {@link #issuesText()}. */
  public static Optional<DataIssue> firstDivergence(List<DataIssue> issues) {
    return issues.stream().filter(i -> i.kind() == IssueKind.BALANCE_MISMATCH).findFirst();
  }

  private static List<CashFlow> openings(BalanceCheck check, List<LedgerRow> rows) {
    Map<String, LedgerRow> byTxid = new HashMap<>();
    rows.forEach(row -> byTxid.putIfAbsent(row.txid(), row));
    List<CashFlow> events = new ArrayList<>();
    for (BalanceFinding opening : check.openingBalances()) {
      LedgerRow row = byTxid.get(opening.txid());
      Asset asset = AssetSymbol.canonical(opening.asset());
      String place = (opening.asset() + ":" + opening.wallet()).replaceAll("\\s+", "");
      events.add(
          new CashFlow(
              EventId.of("opening:" + place),
              row.time().minus(1, ChronoUnit.MICROS),
              FlowKind.ADJUSTMENT,
              new Amount(asset, opening.actual()),
              Amount.zero(asset)));
    }
    return events;
  }

  private static List<DataIssue> openingIssues(BalanceCheck check) {
    List<DataIssue> issues = new ArrayList<>();
    for (BalanceFinding opening : check.openingBalances()) {
      issues.add(
          new DataIssue(
              IssueKind.OPENING_BALANCE,
              opening.txid(),
              AssetSymbol.canonical(opening.asset()).code(),
              "history starts after the account did: "
                  + opening.source()
                  + " line "
                  + opening.line()
                  + " finds "
                  + opening.actual().toPlainString()
                  + " "
                  + opening.asset()
                  + (opening.wallet().isEmpty() ? "" : " in " + opening.wallet())
                  + " already there; booked as an opening adjustment at market value"));
    }
    return issues;
  }

  private static DataIssue divergence(BalanceFinding divergence) {
    return new DataIssue(
        IssueKind.BALANCE_MISMATCH,
        divergence.txid(),
        AssetSymbol.canonical(divergence.asset()).code(),
        divergence.source()
            + " line "
            + divergence.line()
            + ": Kraken's balance "
            + divergence.actual().toPlainString()
            + " but the rows before it add up to "
            + divergence.expected().toPlainString()
            + (divergence.wallet().isEmpty() ? "" : " (" + divergence.wallet() + ")"));
  }
}
