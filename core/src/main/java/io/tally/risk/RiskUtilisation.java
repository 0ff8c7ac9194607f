package io.tally.risk;

import io.tally.money.Asset;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The account's limits as they stand, without an order: leverage, the largest position and each one
 * over its limit, the positions' risk to their stops, each asset class with a limit and each
 * correlated group. The post-trade monitor raises an event for each {@link LimitUsage#exceeded()}
 * one; {@code GET /risk} lists them as utilisation.
 *
 * <p>Example: {@code RiskUtilisation.of(book)} on a 5.8× account under a cap of 6 lists {@code
 * LimitUsage[rule=LEVERAGE_CAP, subject=account, limit=6.0, value=5.8000]}. Stateless.
 */
public final class RiskUtilisation {

  /** The subject of an account-wide limit. */
  public static final String ACCOUNT = "account";

  private RiskUtilisation() {}

  /**
   * The usage of every limit on {@code book}: account-wide ones first, then one per asset, class
   * and correlated group. Positions under their limit are summed up in the largest one only.
   */
  public static List<LimitUsage> of(RiskBook book) {
    RiskLimits limits = book.policy().limits();
    BigDecimal equity = book.equity();
    List<LimitUsage> usage = new ArrayList<>();
    usage.add(
        new LimitUsage(
            RiskRule.LEVERAGE_CAP,
            ACCOUNT,
            limits.leverageCap(),
            PreTradeCheck.leverage(book.grossExposure(), equity)));
    usage.add(
        new LimitUsage(
            RiskRule.MAX_PORTFOLIO_RISK_PCT,
            ACCOUNT,
            limits.maxPortfolioRiskPct(),
            book.percentOfEquity(book.portfolioRisk())));
    List<AssetExposure> positions =
        book.exposures().stream()
            .filter(e -> !e.asset().equals(book.base()) && e.value().signum() != 0)
            .sorted(
                Comparator.comparing(AssetExposure::size).reversed().thenComparing(e -> e.asset()))
            .toList();
    for (int i = 0; i < positions.size(); i++) {
      AssetExposure position = positions.get(i);
      LimitUsage one =
          new LimitUsage(
              RiskRule.MAX_POSITION_PCT,
              position.asset().code(),
              limits.maxPositionPct(),
              book.percentOfEquity(position.size()));
      if (i == 0 || one.exceeded()) {
        usage.add(one);
      }
    }
    for (AssetClass assetClass : book.policy().assetClasses()) {
      assetClass
          .maxClassPct()
          .ifPresent(
              max ->
                  usage.add(
                      new LimitUsage(
                          RiskRule.MAX_CLASS_PCT,
                          assetClass.name(),
                          max,
                          book.percentOfEquity(book.classExposure(assetClass.name())))));
    }
    limits
        .maxCorrelatedExposurePct()
        .ifPresent(
            max -> {
              for (Set<Asset> group : groups(book)) {
                BigDecimal exposure = groupExposure(book, group);
                usage.add(
                    new LimitUsage(
                        RiskRule.MAX_CORRELATED_EXPOSURE_PCT,
                        subject(group),
                        max,
                        book.percentOfEquity(exposure)));
              }
            });
    return usage;
  }

  /** The exposure of {@code group}: the sum of its assets' {@code |exposure|}. */
  public static BigDecimal groupExposure(RiskBook book, Set<Asset> group) {
    return group.stream()
        .map(a -> book.exposure(a).size())
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The distinct correlated groups of two or more assets the book knows, in a stable order. */
  public static List<Set<Asset>> groups(RiskBook book) {
    Set<Set<Asset>> seen = new HashSet<>();
    List<Set<Asset>> groups = new ArrayList<>();
    for (Set<Asset> group : book.correlatedGroups().values()) {
      if (group.size() >= 2 && seen.add(group)) {
        groups.add(new TreeSet<>(group));
      }
    }
    groups.sort(Comparator.comparing(RiskUtilisation::subject));
    return groups;
  }

  /** A group's subject: its assets' codes, sorted, comma-separated. */
  public static String subject(Set<Asset> group) {
    return group.stream().map(Asset::code).sorted().collect(Collectors.joining(","));
  }
}
