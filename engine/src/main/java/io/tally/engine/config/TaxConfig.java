package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.tax.HoldingPeriod;
import io.tally.tax.LotMethod;
import io.tally.tax.TaxRules;
import io.tally.valuation.MarketPrices;
import java.time.ZoneId;

/**
 * How tax lots are kept for the realized-gains report ({@code tax:} in the configuration;
 * ACCOUNTING.md §10): the lot method, the days after which a holding is long, whether fees enter
 * cost basis and proceeds, and whether a withdrawal is a disposal where the account is taxed.
 *
 * <p>Example: {@code TaxConfig.defaults().rules(Asset.USD, ZoneId.of("UTC"))}: FIFO, long after 365
 * days, fees in cost basis, withdrawals realize nothing. Immutable.
 *
 * @param method which lots a disposal takes
 * @param longTermAfterDays the days a holding must exceed to be long
 * @param feesInCostBasis true: fees join the cost of what a buy bought and leave a sale's proceeds
 * @param withdrawalsRealize true: a withdrawal is a disposal at market value
 */
public record TaxConfig(
    LotMethod method, int longTermAfterDays, boolean feesInCostBasis, boolean withdrawalsRealize) {

  public TaxConfig {
    requireNonNull(method, "method");
    if (longTermAfterDays < 0) {
      throw new IllegalArgumentException(
          "long_term_after_days must not be negative: " + longTermAfterDays);
    }
  }

  /** FIFO, 365 days, fees in cost basis, withdrawals not disposals. */
  public static TaxConfig defaults() {
    return new TaxConfig(LotMethod.FIFO, HoldingPeriod.DEFAULT_DAYS, true, false);
  }

  /** The same with another lot method (a report's {@code --method}). */
  public TaxConfig withMethod(LotMethod newMethod) {
    return new TaxConfig(newMethod, longTermAfterDays, feesInCostBasis, withdrawalsRealize);
  }

  /** The rules of these choices for books in {@code base}, dated in {@code zone}. */
  public TaxRules rules(Asset base, ZoneId zone) {
    return new TaxRules(
        base,
        MarketPrices.KFEE_USD,
        method,
        new HoldingPeriod(longTermAfterDays, zone),
        feesInCostBasis,
        withdrawalsRealize);
  }
}
