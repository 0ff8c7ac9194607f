package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import io.tally.engine.paper.FundingTerms;
import io.tally.engine.paper.PaperTerms;
import io.tally.margin.MarginTerms;
import io.tally.money.Asset;
import java.math.BigDecimal;

/**
 * One paper account of the {@code accounts:} section ({@code accounts.<name>.kind: paper}): its
 * name, the currency it keeps its money in (also the base currency of its books), the balance it
 * opens with, the funding rate charged every 8 hours on leveraged positions, and the highest
 * leverage it allows. Margin levels, maintenance and reserve follow the {@code margin:} section.
 *
 * <p>Example: {@code accounts: {bot1: {kind: paper, initial_balance: 5000, currency: USD}}} is
 * {@code new PaperAccountConfig("bot1", Asset.USD, new BigDecimal("5000"), new
 * BigDecimal("0.0001"), 125)}. Immutable.
 *
 * @param fundingRate per 8 hours, as a fraction (0.0001 is 0.01 %); may be zero or negative
 * @param maxLeverage at least 1
 */
public record PaperAccountConfig(
    String name,
    Asset currency,
    BigDecimal initialBalance,
    BigDecimal fundingRate,
    int maxLeverage) {

  /** The account {@code tally paper} opens when the configuration names none. */
  public static final String DEFAULT_NAME = "paper";

  public PaperAccountConfig {
    requireNonNull(name, "name");
    requireNonNull(currency, "currency");
    requireNonNull(initialBalance, "initialBalance");
    requireNonNull(fundingRate, "fundingRate");
    if (maxLeverage < 1) {
      throw new IllegalArgumentException("maxLeverage must be at least 1, got " + maxLeverage);
    }
  }

  /** An account called {@code name} with the defaults: 10,000 USDT, 0.01 % funding, 125×. */
  public static PaperAccountConfig defaults(String name) {
    return new PaperAccountConfig(
        name,
        PaperTerms.DEFAULT_COLLATERAL,
        PaperTerms.DEFAULT_INITIAL_BALANCE,
        FundingTerms.standard().ratePerPeriod(),
        MarginTerms.PAPER_MAX_LEVERAGE);
  }

  /** The same account in another currency. */
  public PaperAccountConfig withCurrency(Asset newCurrency) {
    return new PaperAccountConfig(name, newCurrency, initialBalance, fundingRate, maxLeverage);
  }

  /** The paper engine's terms for this account, margined as {@code margin} says. */
  public PaperTerms terms(MarginConfig margin) {
    return PaperTerms.of(name)
        .withInitialBalance(currency, initialBalance)
        .withMargin(margin.terms(currency, maxLeverage))
        .withFunding(new FundingTerms(FundingTerms.standard().interval(), fundingRate));
  }
}
