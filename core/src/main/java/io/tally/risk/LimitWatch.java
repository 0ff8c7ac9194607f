package io.tally.risk;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The post-trade monitor's memory: which limits stand exceeded. Each valuation is observed; a limit
 * that goes over (by a fill or by prices moving) is raised once, and again only after it came back
 * under, which is reported too. Drift and stale prices are watched the same way, as the limits
 * {@code refuse_on_drift} and {@code refuse_on_stale_prices} of the books and the prices.
 *
 * <p>Example: {@code LimitWatch.resumed(Set.of()).observe(book).raised()} lists {@code
 * max_position_pct:XBT} the first time XBT is over 10 % of equity, and nothing while it stays
 * there. Immutable.
 */
public final class LimitWatch {

  /** The subject of the drift and staleness watches. */
  public static final String BOOKS = "books";

  private final Set<String> standing;

  private LimitWatch(Set<String> standing) {
    this.standing = Set.copyOf(standing);
  }

  /** A watch with the limits keyed {@code standing} already raised. */
  public static LimitWatch resumed(Set<String> standing) {
    return new LimitWatch(requireNonNull(standing, "standing"));
  }

  /** The watch after one valuation: what went over, and what came back under (as it stands now). */
  public record Step(LimitWatch watch, List<LimitUsage> raised, List<LimitUsage> restored) {
    public Step {
      requireNonNull(watch, "watch");
      raised = List.copyOf(raised);
      restored = List.copyOf(restored);
    }
  }

  /** Observes {@code book}. */
  public Step observe(RiskBook book) {
    Map<String, LimitUsage> over = new LinkedHashMap<>();
    Map<String, LimitUsage> all = new LinkedHashMap<>();
    for (LimitUsage usage : RiskUtilisation.of(book)) {
      all.put(usage.key(), usage);
      if (usage.exceeded()) {
        over.put(usage.key(), usage);
      }
    }
    flag(over, book.policy().refuseOnDrift() && book.drift(), RiskRule.REFUSE_ON_DRIFT);
    flag(
        over, book.policy().refuseOnStalePrices() && book.stale(), RiskRule.REFUSE_ON_STALE_PRICES);
    List<LimitUsage> raised = new ArrayList<>();
    for (LimitUsage usage : over.values()) {
      if (!standing.contains(usage.key())) {
        raised.add(usage);
      }
    }
    List<LimitUsage> restored =
        standing.stream()
            .filter(k -> !over.containsKey(k))
            .sorted()
            .map(k -> all.getOrDefault(k, cleared(k, book.policy())))
            .toList();
    return new Step(new LimitWatch(over.keySet()), raised, restored);
  }

  /**
   * The usage of a limit whose subject is gone (a closed position, a group or class emptied):
   * nothing used, against the limit as configured.
   */
  private static LimitUsage cleared(String key, RiskPolicy policy) {
    int colon = key.indexOf(':');
    RiskRule rule = RiskRule.valueOf(key.substring(0, colon).toUpperCase(java.util.Locale.ROOT));
    String subject = key.substring(colon + 1);
    java.math.BigDecimal limit =
        switch (rule) {
          case MAX_POSITION_PCT -> policy.limits().maxPositionPct();
          case MAX_CORRELATED_EXPOSURE_PCT ->
              policy.limits().maxCorrelatedExposurePct().orElse(java.math.BigDecimal.ZERO);
          case MAX_CLASS_PCT ->
              policy.assetClasses().stream()
                  .filter(c -> c.name().equals(subject))
                  .findFirst()
                  .flatMap(AssetClass::maxClassPct)
                  .orElse(java.math.BigDecimal.ZERO);
          case LEVERAGE_CAP -> policy.limits().leverageCap();
          case MAX_PORTFOLIO_RISK_PCT -> policy.limits().maxPortfolioRiskPct();
          default -> java.math.BigDecimal.ZERO;
        };
    return new LimitUsage(rule, subject, limit, java.math.BigDecimal.ZERO);
  }

  private static void flag(Map<String, LimitUsage> over, boolean on, RiskRule rule) {
    if (on) {
      LimitUsage usage =
          new LimitUsage(rule, BOOKS, java.math.BigDecimal.ZERO, java.math.BigDecimal.ONE);
      over.put(usage.key(), usage);
    }
  }

  /** The keys of the limits standing exceeded. */
  public Set<String> standing() {
    return standing;
  }
}
