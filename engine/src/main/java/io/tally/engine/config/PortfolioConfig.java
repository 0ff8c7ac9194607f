package io.tally.engine.config;

import static java.util.Objects.requireNonNull;

import io.tally.books.BaseCurrency;
import io.tally.books.BookConfig;
import io.tally.books.CostBasisMethod;
import io.tally.money.Asset;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code portfolio:} section of the contract: base currency, valuation pairs, which assets to
 * report, the cost basis method, manual-trade handling, retention, reconciliation tolerance, the
 * external-activity threshold, the age beyond which a price is stale and the strategy tag of each
 * order {@code userref}. {@code include_assets}/{@code exclude_assets} filter reports only, never
 * the books.
 *
 * <p>{@code baseCurrencyConfigured} says whether {@code base_currency} was given; when it was not,
 * {@code baseCurrency} is USD and {@link #baseCurrencyFor} decides from the history (a history
 * whose only fiat is EUR reports in EUR).
 *
 * <p>Example: {@code PortfolioConfig.defaults()} is USD (not configured), WAC, every asset,
 * tolerance 1.00, prices stale after 15 minutes. Immutable.
 */
public record PortfolioConfig(
    Asset baseCurrency,
    Map<Asset, String> valuationPairs,
    Set<Asset> includeAssets,
    Set<Asset> excludeAssets,
    CostBasisMethod costBasisMethod,
    boolean trackManualTrades,
    int snapshotRetentionDays,
    BigDecimal reconciliationTolerance,
    BigDecimal externalActivityThresholdPct,
    Duration maxPriceAge,
    Map<Long, String> strategyTags,
    boolean baseCurrencyConfigured) {

  public PortfolioConfig {
    requireNonNull(baseCurrency, "baseCurrency");
    valuationPairs = Collections.unmodifiableMap(new TreeMap<>(valuationPairs));
    includeAssets = Collections.unmodifiableSet(new TreeSet<>(includeAssets));
    excludeAssets = Collections.unmodifiableSet(new TreeSet<>(excludeAssets));
    requireNonNull(costBasisMethod, "costBasisMethod");
    reconciliationTolerance =
        Precision.canonical(requireNonNull(reconciliationTolerance, "reconciliationTolerance"));
    externalActivityThresholdPct =
        Precision.canonical(
            requireNonNull(externalActivityThresholdPct, "externalActivityThresholdPct"));
    requireNonNull(maxPriceAge, "maxPriceAge");
    if (maxPriceAge.isZero() || maxPriceAge.isNegative()) {
      throw new IllegalArgumentException("maxPriceAge must be positive: " + maxPriceAge);
    }
    strategyTags = Collections.unmodifiableMap(new TreeMap<>(strategyTags));
  }

  /** A section whose base currency was chosen by whoever built it. */
  public PortfolioConfig(
      Asset baseCurrency,
      Map<Asset, String> valuationPairs,
      Set<Asset> includeAssets,
      Set<Asset> excludeAssets,
      CostBasisMethod costBasisMethod,
      boolean trackManualTrades,
      int snapshotRetentionDays,
      BigDecimal reconciliationTolerance,
      BigDecimal externalActivityThresholdPct,
      Duration maxPriceAge,
      Map<Long, String> strategyTags) {
    this(
        baseCurrency,
        valuationPairs,
        includeAssets,
        excludeAssets,
        costBasisMethod,
        trackManualTrades,
        snapshotRetentionDays,
        reconciliationTolerance,
        externalActivityThresholdPct,
        maxPriceAge,
        strategyTags,
        true);
  }

  /** Every default of the contract. */
  public static PortfolioConfig defaults() {
    return new PortfolioConfig(
        Asset.USD,
        Map.of(),
        Set.of(),
        Set.of(),
        CostBasisMethod.WAC,
        true,
        30,
        new BigDecimal("1.00"),
        new BigDecimal("5"),
        Duration.ofMinutes(15),
        Map.of(),
        false);
  }

  /**
   * The books this portfolio keeps in {@code base}: the defaults, by its cost-basis method.
   *
   * <p>Example: {@code portfolio.books(Asset.USD)}: WAC books in USD unless the configuration names
   * FIFO.
   */
  public BookConfig books(Asset base) {
    return BookConfig.defaults().withBase(base).withMethod(costBasisMethod);
  }

  /**
   * The base currency of a history: the configured one, else as {@link BaseCurrency#choose} decides
   * from the currency {@code pricedIn} the stored prices are in and the fiat the history holds.
   */
  public BaseCurrency baseCurrencyFor(Optional<Asset> pricedIn, Collection<Asset> fiat) {
    return BaseCurrency.choose(
        baseCurrencyConfigured ? Optional.of(baseCurrency) : Optional.empty(), pricedIn, fiat);
  }

  /** The same section with {@code base} as its base currency, now a decided one. */
  public PortfolioConfig withBaseCurrency(Asset base) {
    return new PortfolioConfig(
        base,
        valuationPairs,
        includeAssets,
        excludeAssets,
        costBasisMethod,
        trackManualTrades,
        snapshotRetentionDays,
        reconciliationTolerance,
        externalActivityThresholdPct,
        maxPriceAge,
        strategyTags,
        true);
  }

  /** Whether reports show this asset: listed in include (when any) and not excluded. */
  public boolean reports(Asset asset) {
    return (includeAssets.isEmpty() || includeAssets.contains(asset))
        && !excludeAssets.contains(asset);
  }
}
