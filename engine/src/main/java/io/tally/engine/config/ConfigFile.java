package io.tally.engine.config;

import io.tally.books.CostBasisMethod;
import io.tally.ledger.OneWord;
import io.tally.margin.MarginMode;
import io.tally.margin.MarginTerms;
import io.tally.metrics.RatioSettings;
import io.tally.metrics.ResetSchedule;
import io.tally.money.Asset;
import io.tally.money.AssetSymbol;
import io.tally.money.Pair;
import io.tally.reconcile.DriftMode;
import io.tally.series.HistorySettings;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and checks {@code tally.yaml}. Every key is optional and has a default; an unknown key, a
 * value of the wrong type or out of range fails with the file, the key path and the reason, before
 * anything runs. {@link #TEMPLATE} lists every key with its default.
 *
 * <p>Example: {@code ConfigFile.load(Path.of("tally.yaml")).portfolio().baseCurrency()}. Stateless.
 */
public final class ConfigFile {

  /** Every key with its default and what it does; {@code tally config template} prints it. */
  public static final String TEMPLATE =
      String.join(
          "\n",
          "# Tally configuration. Every key is optional; the values shown are the defaults.",
          "# Kraken API keys are never read from here: set KRAKEN_API_KEY and KRAKEN_API_SECRET.",
          "portfolio:",
          "  # base_currency: USD          # every cost basis and PnL figure is in this currency;",
          "                                # unset: the stored prices' currency, else the",
          "                                # history's only fiat currency, else USD",
          "  valuation_pairs: {}           # asset -> Kraken pair that prices it, e.g. {DOT: DOTUSD}",
          "  include_assets: []            # report only these assets (empty: all); books keep all",
          "  exclude_assets: []            # never report these assets; books keep them",
          "  cost_basis_method: wac        # wac (weighted average) or fifo",
          "  track_manual_trades: true     # false: PnL summaries leave out manual trades by default",
          "  snapshot_retention_days: 30   # snapshots older than this are pruned",
          "  reconciliation_tolerance: 1.00  # base-currency difference that raises the drift flag",
          "  external_activity_threshold_pct: 5  # % change by manual trades or flows worth an event",
          "  max_price_age: 15m            # a price older than this marks the figures it values stale",
          "  strategy_tags: {}             # order userref -> strategy tag, e.g. {1001: trend_v1}",
          "reconciliation:",
          "  interval: 5m                  # how often a running service checks Kraken's Balance",
          "  tolerance: 1.00               # the same as portfolio.reconciliation_tolerance (set one)",
          "  auto_update: false            # true: correct drift with a stored, visible adjustment",
          "  drift_mode: observe_only      # observe_only (flows subtracted) or auto_adjust (baseline",
          "                                # moves with each flow)",
          "sync:",
          "  interval: 60s                 # how often a running service syncs with Kraken",
          "equity_series:",
          "  interval: 5m                  # how often equity is sampled (its own clock, not polling)",
          "  retention_days: 365           # samples older than this are deleted",
          "kraken:",
          "  base_url: https://api.kraken.com  # the simulator's URL for tests and the demo",
          "  tier: starter                 # starter, intermediate or pro: the call-counter budget",
          "  region: global                # global, us or us_ca (us_ca: no margin, no futures)",
          "performance:",
          "  timezone: UTC                 # days, weeks and months of the daily history end here",
          "  rewards_as: income            # income (a return) or contribution (a flow, as a deposit)",
          "  annualization_factor: 365     # periods per year of the daily returns",
          "  risk_free_rate: 0             # annual, as a fraction (0.04 is 4 %), for Sharpe",
          "  benchmark: XBT                # the asset 'tally performance' compares with",
          "drawdown:",
          "  daily_reset_hour_utc: 0       # the daily drawdown window starts again at this hour",
          "  weekly_reset_day: monday      # and the weekly one on this day, at that hour",
          "margin:",
          "  mode: cross                   # cross (all collateral backs every position) or isolated",
          "  maintenance_pct: 50           # maintenance margin, % of a position's initial margin",
          "  maintenance_pct_by_pair: {}   # BASE/QUOTE -> %, e.g. {XBT/USD: 40}",
          "  reserve_pct: 10               # % of equity free margin keeps aside as a cash reserve",
          "  min_withdrawal_level_pct: 200 # the margin level a withdrawal must leave at least",
          "tax:",
          "  method: fifo                  # fifo, lifo, hifo or wac: which lots a disposal takes",
          "  long_term_after_days: 365     # a holding longer than this is long-term",
          "  fees_in_cost_basis: true      # fees join a buy's cost and leave a sale's proceeds",
          "  withdrawals_realize: false    # true where a withdrawal is taxed as a disposal",
          "accounts: {}                    # paper accounts by name ('tally paper --account NAME'):",
          "  # bot1:",
          "  #   kind: paper                 # the only kind here: the live account is kraken:",
          "  #   initial_balance: 10000      # deposited when the account opens",
          "  #   currency: USDT              # its money and its books' base currency",
          "  #   funding_rate_pct: 0.01      # charged every 8 hours on leveraged positions",
          "  #   max_leverage: 125",
          "");

  private static final Set<String> SECTIONS =
      Set.of(
          "portfolio",
          "reconciliation",
          "sync",
          "equity_series",
          "kraken",
          "performance",
          "drawdown",
          "margin",
          "accounts",
          "risk",
          "tax");

  private ConfigFile() {}

  /** The configuration in {@code file}. */
  public static TallyConfig load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The configuration in {@code text}, named {@code name} in messages. */
  public static TallyConfig parse(String text, String name) {
    return parse(new StringReader(text), name);
  }

  static TallyConfig parse(Reader reader, String name) {
    JsonNode root;
    try {
      // Decimals stay decimals: a tolerance of 0.1 must not become a double.
      root =
          YAMLMapper.builder()
              .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
              .build()
              .readTree(reader);
    } catch (JacksonException e) {
      throw new ConfigException(name + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return TallyConfig.defaults();
    }
    ConfigSection top = new ConfigSection(name, "", root, SECTIONS);
    PortfolioConfig portfolio = portfolio(top.section("portfolio", PORTFOLIO_KEYS));
    ReconciliationConfig reconciliation =
        reconciliation(
            top.section(
                "reconciliation", Set.of("interval", "tolerance", "auto_update", "drift_mode")),
            top,
            portfolio);
    ScheduleConfig schedule =
        schedule(
            top.section("sync", Set.of("interval")),
            top.section("equity_series", Set.of("interval", "retention_days")));
    KrakenConfig kraken = kraken(top.section("kraken", Set.of("base_url", "tier", "region")));
    PerformanceConfig performance =
        performance(
            top.section(
                "performance",
                Set.of(
                    "timezone",
                    "rewards_as",
                    "annualization_factor",
                    "risk_free_rate",
                    "benchmark")),
            top.section("drawdown", Set.of("daily_reset_hour_utc", "weekly_reset_day")));
    MarginConfig margin =
        margin(
            top.section(
                "margin",
                Set.of(
                    "mode",
                    "maintenance_pct",
                    "maintenance_pct_by_pair",
                    "reserve_pct",
                    "min_withdrawal_level_pct")));
    List<PaperAccountConfig> accounts = accounts(top);
    RiskConfig risk = RiskSection.read(top.section("risk", RiskSection.KEYS));
    TaxConfig tax = TaxSection.read(top.section("tax", TaxSection.KEYS));
    return new TallyConfig(
        portfolio, reconciliation, schedule, kraken, performance, margin, accounts, risk, tax);
  }

  /** The {@code accounts:} section: each a paper account ({@code kind: paper}). */
  private static List<PaperAccountConfig> accounts(ConfigSection top) {
    ConfigSection accounts = top.section("accounts", top.keysOf("accounts"));
    List<PaperAccountConfig> paper = new ArrayList<>();
    for (String name : top.keysOf("accounts")) {
      ConfigSection account =
          accounts.section(
              name,
              Set.of("kind", "initial_balance", "currency", "funding_rate_pct", "max_leverage"));
      if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
        throw account.bad("", "an account's name is 1 to 64 letters, digits, '-' or '_'");
      }
      String kind = account.text("kind", "");
      if (!kind.equals("paper")) {
        throw account.bad(
            "kind",
            kind.isEmpty()
                ? "is required: paper (the live account is the kraken: section)"
                : "expected paper (the live account is the kraken: section), got '" + kind + "'");
      }
      PaperAccountConfig d = PaperAccountConfig.defaults(name);
      BigDecimal balance = account.decimal("initial_balance", d.initialBalance());
      if (balance.signum() <= 0 || balance.stripTrailingZeros().scale() > 8) {
        throw account.bad(
            "initial_balance", "must be positive with at most 8 decimals, got " + balance);
      }
      Asset currency =
          account.has("currency")
              ? account.asset("currency", account.text("currency", ""))
              : d.currency();
      BigDecimal fundingPct =
          account.decimal("funding_rate_pct", d.fundingRate().movePointRight(2));
      int maxLeverage = account.integer("max_leverage", d.maxLeverage());
      if (maxLeverage < 1 || maxLeverage > MarginTerms.PAPER_MAX_LEVERAGE) {
        throw account.bad(
            "max_leverage",
            "must be between 1 and " + MarginTerms.PAPER_MAX_LEVERAGE + ", got " + maxLeverage);
      }
      paper.add(
          new PaperAccountConfig(
              name, currency, balance, fundingPct.movePointLeft(2), maxLeverage));
    }
    return paper;
  }

  private static final Set<String> PORTFOLIO_KEYS =
      Set.of(
          "base_currency",
          "valuation_pairs",
          "include_assets",
          "exclude_assets",
          "cost_basis_method",
          "track_manual_trades",
          "snapshot_retention_days",
          "reconciliation_tolerance",
          "external_activity_threshold_pct",
          "max_price_age",
          "strategy_tags",
          "reconciliation");

  private static PortfolioConfig portfolio(ConfigSection section) {
    PortfolioConfig d = PortfolioConfig.defaults();
    Map<Asset, String> valuationPairs = new HashMap<>();
    section
        .map("valuation_pairs")
        .forEach(
            (asset, pair) ->
                valuationPairs.put(section.asset("valuation_pairs." + asset, asset), pair));
    Map<Long, String> tags = new HashMap<>();
    section
        .map("strategy_tags")
        .forEach(
            (userref, tag) -> {
              String path = "strategy_tags." + userref;
              long ref;
              try {
                ref = Long.parseLong(userref);
              } catch (NumberFormatException e) {
                throw section.bad(path, "a userref is a whole number, got '" + userref + "'");
              }
              if (!OneWord.isOneWord(tag)) {
                throw section.bad(path, "a strategy tag is one word, got '" + tag + "'");
              }
              tags.put(ref, tag);
            });
    CostBasisMethod costBasis =
        section.choice(
            "cost_basis_method", d.costBasisMethod().code(), CostBasisMethod::parse, "wac or fifo");
    int retention = section.integer("snapshot_retention_days", d.snapshotRetentionDays());
    if (retention < 1) {
      throw section.bad("snapshot_retention_days", "must be at least 1, got " + retention);
    }
    BigDecimal tolerance = section.decimal("reconciliation_tolerance", d.reconciliationTolerance());
    BigDecimal threshold =
        section.decimal("external_activity_threshold_pct", d.externalActivityThresholdPct());
    return new PortfolioConfig(
        section.asset("base_currency", section.text("base_currency", d.baseCurrency().code())),
        valuationPairs,
        section.assets("include_assets"),
        section.assets("exclude_assets"),
        costBasis,
        section.bool("track_manual_trades", d.trackManualTrades()),
        retention,
        tolerance,
        threshold,
        section.duration("max_price_age", d.maxPriceAge()),
        tags,
        section.has("base_currency"));
  }

  private static PerformanceConfig performance(ConfigSection section, ConfigSection drawdown) {
    PerformanceConfig d = PerformanceConfig.defaults();
    String zoneText = section.text("timezone", d.zone().getId());
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneText);
    } catch (DateTimeException e) {
      throw section.bad(
          "timezone", "not a time zone such as UTC or Europe/Berlin: '" + zoneText + "'");
    }
    String rewards = section.text("rewards_as", "income");
    if (!rewards.equals("income") && !rewards.equals("contribution")) {
      throw section.bad("rewards_as", "expected income or contribution, got '" + rewards + "'");
    }
    int factor = section.integer("annualization_factor", d.ratios().annualization());
    if (factor < 1) {
      throw section.bad("annualization_factor", "must be at least 1, got " + factor);
    }
    BigDecimal riskFree =
        section.decimal("risk_free_rate", BigDecimal.valueOf(d.ratios().riskFreeRate()));
    int hour = drawdown.integer("daily_reset_hour_utc", d.drawdown().dailyResetHourUtc());
    if (hour < 0 || hour > 23) {
      throw drawdown.bad("daily_reset_hour_utc", "expected an hour from 0 to 23, got " + hour);
    }
    DayOfWeek weekday =
        drawdown.choice(
            "weekly_reset_day",
            d.drawdown().weeklyResetDay().name(),
            day -> DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)),
            "a day such as monday");
    return new PerformanceConfig(
        new HistorySettings(zone, rewards.equals("contribution")),
        new RatioSettings(
            factor,
            riskFree.doubleValue(),
            d.ratios().minimumAcceptableReturn(),
            d.ratios().minObservations()),
        section.asset("benchmark", section.text("benchmark", d.benchmark().code())),
        new ResetSchedule(hour, weekday));
  }

  /** The keys of the seeds' {@code portfolio.reconciliation} mapping, read as aliases. */
  private static final Set<String> CONTRACT_RECONCILIATION_KEYS =
      Set.of("interval_seconds", "threshold", "auto_update");

  /**
   * The reconciliation section. Its {@code tolerance} and the contract's {@code
   * portfolio.reconciliation_tolerance} are one setting: either may be given, both only if equal.
   * The seeds' {@code portfolio.reconciliation} keys ({@code interval_seconds}, {@code threshold},
   * {@code auto_update}) are deprecated aliases of {@code interval}, {@code tolerance} and {@code
   * auto_update}: accepted, and refused only when they contradict the key they stand for.
   */
  private static ReconciliationConfig reconciliation(
      ConfigSection section, ConfigSection top, PortfolioConfig portfolio) {
    ReconciliationConfig d = ReconciliationConfig.defaults();
    ConfigSection contract =
        top.section("portfolio", PORTFOLIO_KEYS)
            .section("reconciliation", CONTRACT_RECONCILIATION_KEYS);
    BigDecimal tolerance = portfolio.reconciliationTolerance();
    boolean portfolioTolerance =
        top.section("portfolio", PORTFOLIO_KEYS).has("reconciliation_tolerance");
    if (contract.has("threshold")) {
      BigDecimal alias = contract.decimal("threshold", tolerance);
      if (portfolioTolerance && alias.compareTo(tolerance) != 0) {
        throw contract.bad(
            "threshold",
            alias.toPlainString()
                + " contradicts portfolio.reconciliation_tolerance "
                + tolerance.toPlainString()
                + ": set one of them");
      }
      tolerance = alias;
      portfolioTolerance = true;
    }
    if (section.has("tolerance")) {
      BigDecimal own = section.decimal("tolerance", tolerance);
      if (portfolioTolerance && own.compareTo(tolerance) != 0) {
        throw section.bad(
            "tolerance",
            own.toPlainString()
                + " contradicts portfolio.reconciliation_tolerance "
                + tolerance.toPlainString()
                + ": set one of them");
      }
      tolerance = own;
    }
    Duration interval = section.duration("interval", d.interval());
    if (contract.has("interval_seconds")) {
      int seconds = contract.integer("interval_seconds", 0);
      if (seconds < 1) {
        throw contract.bad("interval_seconds", "must be at least 1, got " + seconds);
      }
      if (section.has("interval") && !interval.equals(Duration.ofSeconds(seconds))) {
        throw contract.bad(
            "interval_seconds",
            seconds + " contradicts reconciliation.interval " + interval + ": set one of them");
      }
      interval = Duration.ofSeconds(seconds);
    }
    boolean autoUpdate = section.bool("auto_update", d.autoUpdate());
    if (contract.has("auto_update")) {
      boolean alias = contract.bool("auto_update", autoUpdate);
      if (section.has("auto_update") && alias != autoUpdate) {
        throw contract.bad(
            "auto_update",
            alias + " contradicts reconciliation.auto_update " + autoUpdate + ": set one of them");
      }
      autoUpdate = alias;
    }
    DriftMode driftMode =
        section.choice(
            "drift_mode", d.driftMode().code(), DriftMode::parse, "observe_only or auto_adjust");
    return new ReconciliationConfig(interval, tolerance, autoUpdate, driftMode);
  }

  private static ScheduleConfig schedule(ConfigSection sync, ConfigSection series) {
    ScheduleConfig d = ScheduleConfig.defaults();
    int retention = series.integer("retention_days", d.equityRetentionDays());
    if (retention < 1) {
      throw series.bad("retention_days", "must be at least 1, got " + retention);
    }
    return new ScheduleConfig(
        sync.duration("interval", d.syncInterval()),
        series.duration("interval", d.equityInterval()),
        retention);
  }

  private static KrakenConfig kraken(ConfigSection section) {
    KrakenConfig d = KrakenConfig.defaults();
    String url = section.text("base_url", d.baseUrl().toString());
    URI baseUrl;
    try {
      baseUrl = new URI(url);
    } catch (URISyntaxException e) {
      throw section.bad("base_url", "not a URL: '" + url + "'");
    }
    if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
      throw section.bad("base_url", "must be an http or https URL, got '" + url + "'");
    }
    String tier = section.text("tier", d.tier());
    if (!KrakenConfig.TIERS.contains(tier)) {
      throw section.bad("tier", "expected one of " + KrakenConfig.TIERS + ", got '" + tier + "'");
    }
    KrakenRegion region =
        section.choice("region", d.region().key(), KrakenRegion::parse, "global, us or us_ca");
    return new KrakenConfig(baseUrl, tier, region);
  }

  private static MarginConfig margin(ConfigSection section) {
    MarginConfig d = MarginConfig.defaults();
    String modeText = section.text("mode", "cross");
    MarginMode mode;
    if (modeText.equals("cross")) {
      mode = MarginMode.CROSS;
    } else if (modeText.equals("isolated")) {
      mode = MarginMode.ISOLATED;
    } else {
      throw section.bad("mode", "expected cross or isolated, got '" + modeText + "'");
    }
    BigDecimal maintenance =
        ratio(section, "maintenance_pct", d.maintenanceRatio(), BigDecimal.ONE, true);
    Map<Pair, BigDecimal> byPair = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : section.map("maintenance_pct_by_pair").entrySet()) {
      String key = "maintenance_pct_by_pair." + entry.getKey();
      Pair pair;
      try {
        pair = Pair.parse(entry.getKey());
        pair =
            new Pair(
                AssetSymbol.canonical(pair.base().code()),
                AssetSymbol.canonical(pair.quote().code()));
      } catch (IllegalArgumentException e) {
        throw section.bad(key, "expected a pair as BASE/QUOTE, such as XBT/USD");
      }
      BigDecimal percent;
      try {
        percent = new BigDecimal(entry.getValue());
      } catch (NumberFormatException e) {
        throw section.bad(key, "expected a percentage, got '" + entry.getValue() + "'");
      }
      byPair.put(pair, percentRatio(section, key, percent, BigDecimal.ONE, true));
    }
    BigDecimal reserve = ratio(section, "reserve_pct", d.reserveRatio(), BigDecimal.ONE, false);
    BigDecimal level = section.decimal("min_withdrawal_level_pct", d.minWithdrawalLevel());
    if (level.signum() == 0) {
      throw section.bad("min_withdrawal_level_pct", "must be above 0");
    }
    return new MarginConfig(mode, maintenance, byPair, reserve, level);
  }

  /**
   * A percentage key read as a ratio ({@code 50} is {@code 0.5}), above 0 and at most {@code
   * ceiling} when {@code ceilingIncluded}, else at least 0 and below it.
   */
  private static BigDecimal ratio(
      ConfigSection section,
      String key,
      BigDecimal fallback,
      BigDecimal ceiling,
      boolean ceilingIncluded) {
    if (!section.has(key)) {
      return fallback;
    }
    return percentRatio(
        section, key, section.decimal(key, BigDecimal.ZERO), ceiling, ceilingIncluded);
  }

  private static BigDecimal percentRatio(
      ConfigSection section,
      String key,
      BigDecimal percent,
      BigDecimal ceiling,
      boolean ceilingIncluded) {
    BigDecimal ratio = percent.movePointLeft(2).stripTrailingZeros();
    boolean fits =
        ceilingIncluded
            ? ratio.signum() > 0 && ratio.compareTo(ceiling) <= 0
            : ratio.signum() >= 0 && ratio.compareTo(ceiling) < 0;
    if (!fits) {
      throw section.bad(
          key,
          (ceilingIncluded
                  ? "expected a percentage above 0 and at most 100"
                  : "expected a percentage from 0 to below 100")
              + ", got "
              + percent.toPlainString());
    }
    return ratio;
  }

  /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 such as {@code PT5M}. */
  static Duration parseDuration(String text) {
    if (text.startsWith("P") || text.startsWith("p")) {
      return Duration.parse(text);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*([smhd])").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "s":
        return Duration.ofSeconds(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      default:
        return Duration.ofDays(amount);
    }
  }
}
