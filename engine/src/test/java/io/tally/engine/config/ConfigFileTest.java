package io.tally.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.books.BookConfig;
import io.tally.books.CostBasisMethod;
import io.tally.engine.paper.PaperTerms;
import io.tally.margin.MarginMode;
import io.tally.margin.MarginTerms;
import io.tally.money.Asset;
import io.tally.money.Pair;
import io.tally.reconcile.DriftMode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {

  @Test
  void anEmptyFileIsEveryDefault() {
    assertThat(ConfigFile.parse("", "tally.yaml")).isEqualTo(TallyConfig.defaults());
    assertThat(ConfigFile.parse("portfolio:\n", "tally.yaml")).isEqualTo(TallyConfig.defaults());
  }

  @Test
  void theTemplateIsValidAndStatesTheDefaults() {
    assertThat(ConfigFile.parse(ConfigFile.TEMPLATE, "template")).isEqualTo(TallyConfig.defaults());
  }

  @Test
  void readsEveryKey() {
    TallyConfig config =
        ConfigFile.parse(
            String.join(
                "\n",
                "portfolio:",
                "  base_currency: ZEUR",
                "  valuation_pairs: {DOT: DOTEUR}",
                "  include_assets: [BTC, ETH, DOT]",
                "  exclude_assets: [KFEE]",
                "  cost_basis_method: FIFO",
                "  track_manual_trades: false",
                "  snapshot_retention_days: 30",
                "  reconciliation_tolerance: 0.50",
                "  external_activity_threshold_pct: 2.5",
                "  strategy_tags:",
                "    1001: trend_v1",
                "    1002: grid_v2",
                "kraken:",
                "  base_url: http://127.0.0.1:9999",
                "  tier: pro"),
            "tally.yaml");

    PortfolioConfig portfolio = config.portfolio();
    assertThat(portfolio.baseCurrency()).isEqualTo(Asset.of("EUR"));
    assertThat(portfolio.baseCurrencyConfigured()).isTrue();
    assertThat(TallyConfig.defaults().portfolio().baseCurrencyConfigured()).isFalse();
    assertThat(portfolio.valuationPairs()).containsExactly(Map.entry(Asset.of("DOT"), "DOTEUR"));
    assertThat(portfolio.includeAssets())
        .containsExactly(Asset.of("DOT"), Asset.of("ETH"), Asset.XBT);
    assertThat(portfolio.reports(Asset.XBT)).isTrue();
    assertThat(portfolio.reports(Asset.KFEE)).isFalse();
    assertThat(portfolio.reports(Asset.of("ADA"))).isFalse();
    assertThat(portfolio.costBasisMethod()).isEqualTo(CostBasisMethod.FIFO);
    // The books it keeps: the defaults, in the base asked for, by its method.
    assertThat(portfolio.books(Asset.USD))
        .isEqualTo(BookConfig.defaults().withBase(Asset.USD).withMethod(CostBasisMethod.FIFO));
    assertThat(portfolio.trackManualTrades()).isFalse();
    assertThat(portfolio.snapshotRetentionDays()).isEqualTo(30);
    assertThat(portfolio.reconciliationTolerance()).isEqualByComparingTo("0.5");
    assertThat(portfolio.externalActivityThresholdPct()).isEqualByComparingTo("2.5");
    assertThat(portfolio.strategyTags())
        .containsExactly(Map.entry(1001L, "trend_v1"), Map.entry(1002L, "grid_v2"));
    assertThat(config.kraken())
        .isEqualTo(new KrakenConfig(URI.create("http://127.0.0.1:9999"), "pro"));
  }

  @Test
  void readsTheServiceSections() {
    TallyConfig config =
        ConfigFile.parse(
            String.join(
                "\n",
                "portfolio: {max_price_age: 2h}",
                "reconciliation:",
                "  interval: 90s",
                "  tolerance: 0.25",
                "  auto_update: true",
                "  drift_mode: auto_adjust",
                "sync: {interval: PT30S}",
                "equity_series: {interval: 1m, retention_days: 30}"),
            "tally.yaml");

    assertThat(config.portfolio().maxPriceAge()).isEqualTo(Duration.ofHours(2));
    assertThat(config.reconciliation())
        .isEqualTo(
            new ReconciliationConfig(
                Duration.ofSeconds(90), new BigDecimal("0.25"), true, DriftMode.AUTO_ADJUST));
    assertThat(config.schedule())
        .isEqualTo(new ScheduleConfig(Duration.ofSeconds(30), Duration.ofMinutes(1), 30));
  }

  @Test
  void theContractsToleranceIsTheReconciliationTolerance() {
    TallyConfig config =
        ConfigFile.parse("portfolio: {reconciliation_tolerance: 2.5}", "tally.yaml");

    assertThat(config.reconciliation().tolerance()).isEqualByComparingTo("2.5");
  }

  @Test
  void theSeedsReconciliationKeysAreAliasesOfTallysOwn() {
    TallyConfig config =
        ConfigFile.parse(
            String.join(
                "\n",
                "portfolio:",
                "  reconciliation:",
                "    interval_seconds: 300",
                "    threshold: 2.5",
                "    auto_update: true"),
            "tally.yaml");

    assertThat(config.reconciliation().interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.reconciliation().tolerance()).isEqualByComparingTo("2.5");
    assertThat(config.reconciliation().autoUpdate()).isTrue();
    // An alias and its key may both be given when they agree.
    assertThat(
            ConfigFile.parse(
                    "{portfolio: {reconciliation: {interval_seconds: 60}},"
                        + " reconciliation: {interval: 1m}}",
                    "tally.yaml")
                .reconciliation()
                .interval())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void snapshotsAreKeptThirtyDaysByDefaultAsTheContractSays() {
    assertThat(TallyConfig.defaults().portfolio().snapshotRetentionDays()).isEqualTo(30);
  }

  @Test
  void readsThePerformanceAndDrawdownSections() {
    TallyConfig config =
        ConfigFile.parse(
            "performance: {timezone: Europe/Berlin, rewards_as: contribution,"
                + " annualization_factor: 252, risk_free_rate: 0.04, benchmark: ETH}\n"
                + "drawdown: {daily_reset_hour_utc: 8, weekly_reset_day: sunday}\n",
            "tally.yaml");

    PerformanceConfig performance = config.performance();
    assertThat(performance.zone()).isEqualTo(java.time.ZoneId.of("Europe/Berlin"));
    assertThat(performance.history().rewardsAsContribution()).isTrue();
    assertThat(performance.ratios().annualization()).isEqualTo(252);
    assertThat(performance.ratios().riskFreeRate()).isEqualTo(0.04);
    assertThat(performance.benchmark().code()).isEqualTo("ETH");
    assertThat(performance.drawdown())
        .isEqualTo(new io.tally.metrics.ResetSchedule(8, java.time.DayOfWeek.SUNDAY));
  }

  @Test
  void readsTheRegionAndTheMarginSection() {
    TallyConfig config =
        ConfigFile.parse(
            "kraken: {region: us_ca}\n"
                + "margin: {mode: isolated, maintenance_pct: 40, reserve_pct: 5,"
                + " maintenance_pct_by_pair: {BTC/USD: 80}, min_withdrawal_level_pct: 300}\n",
            "tally.yaml");

    assertThat(config.kraken().region()).isEqualTo(KrakenRegion.US_CA);
    assertThat(config.kraken().region().hasMargin()).isFalse();
    assertThatThrownBy(() -> config.kraken().region().refuseMargin("A 5x order"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "A 5x order needs margin trading, which Kraken does not offer in region us_ca"
                + " (kraken.region)");
    MarginConfig margin = config.margin();
    assertThat(margin.mode()).isEqualTo(MarginMode.ISOLATED);
    // Percentages become ratios: 40 % -> 0.4, 5 % -> 0.05; BTC is Kraken's XBT.
    assertThat(margin.maintenanceRatio()).isEqualByComparingTo("0.4");
    assertThat(margin.reserveRatio()).isEqualByComparingTo("0.05");
    assertThat(margin.maintenanceByPair())
        .containsOnlyKeys(new Pair(Asset.XBT, Asset.USD))
        .containsValue(new BigDecimal("0.8"));
    assertThat(margin.minWithdrawalLevel()).isEqualByComparingTo("300");
    MarginTerms terms = margin.terms(Asset.USD, 5);
    assertThat(terms.maintenanceRatio(new Pair(Asset.XBT, Asset.USD))).isEqualByComparingTo("0.8");
    assertThat(terms.maintenanceRatio(new Pair(Asset.of("ETH"), Asset.USD)))
        .isEqualByComparingTo("0.4");
    assertThat(terms.mode()).isEqualTo(MarginMode.ISOLATED);
  }

  @Test
  void readsPaperAccountsByNameWithTheirDefaultsAndTheMarginSectionsTerms() {
    TallyConfig config =
        ConfigFile.parse(
            "margin: {reserve_pct: 5}\n"
                + "accounts:\n"
                + "  bot1: {kind: paper, initial_balance: 2500.5, currency: USD,"
                + " funding_rate_pct: 0.02, max_leverage: 10}\n"
                + "  bot2: {kind: paper}\n",
            "tally.yaml");

    assertThat(config.paperAccounts())
        .extracting(PaperAccountConfig::name)
        .containsExactly("bot1", "bot2");
    PaperAccountConfig bot1 = config.paperAccount("bot1").orElseThrow();
    assertThat(bot1.currency()).isEqualTo(Asset.USD);
    assertThat(bot1.initialBalance()).isEqualByComparingTo("2500.5");
    // 0.02 % per 8 hours is the fraction 0.0002.
    assertThat(bot1.fundingRate()).isEqualByComparingTo("0.0002");
    PaperTerms terms = bot1.terms(config.margin());
    assertThat(terms.collateral()).isEqualTo(Asset.USD);
    assertThat(terms.margin().maxLeverage(new Pair(Asset.XBT, Asset.USD))).isEqualTo(10);
    assertThat(terms.margin().reserveRatio()).isEqualByComparingTo("0.05");
    assertThat(terms.funding().ratePerPeriod()).isEqualByComparingTo("0.0002");
    // Unset keys: 10,000 USDT, 0.01 % funding, up to 125x.
    assertThat(config.paperAccount("bot2")).contains(PaperAccountConfig.defaults("bot2"));
    assertThat(config.paperAccount("bot3")).isEmpty();
  }

  @Test
  void theMarginDefaultsAreTheIssuesAndTheRegionIsGlobal() {
    TallyConfig config = ConfigFile.parse("", "tally.yaml");

    assertThat(config.kraken().region()).isEqualTo(KrakenRegion.GLOBAL);
    assertThat(config.kraken().region().hasMargin()).isTrue();
    assertThat(config.margin()).isEqualTo(MarginConfig.defaults());
    assertThat(config.margin().mode()).isEqualTo(MarginMode.CROSS);
    assertThat(config.margin().maintenanceRatio()).isEqualByComparingTo("0.5");
    assertThat(config.margin().reserveRatio()).isEqualByComparingTo("0.1");
    assertThat(config.margin().minWithdrawalLevel()).isEqualByComparingTo("200");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "portfolio: {colour: blue}|tally.yaml: portfolio.colour: unknown key",
        "wallet: {}|tally.yaml: wallet: unknown key (known: accounts, drawdown, equity_series, kraken, margin, performance, portfolio, reconciliation, risk, sync, tax)",
        "reconciliation: {interval: soon}|tally.yaml: reconciliation.interval: expected a duration such as 90s, 5m, 1h or 2d, got 'soon'",
        "reconciliation: {interval: 0s}|tally.yaml: reconciliation.interval: must be positive, got '0s'",
        "reconciliation: {drift_mode: fix}|tally.yaml: reconciliation.drift_mode: expected observe_only or auto_adjust, got 'fix'",
        "reconciliation: {auto_update: yes please}|tally.yaml: reconciliation.auto_update: expected true or false",
        "reconciliation: {mode: x}|tally.yaml: reconciliation.mode: unknown key",
        "{portfolio: {reconciliation_tolerance: 2}, reconciliation: {tolerance: 3}}|tally.yaml: reconciliation.tolerance: 3 contradicts portfolio.reconciliation_tolerance 2: set one of them",
        "sync: {interval: -5m}|tally.yaml: sync.interval: expected a duration",
        "{portfolio: {reconciliation: {threshold: 3}}, reconciliation: {tolerance: 2}}|tally.yaml: reconciliation.tolerance: 2 contradicts portfolio.reconciliation_tolerance 3: set one of them",
        "portfolio: {reconciliation_tolerance: 2, reconciliation: {threshold: 3}}|tally.yaml: portfolio.reconciliation.threshold: 3 contradicts portfolio.reconciliation_tolerance 2: set one of them",
        "{portfolio: {reconciliation: {interval_seconds: 30}}, reconciliation: {interval: 1m}}|tally.yaml: portfolio.reconciliation.interval_seconds: 30 contradicts reconciliation.interval PT1M: set one of them",
        "portfolio: {reconciliation: {interval_seconds: 0}}|tally.yaml: portfolio.reconciliation.interval_seconds: must be at least 1, got 0",
        "{portfolio: {reconciliation: {auto_update: false}}, reconciliation: {auto_update: true}}|tally.yaml: portfolio.reconciliation.auto_update: false contradicts reconciliation.auto_update true: set one of them",
        "portfolio: {reconciliation: {tolerance: 1}}|tally.yaml: portfolio.reconciliation.tolerance: unknown key",
        "equity_series: {retention_days: 0}|tally.yaml: equity_series.retention_days: must be at least 1, got 0",
        "portfolio: {max_price_age: 1y}|tally.yaml: portfolio.max_price_age: expected a duration",
        "portfolio: {cost_basis_method: lifo}|tally.yaml: portfolio.cost_basis_method: expected wac or fifo, got 'lifo'",
        "portfolio: {snapshot_retention_days: 0}|tally.yaml: portfolio.snapshot_retention_days: must be at least 1, got 0",
        "portfolio: {snapshot_retention_days: ten}|tally.yaml: portfolio.snapshot_retention_days: expected a whole number, got 'ten'",
        "portfolio: {reconciliation_tolerance: lots}|tally.yaml: portfolio.reconciliation_tolerance: expected a decimal number, got 'lots'",
        "portfolio: {reconciliation_tolerance: -1}|tally.yaml: portfolio.reconciliation_tolerance: must not be negative, got -1",
        "portfolio: {track_manual_trades: maybe}|tally.yaml: portfolio.track_manual_trades: expected true or false, got 'maybe'",
        "portfolio: {include_assets: XBT}|tally.yaml: portfolio.include_assets: expected a list of assets",
        "portfolio: {include_assets: [[XBT]]}|tally.yaml: portfolio.include_assets: expected a list of assets, e.g. [XBT, ETH], got '[[\"XBT\"]]'",
        "portfolio: {track_manual_trades: [true]}|tally.yaml: portfolio.track_manual_trades: expected true or false, got '[true]'",
        "portfolio: {snapshot_retention_days: [30]}|tally.yaml: portfolio.snapshot_retention_days: expected a whole number, got '[30]'",
        "portfolio: {reconciliation_tolerance: {a: 1}}|tally.yaml: portfolio.reconciliation_tolerance: expected a decimal number, got '{\"a\":1}'",
        "portfolio: {strategy_tags: {abc: trend}}|tally.yaml: portfolio.strategy_tags.abc: a userref is a whole number, got 'abc'",
        "portfolio: {strategy_tags: {1001: 'two words'}}|tally.yaml: portfolio.strategy_tags.1001: a strategy tag is one word, got 'two words'",
        "kraken: {tier: gold}|tally.yaml: kraken.tier: expected one of [starter, intermediate, pro], got 'gold'",
        "kraken: {base_url: 'ftp://x'}|tally.yaml: kraken.base_url: must be an http or https URL, got 'ftp://x'",
        "portfolio: [1, 2]|tally.yaml: portfolio: expected a mapping of keys",
        "performance: {timezone: Mars/Olympus}|tally.yaml: performance.timezone: not a time zone such as UTC or Europe/Berlin: 'Mars/Olympus'",
        "performance: {rewards_as: gift}|tally.yaml: performance.rewards_as: expected income or contribution, got 'gift'",
        "performance: {annualization_factor: 0}|tally.yaml: performance.annualization_factor: must be at least 1, got 0",
        "drawdown: {daily_reset_hour_utc: 24}|tally.yaml: drawdown.daily_reset_hour_utc: expected an hour from 0 to 23, got 24",
        "drawdown: {weekly_reset_day: someday}|tally.yaml: drawdown.weekly_reset_day: expected a day such as monday, got 'someday'",
        "kraken: {region: mars}|tally.yaml: kraken.region: expected global, us or us_ca, got 'mars'",
        "margin: {mode: hedged}|tally.yaml: margin.mode: expected cross or isolated, got 'hedged'",
        "margin: {maintenance_pct: 0}|tally.yaml: margin.maintenance_pct: expected a percentage above 0 and at most 100, got 0",
        "margin: {maintenance_pct: 120}|tally.yaml: margin.maintenance_pct: expected a percentage above 0 and at most 100, got 120",
        "margin: {reserve_pct: 100}|tally.yaml: margin.reserve_pct: expected a percentage from 0 to below 100, got 100",
        "margin: {maintenance_pct_by_pair: {XBTUSD: 40}}|tally.yaml: margin.maintenance_pct_by_pair.XBTUSD: expected a pair as BASE/QUOTE, such as XBT/USD",
        "margin: {maintenance_pct_by_pair: {XBT/USD: most}}|tally.yaml: margin.maintenance_pct_by_pair.XBT/USD: expected a percentage, got 'most'",
        "margin: {min_withdrawal_level_pct: 0}|tally.yaml: margin.min_withdrawal_level_pct: must be above 0",
        "margin: {leverage: 5}|tally.yaml: margin.leverage: unknown key",
        "accounts: {bot1: {initial_balance: 5}}|tally.yaml: accounts.bot1.kind: is required: paper",
        "accounts: {bot1: {kind: live}}|tally.yaml: accounts.bot1.kind: expected paper",
        "accounts: {bot1: {kind: paper, initial_balance: 0}}|tally.yaml: accounts.bot1.initial_balance: must be positive",
        "accounts: {bot1: {kind: paper, max_leverage: 200}}|tally.yaml: accounts.bot1.max_leverage: must be between 1 and 125, got 200",
        "accounts: {bot1: {kind: paper, currency: 'U S D'}}|tally.yaml: accounts.bot1.currency: not an asset",
        "accounts: {bot1: {kind: paper, leverage: 2}}|tally.yaml: accounts.bot1.leverage: unknown key",
        "accounts: {'bad name': {kind: paper}}|tally.yaml: accounts.bad name: an account's name is",
        "accounts: [bot1]|tally.yaml: accounts: expected a mapping of names",
        "tax: {method: lofi}|tally.yaml: tax.method: expected fifo, lifo, hifo or wac, got 'lofi'",
        "tax: {long_term_after_days: -1}|tally.yaml: tax.long_term_after_days: must not be negative, got -1",
        "tax: {fees_in_cost_basis: sometimes}|tally.yaml: tax.fees_in_cost_basis: expected true or false",
        "tax: {jurisdiction: us}|tally.yaml: tax.jurisdiction: unknown key",
        "'portfolio: {'|tally.yaml: not valid YAML"
      })
  void rejectsBadKeysAndValuesNamingThePath(String yaml, String message) {
    assertThatThrownBy(() -> ConfigFile.parse(yaml, "tally.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(message);
  }
}
