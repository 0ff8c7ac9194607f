package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.books.DataIssue;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The realized-gains report of a range of days (ACCOUNTING.md §10): one row per disposal and lot in
 * the range, totals per tax year and holding term, the movements that realized nothing
 * (withdrawals, transfer fees, adjustments, margin) and the data issues met while keeping the lots.
 *
 * <p>Example: {@code TaxReport.of(lots, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12,
 * 31)).total().gain()} is the year's net gain. Immutable.
 *
 * @param from the first day, in the rules' reporting time zone
 * @param to the last day, included
 * @param rows the disposals dated in the range, in the order booked
 * @param totals one per year and term with rows, years ascending, short before long
 * @param movements the movements dated in the range
 * @param issues every missing price and acquisition met while keeping the lots
 */
public record TaxReport(
    TaxRules rules,
    LocalDate from,
    LocalDate to,
    List<Disposal> rows,
    List<TermTotal> totals,
    List<LotMovement> movements,
    List<DataIssue> issues) {

  public TaxReport {
    requireNonNull(rules, "rules");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "The range ends (" + to + ") before it starts (" + from + ")");
    }
    rows = List.copyOf(rows);
    totals = List.copyOf(totals);
    movements = List.copyOf(movements);
    issues = List.copyOf(issues);
  }

  /** The report of the days {@code from} to {@code to} (both included) of {@code lots}. */
  public static TaxReport of(TaxLots lots, LocalDate from, LocalDate to) {
    ZoneId zone = lots.rules().holding().zone();
    List<Disposal> rows = new ArrayList<>();
    Map<Integer, Map<HoldingTerm, GainSum>> byYear = new TreeMap<>();
    for (Disposal row : lots.disposals()) {
      LocalDate day = LocalDate.ofInstant(row.disposed(), zone);
      if (day.isBefore(from) || day.isAfter(to)) {
        continue;
      }
      rows.add(row);
      byYear
          .computeIfAbsent(day.getYear(), year -> new TreeMap<>())
          .merge(row.term(), GainSum.ZERO.plus(row), GainSum::plus);
    }
    List<TermTotal> totals = new ArrayList<>();
    byYear.forEach(
        (year, terms) -> terms.forEach((term, sum) -> totals.add(new TermTotal(year, term, sum))));
    List<LotMovement> movements = new ArrayList<>();
    for (LotMovement movement : lots.movements()) {
      LocalDate day = LocalDate.ofInstant(movement.at(), zone);
      if (!day.isBefore(from) && !day.isAfter(to)) {
        movements.add(movement);
      }
    }
    return new TaxReport(lots.rules(), from, to, rows, totals, movements, lots.issues());
  }

  /** Every row of the range added up, all years and terms together. */
  public GainSum total() {
    GainSum total = GainSum.ZERO;
    for (TermTotal each : totals) {
      total = total.plus(each.sum());
    }
    return total;
  }
}
