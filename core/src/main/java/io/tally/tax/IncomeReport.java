package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The income report of a range of days: every reward, staking payout and airdrop received in it at
 * its value when received, and the totals per asset and month (months in the reporting time zone).
 *
 * <p>Example: {@code IncomeReport.of(lots, from, to).total()} is the range's income in the base
 * currency. Immutable.
 *
 * @param zone the reporting time zone that dates receipts and months
 * @param receipts the income dated in the range, in the order booked
 * @param months one per month and asset with income, months ascending, then assets
 */
public record IncomeReport(
    LocalDate from, LocalDate to, ZoneId zone, List<Income> receipts, List<IncomeMonth> months) {

  public IncomeReport {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(zone, "zone");
    receipts = List.copyOf(receipts);
    months = List.copyOf(months);
  }

  /** The income of the days {@code from} to {@code to} (both included) of {@code lots}. */
  public static IncomeReport of(TaxLots lots, LocalDate from, LocalDate to) {
    ZoneId zone = lots.rules().holding().zone();
    List<Income> receipts = new ArrayList<>();
    Map<YearMonth, Map<Asset, IncomeMonth>> byMonth = new TreeMap<>();
    for (Income income : lots.income()) {
      LocalDate day = LocalDate.ofInstant(income.at(), zone);
      if (day.isBefore(from) || day.isAfter(to)) {
        continue;
      }
      receipts.add(income);
      YearMonth month = YearMonth.from(day);
      byMonth
          .computeIfAbsent(month, m -> new TreeMap<>())
          .merge(
              income.asset(),
              new IncomeMonth(
                      month, income.asset(), 0, BigDecimal.ZERO, Precision.money(BigDecimal.ZERO))
                  .plus(income),
              (sum, one) -> sum.plus(income));
    }
    List<IncomeMonth> months = new ArrayList<>();
    byMonth.values().forEach(assets -> months.addAll(assets.values()));
    return new IncomeReport(from, to, zone, receipts, months);
  }

  /** The value of all the income in the range. */
  public BigDecimal total() {
    BigDecimal total = Precision.money(BigDecimal.ZERO);
    for (IncomeMonth month : months) {
      total = total.add(month.value());
    }
    return total;
  }
}
