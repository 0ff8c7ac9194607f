package io.tally.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.books.IssueKind;
import io.tally.engine.Mark;
import io.tally.engine.Marks;
import io.tally.kraken.BalanceCheck;
import io.tally.kraken.BalanceFinding;
import io.tally.kraken.LedgerRow;
import io.tally.kraken.RunningBalanceCheck;
import io.tally.kraken.RunningBalances;
import io.tally.ledger.CashFlow;
import io.tally.ledger.EventId;
import io.tally.ledger.FlowKind;
import io.tally.money.Amount;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kraken's running-balance check (ACCOUNTING.md §7, the ledger check) over every ledger row of an
 * account, and what the books take from it so that holdings equal Kraken's {@code balance} column:
 *
 * <ul>
 *   <li>an <em>opening balance</em> for each asset and wallet whose first row finds a balance
 *       already there (a history that starts after the account did), id {@code
 *       opening:<asset>:<wallet>};
 *   <li>a <em>gap</em> for each row whose balance jumps away from the running balance (rows are
 *       missing before it: an export of 2021 and 2023 without 2022, or one filtered by asset), of
 *       size {@code balance - expected}, id {@code gap:<asset>:<wallet>:<ledger id of the row>};
 * </ul>
 *
 * <p>Each is an {@code adjustment} cash flow at market value one microsecond before the row that
 * shows it, and a data issue ({@code opening_balance}, {@code balance_gap}) naming file, line,
 * asset, wallet and size. The events are stored like any other: a later import that brings older
 * rows moves an opening back in time (a new revision of the same event) and one that brings the
 * missing rows makes the gap disappear, so its event is retracted. The first gap is the check's
 * first divergence.
 *
 * <p>The check is incremental: {@link #marks()} keep where the running balances stand ({@link
 * RunningBalances}), and rows that all come after the stored ones are checked from there ({@link
 * #continuing}), finding what a check of every row would.
 *
 * <p>Example: {@code LedgerCheck.of(rows).adjustments()}. Immutable.
 *
 * @param openings the opening-balance adjustments, in row order
 * @param gaps the gap adjustments, in row order
 * @param issues the findings: openings, then gaps
 * @param firstDivergence the issue of the first gap
 * @param balances where the running balances stand after the rows
 * @param keptOpeningIds the ids of opening adjustments an earlier check booked that still stand
 *     (none for a check of every row): {@link #marks()} lists them before {@code openings}
 * @param keptGapIds the same for gap adjustments
 */
public record LedgerCheck(
    List<CashFlow> openings,
    List<CashFlow> gaps,
    List<DataIssue> issues,
    Optional<DataIssue> firstDivergence,
    RunningBalances balances,
    List<String> keptOpeningIds,
    List<String> keptGapIds) {

  public LedgerCheck {
    openings = List.copyOf(openings);
    gaps = List.copyOf(gaps);
    issues = List.copyOf(issues);
    requireNonNull(firstDivergence, "firstDivergence");
    requireNonNull(balances, "balances");
    keptOpeningIds = List.copyOf(keptOpeningIds);
    keptGapIds = List.copyOf(keptGapIds);
  }

  /** The check over {@code rows}, in any order: they are sorted by time (stably) first. */
  public static LedgerCheck of(List<LedgerRow> rows) {
    List<LedgerRow> sorted = sorted(rows);
    return of(RunningBalanceCheck.check(sorted), sorted);
  }

  /**
   * The check whose running-balance check of the rows {@code sorted} (by {@link #sorted}) is {@code
   * check}: for a caller that keeps the running-balance check too.
   */
  public static LedgerCheck of(BalanceCheck check, List<LedgerRow> sorted) {
    Map<String, LedgerRow> byTxid = byTxid(sorted, check);
    return new LedgerCheck(
        adjustments(check.openingBalances(), byTxid),
        adjustments(check.gaps(), byTxid),
        issues(check),
        check.firstDivergence().map(LedgerCheck::gapIssue),
        check.closing(),
        List.of(),
        List.of());
  }

  /**
   * The check of every row, stored and new, from what the last check left in {@code marks} and the
   * {@code newRows} alone, when it can be had that way: every booked new row is after every stored
   * one, and the marks hold a check's balances, issues and adjustment ids. Its adjustments are only
   * the new ones (the stored ones stay as they are, as its kept ids); its issues and {@link
   * #marks()} are those of the whole check. Empty when the whole ledger must be checked again.
   */
  public static Optional<LedgerCheck> continuing(Marks marks, Collection<LedgerRow> newRows) {
    Optional<String> balancesText = marks.get(Mark.LEDGER_BALANCES);
    Optional<String> issuesText = marks.get(Mark.LEDGER_ISSUES);
    if (balancesText.isEmpty() || issuesText.isEmpty() || !marks.has(Mark.LEDGER_GAPS)) {
      return Optional.empty();
    }
    RunningBalances stored;
    List<DataIssue> storedIssues;
    try {
      stored = RunningBalances.parse(balancesText.get());
      storedIssues = parseIssues(issuesText.get());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    boolean onlyOpeningsAndGaps =
        storedIssues.stream()
            .allMatch(
                issue ->
                    issue.kind() == IssueKind.OPENING_BALANCE
                        || issue.kind() == IssueKind.BALANCE_GAP);
    boolean allLater =
        newRows.stream().allMatch(row -> row.isPending() || stored.precedes(row.time()));
    if (!onlyOpeningsAndGaps || !allLater) {
      return Optional.empty();
    }
    List<LedgerRow> sorted = sorted(newRows);
    BalanceCheck check = RunningBalanceCheck.check(sorted, stored);
    Map<String, LedgerRow> byTxid = byTxid(sorted, check);
    // Every new finding is on a row after every stored one: openings, then gaps, in row order.
    List<DataIssue> issues = new ArrayList<>();
    storedIssues.stream().filter(i -> i.kind() == IssueKind.OPENING_BALANCE).forEach(issues::add);
    check.openingBalances().forEach(opening -> issues.add(openingIssue(opening)));
    storedIssues.stream().filter(i -> i.kind() == IssueKind.BALANCE_GAP).forEach(issues::add);
    check.gaps().forEach(gap -> issues.add(gapIssue(gap)));
    return Optional.of(
        new LedgerCheck(
            adjustments(check.openingBalances(), byTxid),
            adjustments(check.gaps(), byTxid),
            issues,
            firstDivergence(issues),
            check.closing(),
            ids(marks.get(Mark.LEDGER_OPENINGS).orElse("")),
            ids(marks.get(Mark.LEDGER_GAPS).orElse(""))));
  }

  private static List<String> ids(String mark) {
    return mark.lines().filter(line -> !line.isEmpty()).toList();
  }

  /** The rows in the order the check walks them: by time, stably. */
  public static List<LedgerRow> sorted(Collection<LedgerRow> rows) {
    List<LedgerRow> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing(LedgerRow::time));
    return sorted;
  }

  /** The first row of each ledger id a finding of {@code check} names (not of every row). */
  private static Map<String, LedgerRow> byTxid(List<LedgerRow> rows, BalanceCheck check) {
    Set<String> named = new HashSet<>();
    check.openingBalances().forEach(finding -> named.add(finding.txid()));
    check.gaps().forEach(finding -> named.add(finding.txid()));
    Map<String, LedgerRow> byTxid = new HashMap<>();
    if (named.isEmpty()) {
      return byTxid;
    }
    rows.forEach(
        row -> {
          if (named.contains(row.txid())) {
            byTxid.putIfAbsent(row.txid(), row);
          }
        });
    return byTxid;
  }

  /** A running-balance check's findings as data issues: openings, then gaps. */
  public static List<DataIssue> issues(BalanceCheck check) {
    List<DataIssue> issues = new ArrayList<>();
    check.openingBalances().forEach(opening -> issues.add(openingIssue(opening)));
    check.gaps().forEach(gap -> issues.add(gapIssue(gap)));
    return issues;
  }

  /** Every adjustment the check books: the openings, then the gaps. */
  public List<CashFlow> adjustments() {
    List<CashFlow> all = new ArrayList<>(openings);
    all.addAll(gaps);
    return all;
  }

  /**
   * The marks that keep this check in a store: its issues, the ids of every standing opening and
   * gap adjustment (kept ones first) and the running balances.
   */
  public Map<String, String> marks() {
    Map<String, String> marks = new LinkedHashMap<>();
    marks.put(Mark.LEDGER_ISSUES.key(), issuesText());
    marks.put(Mark.LEDGER_OPENINGS.key(), idsText(keptOpeningIds, openings));
    marks.put(Mark.LEDGER_GAPS.key(), idsText(keptGapIds, gaps));
    marks.put(Mark.LEDGER_BALANCES.key(), balances.toText());
    return marks;
  }

  /** The issues as the mark {@link Mark#LEDGER_ISSUES} keeps them. */
  public String issuesText() {
    StringBuilder text = new StringBuilder();
    issues.forEach(issue -> text.append(issue.toText()).append('\n'));
    return text.toString();
  }

  /** The ids of the adjustments an earlier check stored in {@code marks}: openings, then gaps. */
  public static List<String> storedAdjustmentIds(Marks marks) {
    List<String> ids = new ArrayList<>(ids(marks.get(Mark.LEDGER_OPENINGS).orElse("")));
    ids.addAll(ids(marks.get(Mark.LEDGER_GAPS).orElse("")));
    return ids;
  }

  /**
   * Whether a store's {@code marks} hold the last check's issues: every ingest since they were kept
   * stores them, with its opening-balance and gap events among the stored events. A store without
   * them has those events derived from its rows when read ({@code StoredBooks.load}).
   */
  public static boolean checked(Marks marks) {
    return marks.has(Mark.LEDGER_ISSUES);
  }

  /** The issues the last check left in a store's {@code marks}; none before the first check. */
  public static List<DataIssue> storedIssues(Marks marks) {
    return marks.get(Mark.LEDGER_ISSUES).map(LedgerCheck::parseIssues).orElse(List.of());
  }

  /** Issues read back from {@link #issuesText()}. */
  public static List<DataIssue> parseIssues(String text) {
    return text.lines().filter(line -> !line.isEmpty()).map(DataIssue::parse).toList();
  }

  /**
   * The first divergence among issues read back from {@link #issuesText()}: the first gap, or the
   * mismatch a store checked before gaps were booked holds.
   */
  public static Optional<DataIssue> firstDivergence(List<DataIssue> issues) {
    return issues.stream()
        .filter(
            issue ->
                issue.kind() == IssueKind.BALANCE_GAP || issue.kind() == IssueKind.BALANCE_MISMATCH)
        .findFirst();
  }

  private static String idsText(List<String> kept, List<CashFlow> events) {
    StringBuilder text = new StringBuilder();
    kept.forEach(id -> text.append(id).append('\n'));
    events.forEach(event -> text.append(event.id().value()).append('\n'));
    return text.toString();
  }

  /** Each finding as an adjustment of its size, a microsecond before the row that shows it. */
  private static List<CashFlow> adjustments(
      List<BalanceFinding> findings, Map<String, LedgerRow> byTxid) {
    List<CashFlow> events = new ArrayList<>();
    for (BalanceFinding finding : findings) {
      LedgerRow row = byTxid.get(finding.txid());
      Asset asset = AssetSymbol.canonical(finding.asset());
      events.add(
          new CashFlow(
              EventId.of(eventId(finding)),
              row.time().minus(1, ChronoUnit.MICROS),
              FlowKind.ADJUSTMENT,
              new Amount(asset, finding.difference()),
              Amount.zero(asset)));
    }
    return events;
  }

  /** {@code opening:<asset>:<wallet>} or {@code gap:<asset>:<wallet>:<ledger id>}, no blanks. */
  private static String eventId(BalanceFinding finding) {
    String place = (finding.asset() + ":" + finding.wallet()).replaceAll("\\s+", "");
    return finding.kind() == BalanceFinding.Kind.OPENING_BALANCE
        ? "opening:" + place
        : "gap:" + place + ":" + finding.txid();
  }

  private static DataIssue openingIssue(BalanceFinding opening) {
    return new DataIssue(
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
            + inWallet(opening)
            + " already there; booked as an opening adjustment at market value");
  }

  private static DataIssue gapIssue(BalanceFinding gap) {
    return new DataIssue(
        IssueKind.BALANCE_GAP,
        gap.txid(),
        AssetSymbol.canonical(gap.asset()).code(),
        gap.source()
            + " line "
            + gap.line()
            + ": Kraken's balance of "
            + gap.asset()
            + inWallet(gap)
            + " is "
            + gap.actual().toPlainString()
            + " but the rows before it add up to "
            + gap.expected().toPlainString()
            + ", so rows are missing before it; the gap of "
            + gap.difference().toPlainString()
            + " is booked as an adjustment at market value");
  }

  private static String inWallet(BalanceFinding finding) {
    return finding.wallet().isEmpty() ? "" : " in " + finding.wallet();
  }
}
