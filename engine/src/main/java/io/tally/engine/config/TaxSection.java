package io.tally.engine.config;

import io.tally.tax.LotMethod;
import java.util.Set;

/**
 * Reads the {@code tax:} section of the configuration file into a {@link TaxConfig}: every key
 * optional, each error naming its path.
 *
 * <pre>
 * tax:
 *   method: hifo
 *   long_term_after_days: 365
 *   fees_in_cost_basis: true
 *   withdrawals_realize: false
 * </pre>
 *
 * Stateless.
 */
final class TaxSection {

  /** The keys the section knows. */
  static final Set<String> KEYS =
      Set.of("method", "long_term_after_days", "fees_in_cost_basis", "withdrawals_realize");

  private TaxSection() {}

  static TaxConfig read(ConfigSection section) {
    TaxConfig d = TaxConfig.defaults();
    LotMethod method =
        section.choice("method", d.method().code(), LotMethod::parse, "fifo, lifo, hifo or wac");
    int days = section.integer("long_term_after_days", d.longTermAfterDays());
    if (days < 0) {
      throw section.bad("long_term_after_days", "must not be negative, got " + days);
    }
    return new TaxConfig(
        method,
        days,
        section.bool("fees_in_cost_basis", d.feesInCostBasis()),
        section.bool("withdrawals_realize", d.withdrawalsRealize()));
  }
}
