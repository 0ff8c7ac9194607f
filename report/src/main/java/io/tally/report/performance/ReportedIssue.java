package io.tally.report.performance;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import io.tally.books.IssueKind;

/**
 * A data issue as a report lists it: the issue the books raised and, in one line, what it does to
 * the report's numbers, so a reader knows which figures to doubt and in which direction.
 *
 * <p>The effect follows from how the books treat each kind (ACCOUNTING.md §3 and §5):
 *
 * <ul>
 *   <li>{@code missing_price}: the leg or fee was valued at zero; equity and PnL understated by its
 *       value (a swap with no price at all carries the sold units' cost, so its PnL is incomplete);
 *   <li>{@code unvalued}: the holding counts at zero; equity understated by its value and returns
 *       miss its moves;
 *   <li>{@code stale_price}: valued at an old price; equity and unrealized PnL off by the move
 *       since;
 *   <li>{@code missing_acquisition}: the units sold beyond the holding count as bought at the
 *       sale's own price, so their realized PnL is zero and total PnL is off by their real gain or
 *       loss;
 *   <li>{@code unclassified}, {@code opening_balance}, {@code balance_gap}: booked as an
 *       adjustment, an external flow; equity is right but the amount counts as capital, not as PnL
 *       or return;
 *   <li>{@code balance_mismatch}: holdings may differ from Kraken's balances; equity off by the
 *       difference's value;
 *   <li>{@code margin_position}: the position was not moved; its unrealized PnL may be off, ledger
 *       balances and realized PnL are not;
 *   <li>{@code reserved_exceeds_holding}: none on performance; only the free and reserved split.
 * </ul>
 *
 * <p>Example: {@code ReportedIssue.of(new DataIssue(IssueKind.UNVALUED, "", "DOT", "no DOT
 * price")).effect()} is {@code counted at zero: equity understated by its value; returns miss its
 * moves}. Immutable.
 *
 * @param issue the issue as the books raised it
 * @param effect what it does to the report's numbers, one line of plain ASCII
 */
public record ReportedIssue(DataIssue issue, String effect) {

  public ReportedIssue {
    requireNonNull(issue, "issue");
    requireNonNull(effect, "effect");
  }

  /** The issue with the effect of its kind. */
  public static ReportedIssue of(DataIssue issue) {
    return new ReportedIssue(issue, effect(issue.kind()));
  }

  /** The effect every issue of {@code kind} has on a performance report's numbers. */
  public static String effect(IssueKind kind) {
    // A switch expression: a new IssueKind does not compile until it has its effect.
    return switch (kind) {
      case MISSING_PRICE -> "valued at zero: equity and PnL understated by its value";
      case UNVALUED -> "counted at zero: equity understated by its value; returns miss its moves";
      case STALE_PRICE -> "valued at an old price: equity and unrealized PnL off by the move since";
      case MISSING_ACQUISITION ->
          "units bought before the history count at the sale's price:"
              + " realized PnL on them is zero, total PnL off by their real gain or loss";
      case UNCLASSIFIED, OPENING_BALANCE, BALANCE_GAP ->
          "booked as an adjustment: counted as capital in or out, not as PnL or return";
      case BALANCE_MISMATCH ->
          "holdings may differ from Kraken's balances: equity off by the difference";
      case MARGIN_POSITION ->
          "margin position not moved: its unrealized PnL may be off; realized PnL is not";
      case RESERVED_EXCEEDS_HOLDING ->
          "none on performance: only the free and reserved split of the holding";
    };
  }
}
