package io.tally.engine.config;

import io.tally.money.Asset;
import io.tally.risk.AssetClass;
import io.tally.risk.DrawdownRules;
import io.tally.risk.RiskLimits;
import io.tally.risk.RiskPolicy;
import io.tally.risk.TradingState;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code risk:} section of the configuration file into a {@link RiskConfig}: every key
 * optional, each error naming its path. The order limits may be set again per strategy under {@code
 * risk.strategies.<tag>}, each key falling back to the account's.
 *
 * <pre>
 * risk:
 *   leverage_cap: 3
 *   max_position_pct: 15
 *   drawdown_levels: [-0.05, -0.10, -0.15]
 *   max_daily_drawdown: -0.03
 *   asset_classes:
 *     btc: {assets: [XBT], max_class_pct: 60}
 *     alts: {assets: ["*"], max_class_pct: 30}
 *   strategies:
 *     scalper: {max_position_pct: 5}
 * </pre>
 *
 * Stateless.
 */
final class RiskSection {

  /** The limits a strategy may set for itself. */
  private static final Set<String> LIMIT_KEYS =
      Set.of(
          "leverage_cap",
          "max_position_pct",
          "min_position_pct",
          "min_position_base",
          "max_portfolio_risk_pct",
          "max_correlated_exposure_pct",
          "max_positions_per_symbol",
          "cash_reserve_pct");

  /** Every key of {@code risk:}. */
  static final Set<String> KEYS = keys();

