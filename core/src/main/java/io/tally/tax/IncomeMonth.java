package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * The income of one asset in one month: how many receipts, the units and their value when received.
 *
 * <p>Example: {@code IncomeMonth(2025-02, DOT, 4, 1.00, 6.10)}. Immutable.
 */
public record IncomeMonth(
    YearMonth month, Asset asset, int receipts, BigDecimal quantity, BigDecimal value) {

  public IncomeMonth {
    requireNonNull(month, "month");
    requireNonNull(asset, "asset");
    requireNonNull(quantity, "quantity");
    requireNonNull(value, "value");
  }

  IncomeMonth plus(Income income) {
    return new IncomeMonth(
        month, asset, receipts + 1, quantity.add(income.quantity()), value.add(income.value()));
  }
}
