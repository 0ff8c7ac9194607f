package io.tally.engine.risk;

import static java.util.Objects.requireNonNull;

import io.tally.metrics.DrawdownWindow;
import io.tally.money.Asset;
import io.tally.risk.Concentration;
import io.tally.risk.DrawdownScope;
import io.tally.risk.LimitUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The risk layer's state ({@code GET /risk}): the trading state, equity and the two flags, each
 * limit's utilisation, the drawdown windows with the breached levels and windows, the correlated
 * groups, the concentration and the exposure by asset class.
 *
 * <p>Example: {@code riskService.status().limits()} lists {@code leverage_cap} first. Immutable.
 */
public record RiskStatus(
    TradingStatus trading,
    BigDecimal equity,
    boolean drift,
    boolean stale,
    List<LimitUsage> limits,
    Optional<DrawdownWindow> drawdown,
    List<BigDecimal> breachedLevels,
    List<DrawdownScope> breachedWindows,
    List<Group> correlationGroups,
    Concentration concentration,
    List<ClassExposure> classes) {

  public RiskStatus {
    requireNonNull(trading, "trading");
    requireNonNull(equity, "equity");
    limits = List.copyOf(limits);
    requireNonNull(drawdown, "drawdown");
    breachedLevels = List.copyOf(breachedLevels);
    breachedWindows = List.copyOf(breachedWindows);
    correlationGroups = List.copyOf(correlationGroups);
    requireNonNull(concentration, "concentration");
    classes = List.copyOf(classes);
  }

  /** A correlated group and its exposure in percent of equity. */
  public record Group(Set<Asset> assets, BigDecimal exposurePct) {
    public Group {
      assets = Set.copyOf(assets);
      requireNonNull(exposurePct, "exposurePct");
    }
  }

  /** An asset class's exposure, in the base currency and in percent of equity, with its limit. */
  public record ClassExposure(
      String name, BigDecimal exposure, BigDecimal exposurePct, Optional<BigDecimal> limitPct) {
    public ClassExposure {
      requireNonNull(name, "name");
      requireNonNull(exposure, "exposure");
      requireNonNull(exposurePct, "exposurePct");
      requireNonNull(limitPct, "limitPct");
    }
  }
}