  private static Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>(LIMIT_KEYS);
    keys.addAll(
        List.of(
            "strategies",
            "asset_classes",
            "correlation_threshold",
            "correlation_window_days",
            "drawdown_levels",
            "breach_states",
            "max_daily_drawdown",
            "max_weekly_drawdown",
            "daily_breach_state",
            "weekly_breach_state",
            "peak_reset_margin",
            "refuse_on_drift",
            "refuse_on_stale_prices",
            "sizing_fee_pct",
            "reservation_ttl",
            "count_open_orders",
            "webhook_url"));
    return Set.copyOf(keys);
  }

  private RiskSection() {}

  static RiskConfig read(ConfigSection risk) {
    RiskLimits limits = limits(risk, RiskLimits.DEFAULT);
    Map<String, RiskLimits> strategies = new LinkedHashMap<>();
    ConfigSection byTag = risk.section("strategies", risk.keysOf("strategies"));
    for (String tag : risk.keysOf("strategies")) {
      strategies.put(tag, limits(byTag.section(tag, LIMIT_KEYS), limits));
    }
    BigDecimal threshold = risk.decimal("correlation_threshold", new BigDecimal("0.7"));
    if (threshold.compareTo(BigDecimal.ONE) > 0) {
      throw risk.bad(
          "correlation_threshold", "must be at most 1, got " + threshold.toPlainString());
    }
    int window = risk.integer("correlation_window_days", 30);
    if (window < 2) {
      throw risk.bad("correlation_window_days", "must be at least 2, got " + window);
    }
    RiskPolicy policy =
        new RiskPolicy(
            limits,
            strategies,
            assetClasses(risk),
            threshold,
            window,
            drawdown(risk),
            risk.bool("refuse_on_drift", true),
            risk.bool("refuse_on_stale_prices", true),
            risk.decimal("sizing_fee_pct", new BigDecimal("0.26")));
    return new RiskConfig(
        policy,
        risk.duration("reservation_ttl", Duration.ofSeconds(30)),
        risk.bool("count_open_orders", true),
        webhook(risk));
  }

  /** The order limits in {@code section}, each absent key taken from {@code fallback}. */
  private static RiskLimits limits(ConfigSection section, RiskLimits fallback) {
    BigDecimal cap = section.decimal("leverage_cap", fallback.leverageCap());
    if (cap.signum() <= 0) {
      throw section.bad("leverage_cap", "must be above 0, got " + cap.toPlainString());
    }
    Optional<BigDecimal> correlated =
        section.has("max_correlated_exposure_pct")
            ? Optional.of(section.decimal("max_correlated_exposure_pct", BigDecimal.ZERO))
            : fallback.maxCorrelatedExposurePct();
    Optional<Integer> perSymbol =
        section.has("max_positions_per_symbol")
            ? Optional.of(section.integer("max_positions_per_symbol", 0))
            : fallback.maxPositionsPerSymbol();
    if (perSymbol.isPresent() && perSymbol.get() < 1) {
      throw section.bad("max_positions_per_symbol", "must be at least 1, got " + perSymbol.get());
    }
    return new RiskLimits(
        cap,
        section.decimal("max_position_pct", fallback.maxPositionPct()),
        section.decimal("min_position_pct", fallback.minPositionPct()),
        section.decimal("min_position_base", fallback.minPositionBase()),
        section.decimal("max_portfolio_risk_pct", fallback.maxPortfolioRiskPct()),
        correlated,
        perSymbol,
        section.decimal("cash_reserve_pct", fallback.cashReservePct()));
  }

  /** {@code asset_classes: {name: {assets: [..] or ["*"], max_class_pct: N}}}. */
  private static List<AssetClass> assetClasses(ConfigSection risk) {
    Set<String> names = risk.keysOf("asset_classes");
    ConfigSection classes = risk.section("asset_classes", names);
    List<AssetClass> result = new ArrayList<>();
    Map<Asset, String> claimed = new LinkedHashMap<>();
    boolean catchAll = false;
    for (String name : names) {
      ConfigSection one = classes.section(name, Set.of("assets", "max_class_pct"));
      List<String> listed =
          one.texts("assets")
              .orElseThrow(
                  () -> one.bad("assets", "expected a list of assets, e.g. [XBT] or [\"*\"]"));
      boolean others = listed.contains("*");
      if (others && catchAll) {
        throw one.bad("assets", "only one asset class may take \"*\" (every other asset)");
      }
      catchAll |= others;
      Set<Asset> assets = new LinkedHashSet<>();
      for (String text : listed) {
        if (!text.equals("*")) {
          Asset asset = one.asset("assets", text);
          String earlier = claimed.putIfAbsent(asset, name);
          if (earlier != null) {
            throw one.bad("assets", asset.code() + " is already in the asset class " + earlier);
          }
          assets.add(asset);
        }
      }
      Optional<BigDecimal> max =
          one.has("max_class_pct")
              ? Optional.of(one.decimal("max_class_pct", BigDecimal.ZERO))
              : Optional.empty();
      result.add(new AssetClass(name, assets, others, max));
    }
    return result;
  }

  private static DrawdownRules drawdown(ConfigSection risk) {
    List<BigDecimal> levels = new ArrayList<>();
    for (String text : risk.texts("drawdown_levels").orElse(List.of())) {
      levels.add(negative(risk, "drawdown_levels", text));
    }
    if (!risk.has("drawdown_levels")) {
      levels = DrawdownRules.DEFAULT_LEVELS;
    }
    List<BigDecimal> sorted = new ArrayList<>(levels);
    sorted.sort(java.util.Comparator.reverseOrder());
    if (!sorted.equals(levels) || new LinkedHashSet<>(levels).size() != levels.size()) {
      throw risk.bad(
          "drawdown_levels", "expected distinct levels, shallowest first, e.g. [-0.05, -0.10]");
    }
    List<TradingState> states = DrawdownRules.defaultStates(levels.size());
    Optional<List<String>> named = risk.texts("breach_states");
    if (named.isPresent()) {
      if (named.get().size() != levels.size()) {
        throw risk.bad(
            "breach_states",
            "expected one state per drawdown level ("
                + levels.size()
                + "), got "
                + named.get().size());
      }
      states = named.get().stream().map(text -> state(risk, "breach_states", text)).toList();
    }
    BigDecimal margin = risk.decimal("peak_reset_margin", new BigDecimal("0.01"));
    return new DrawdownRules(
        levels,
        states,
        risk.signedDecimal("max_daily_drawdown").map(d -> negative(risk, "max_daily_drawdown", d)),
        risk.signedDecimal("max_weekly_drawdown")
            .map(d -> negative(risk, "max_weekly_drawdown", d)),
        margin,
        state(risk, "daily_breach_state", risk.text("daily_breach_state", "HALTED")),
        state(risk, "weekly_breach_state", risk.text("weekly_breach_state", "HALTED")));
  }

  /** A drawdown written either way, {@code -0.05} or {@code 0.05}, as the negative fraction. */
  private static BigDecimal negative(ConfigSection section, String key, String text) {
    try {
      return negative(section, key, new BigDecimal(text));
    } catch (NumberFormatException e) {
      throw section.bad(key, "expected a decimal fraction such as -0.05, got '" + text + "'");
    }
  }

  private static BigDecimal negative(ConfigSection section, String key, BigDecimal value) {
    BigDecimal level = value.abs().negate();
    if (level.signum() == 0 || level.compareTo(BigDecimal.ONE.negate()) <= 0) {
      throw section.bad(
          key, "expected a fraction between 0 and 1 such as -0.05, got " + value.toPlainString());
    }
    return level;
  }

  private static TradingState state(ConfigSection section, String key, String text) {
    try {
      return TradingState.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw section.bad(key, "expected ACTIVE, REDUCING or HALTED, got '" + text + "'");
    }
  }

  private static Optional<URI> webhook(ConfigSection risk) {
    String text = risk.text("webhook_url", "");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw risk.bad("webhook_url", "expected an http or https URL, got '" + text + "'");
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw risk.bad("webhook_url", "not a URL: '" + text + "'");
    }
  }
}
