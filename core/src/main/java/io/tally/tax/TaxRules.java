package io.tally.tax;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.valuation.MarketPrices;
import java.math.BigDecimal;

/**
 * The choices tax lots are kept with (ACCOUNTING.md §10).
 *
 * <p>Example: {@code TaxRules.defaults(Asset.USD).withMethod(LotMethod.HIFO)}: USD, highest cost
 * first, fees in cost basis and proceeds, long after 365 days in UTC, withdrawals not disposals.
 * Immutable.
 *
 * @param base the currency of every cost, proceeds and gain
 * @param kfeeUsd the value of one KFEE fee credit in USD
 * @param method which lots a disposal takes
 * @param holding when units count as held long
 * @param feesInCostBasis true (tax style): a buy's fee adds to the cost of the lot it buys, a
 *     sale's fee comes off its proceeds; false (the books' default): fees are expenses apart
 * @param withdrawalsRealize true where the jurisdiction treats a withdrawal as a disposal at market
 *     value; false (default): the withdrawn units leave the lots and take their cost with them
 */
public record TaxRules(
    Asset base,
    BigDecimal kfeeUsd,
    LotMethod method,
    HoldingPeriod holding,
    boolean feesInCostBasis,
    boolean withdrawalsRealize) {

  public TaxRules {
    requireNonNull(base, "base");
    requireNonNull(kfeeUsd, "kfeeUsd");
    requireNonNull(method, "method");
    requireNonNull(holding, "holding");
  }

  /** {@code base}, FIFO, tax-style fees, the default holding period, withdrawals not disposals. */
  public static TaxRules defaults(Asset base) {
    return new TaxRules(
        base, MarketPrices.KFEE_USD, LotMethod.FIFO, HoldingPeriod.defaults(), true, false);
  }

  /** The same rules with another lot method. */
  public TaxRules withMethod(LotMethod newMethod) {
    return new TaxRules(base, kfeeUsd, newMethod, holding, feesInCostBasis, withdrawalsRealize);
  }

  /** The same rules with fees in cost basis and proceeds, or apart. */
  public TaxRules withFeesInCostBasis(boolean inCostBasis) {
    return new TaxRules(base, kfeeUsd, method, holding, inCostBasis, withdrawalsRealize);
  }

  /** The same rules with another holding period. */
  public TaxRules withHolding(HoldingPeriod newHolding) {
    return new TaxRules(base, kfeeUsd, method, newHolding, feesInCostBasis, withdrawalsRealize);
  }

  /** The same rules with withdrawals as disposals, or not. */
  public TaxRules withWithdrawalsRealize(boolean realize) {
    return new TaxRules(base, kfeeUsd, method, holding, feesInCostBasis, realize);
  }
}
