package io.tally.engine;

import io.tally.engine.config.PortfolioConfig;
import io.tally.engine.config.TallyConfig;
import io.tally.engine.config.TaxConfig;
import io.tally.store.PortfolioStore;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxLots;
import io.tally.tax.TaxRules;
import io.tally.valuation.PriceSource;
import java.util.Optional;

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
   * The rules the lots of {@code store} are kept by under {@code config}: its {@code tax:} section
   * ({@code method} instead of {@code tax.method} when given), in the base currency the store's
   * books are reported in ({@link StoredBooks#baseCurrency(PortfolioStore, PortfolioConfig)}),
   * dated in the reporting time zone.
   */
  public static TaxRules rules(
      PortfolioStore store, TallyConfig config, Optional<LotMethod> method) {
    TaxConfig tax = method.map(config.tax()::withMethod).orElse(config.tax());
    return tax.rules(
        StoredBooks.baseCurrency(store, config.portfolio()).asset(), config.performance().zone());
  }

  /**
   * The lots of every event {@code store} holds, kept by {@code rules}, valued with {@code prices}.
   */
  public static TaxLots fold(PortfolioStore store, TaxRules rules, PriceSource prices) {
    return TaxLots.replay(rules, prices, StoredBooks.events(store));
  }
}
