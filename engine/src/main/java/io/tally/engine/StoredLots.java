package io.tally.engine;

import io.tally.store.PortfolioStore;
import io.tally.tax.TaxLots;
import io.tally.tax.TaxRules;
import io.tally.valuation.PriceSource;

/**
 * The tax lots of what a store holds (ACCOUNTING.md §10): its whole event log, opening-balance and
 * gap events included, folded from the first event by {@link TaxLots}, with past moments valued by
 * the prices given. What {@code tally report --type tax|income} and {@code GET
 * /api/v1/portfolio/reports/tax} report from.
 *
 * <p>Example: {@code TaxReport.of(StoredLots.fold(store, rules, prices), from, to)}.
 */
public final class StoredLots {

  private StoredLots() {}

  /**
   * The lots of every event {@code store} holds, kept by {@code rules}, valued with {@code prices}.
   */
  public static TaxLots fold(PortfolioStore store, TaxRules rules, PriceSource prices) {
    return TaxLots.replay(rules, prices, StoredBooks.events(store));
  }
}
