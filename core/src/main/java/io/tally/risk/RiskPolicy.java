package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole {@code risk:} section as the core applies it: the account's limits and each strategy's,
 * the asset classes, the correlation settings, the drawdown rules, whether drift or stale prices
 * stop new risk, and the fee a sizing nets out per side.
 *
 * <p>Example: {@code RiskPolicy.DEFAULT.limitsFor(Optional.of("trend_v1"))} is {@link
 * RiskLimits#DEFAULT} when no strategy sets its own. Immutable.
 *
 * @param strategies each strategy tag's limits (already merged over the account's)
 * @param correlationThreshold assets whose daily returns correlate at least this much are a group
 * @param correlationWindowDays how many days of daily returns the correlation reads
 * @param sizingFeePct the fee a sizing assumes per side, in percent of the order's value
 */
public record RiskPolicy(
    RiskLimits limits,
    Map<String, RiskLimits> strategies,
    List<AssetClass> assetClasses,
    BigDecimal correlationThreshold,
    int correlationWindowDays,
    DrawdownRules drawdown,
    boolean refuseOnDrift,
    boolean refuseOnStalePrices,
    BigDecimal sizingFeePct) {

  /** The policy of a {@code risk:} section that sets nothing. */
  public static final RiskPolicy DEFAULT =
      new RiskPolicy(
          RiskLimits.DEFAULT,
          Map.of(),
          List.of(),
          new BigDecimal("0.7"),
          30,
          DrawdownRules.DEFAULT,
          true,
          true,
          new BigDecimal("0.26"));

  public RiskPolicy {
    requireNonNull(limits, "limits");
    strategies = Map.copyOf(strategies);
    assetClasses = List.copyOf(assetClasses);
    requireNonNull(correlationThreshold, "correlationThreshold");
    requireNonNull(drawdown, "drawdown");
    requireNonNull(sizingFeePct, "sizingFeePct");
  }

  /** The limits an order of {@code strategy} is held to: its own, else the account's. */
  public RiskLimits limitsFor(Optional<String> strategy) {
    return strategy.map(strategies::get).orElse(limits);
  }

  /** The class {@code asset} belongs to: the first naming it, else the catch-all, if any. */
  public Optional<AssetClass> classOf(Asset asset) {
    for (AssetClass assetClass : assetClasses) {
      if (assetClass.assets().contains(asset)) {
        return Optional.of(assetClass);
      }
    }
    return assetClasses.stream().filter(AssetClass::others).findFirst();
  }
}
