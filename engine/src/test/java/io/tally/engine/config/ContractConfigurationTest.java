package io.tally.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.books.CostBasisMethod;
import io.tally.kraken.KrakenException;
import io.tally.kraken.api.KrakenCredentials;
import io.tally.money.Asset;
import io.tally.reconcile.DriftMode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The configuration lines of the contract (DESIGN.md "Public contract", issue 15), one test per
 * line, named after it; they hold whatever answers the contract, so they are tested once, here.
 * {@link ConfigFileTest} has the file's other details (every key together, every rejection message,
 * Tally's own sections); docs/CONTRACT.md maps each line to its tests.
 */
class ContractConfigurationTest {

  /**
   * The contract's {@code portfolio:} keys, each read on its own (every other key left to its
   * default): {@code base_currency}, {@code valuation_pairs}, {@code include_assets}, {@code
   * exclude_assets}, {@code cost_basis_method}, {@code track_manual_trades}, {@code
   * snapshot_retention_days}, {@code reconciliation_tolerance}.
   */
  @Test
  void portfolio_section_reads_each_contract_key_on_its_own() {
    Map<String, Consumer<TallyConfig>> keys = new LinkedHashMap<>();
    keys.put(
        "base_currency: ZEUR",
        c -> {
          assertThat(c.portfolio().baseCurrency()).isEqualTo(Asset.of("EUR"));
          assertThat(c.portfolio().baseCurrencyConfigured()).isTrue();
        });
    keys.put(
        "valuation_pairs: {DOT: DOTEUR}",
        c ->
            assertThat(c.portfolio().valuationPairs())
                .containsExactly(Map.entry(Asset.of("DOT"), "DOTEUR")));
    keys.put(
        "include_assets: [BTC, ETH]",
        c -> {
          assertThat(c.portfolio().reports(Asset.XBT)).isTrue();
          assertThat(c.portfolio().reports(Asset.of("DOT"))).isFalse();
        });
    keys.put(
        "exclude_assets: [KFEE]",
        c -> {
          assertThat(c.portfolio().reports(Asset.KFEE)).isFalse();
          assertThat(c.portfolio().reports(Asset.XBT)).isTrue();
        });
    keys.put(
        "cost_basis_method: fifo",
        c -> assertThat(c.portfolio().costBasisMethod()).isEqualTo(CostBasisMethod.FIFO));
    keys.put(
        "track_manual_trades: false", c -> assertThat(c.portfolio().trackManualTrades()).isFalse());
    keys.put(
        "snapshot_retention_days: 7",
        c -> assertThat(c.portfolio().snapshotRetentionDays()).isEqualTo(7));
    keys.put(
        "reconciliation_tolerance: 0.5",
        c -> {
          assertThat(c.portfolio().reconciliationTolerance()).isEqualByComparingTo("0.5");
          assertThat(c.reconciliation().tolerance())
              .as("the tolerance reconciliation uses")
              .isEqualByComparingTo("0.5");
        });

    keys.forEach(
        (line, check) -> {
          TallyConfig config = ConfigFile.parse("portfolio:\n  " + line, "tally.yaml");
          check.accept(config);
          assertThat(config.schedule()).as(line).isEqualTo(ScheduleConfig.defaults());
          assertThat(config.kraken()).as(line).isEqualTo(KrakenConfig.defaults());
        });
  }

  /**
   * Every key is optional with a sane default: an empty file is USD (not configured, so the
   * history's currency decides), weighted average cost, every asset, manual trades tracked,
   * snapshots kept 30 days, a tolerance of 1.00 base-currency unit, and Tally's own sections.
   */
  @Test
  void every_key_is_optional_with_a_sane_default() {
    TallyConfig config = ConfigFile.parse("", "tally.yaml");

    PortfolioConfig portfolio = config.portfolio();
    assertThat(portfolio.baseCurrency()).isEqualTo(Asset.USD);
    assertThat(portfolio.baseCurrencyConfigured()).isFalse();
    assertThat(portfolio.valuationPairs()).isEmpty();
    assertThat(portfolio.includeAssets()).isEmpty();
    assertThat(portfolio.excludeAssets()).isEmpty();
    assertThat(portfolio.costBasisMethod()).isEqualTo(CostBasisMethod.WAC);
    assertThat(portfolio.trackManualTrades()).isTrue();
    assertThat(portfolio.snapshotRetentionDays()).isEqualTo(30);
    assertThat(portfolio.reconciliationTolerance()).isEqualByComparingTo("1.00");
    assertThat(portfolio.maxPriceAge()).isEqualTo(Duration.ofMinutes(15));
    assertThat(config.reconciliation())
        .isEqualTo(
            new ReconciliationConfig(
                Duration.ofMinutes(5), new BigDecimal("1.00"), false, DriftMode.OBSERVE_ONLY));
    assertThat(config.schedule())
        .isEqualTo(new ScheduleConfig(Duration.ofSeconds(60), Duration.ofMinutes(5), 365));
    assertThat(config.kraken())
        .isEqualTo(new KrakenConfig(URI.create("https://api.kraken.com"), "starter"));
    assertThat(ConfigFile.parse(ConfigFile.TEMPLATE, "template"))
        .as("the template states the defaults")
        .isEqualTo(config);
  }

  /**
   * The seed configuration's {@code portfolio.reconciliation.interval_seconds}, {@code threshold}
   * and {@code auto_update} configure exactly what Tally's {@code reconciliation.interval}, {@code
   * tolerance} and {@code auto_update} do (the rejections of contradicting pairs are in {@link
   * ConfigFileTest#rejectsBadKeysAndValuesNamingThePath}).
   */
  @Test
  void seed_aliases_configure_what_tallys_own_keys_do() {
    TallyConfig seed =
        ConfigFile.parse(
            "portfolio: {reconciliation: {interval_seconds: 90, threshold: 2.5, auto_update: true}}",
            "seed.yaml");
    TallyConfig own =
        ConfigFile.parse(
            "reconciliation: {interval: 90s, tolerance: 2.5, auto_update: true}", "tally.yaml");

    assertThat(seed.reconciliation()).isEqualTo(own.reconciliation());
    assertThat(seed.reconciliation().interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(seed).isEqualTo(own);
  }

  /**
   * The file is validated at start: a contract key with a value of the wrong kind stops Tally with
   * the file, the key's path and the reason (every message is in {@link ConfigFileTest}).
   */
  @Test
  void a_bad_value_of_any_contract_key_stops_start_up_naming_its_path() {
    for (String key :
        new String[] {
          "base_currency",
          "valuation_pairs",
          "include_assets",
          "exclude_assets",
          "cost_basis_method",
          "track_manual_trades",
          "snapshot_retention_days",
          "reconciliation_tolerance"
        }) {
      assertThatThrownBy(() -> ConfigFile.parse("portfolio: {" + key + ": [[1]]}", "tally.yaml"))
          .as(key)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("tally.yaml: portfolio." + key + ": ");
    }
  }

  /**
   * Secrets come only from the environment: {@code KRAKEN_API_KEY} and {@code KRAKEN_API_SECRET};
   * the file has no key for them (one is refused as unknown), and credentials never show in text.
   */
  @Test
  void secrets_come_only_from_the_environment() {
    for (String yaml :
        new String[] {
          "kraken: {api_key: abc}", "kraken: {api_secret: abc}", "portfolio: {api_key: abc}"
        }) {
      assertThatThrownBy(() -> ConfigFile.parse(yaml, "tally.yaml"))
          .as(yaml)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("unknown key");
    }
    assertThat(ConfigFile.TEMPLATE).contains("set KRAKEN_API_KEY and KRAKEN_API_SECRET");

    String secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQ=";
    KrakenCredentials credentials =
        KrakenCredentials.fromEnvironment(
                Map.of(
                    KrakenCredentials.KEY_VARIABLE,
                    "read-only-key",
                    KrakenCredentials.SECRET_VARIABLE,
                    secret))
            .orElseThrow();
    assertThat(credentials.apiKey()).isEqualTo("read-only-key");
    assertThat(credentials.toString()).doesNotContain("read-only-key").doesNotContain(secret);
    assertThat(KrakenCredentials.fromEnvironment(Map.of())).isEmpty();
    assertThatThrownBy(
            () ->
                KrakenCredentials.fromEnvironment(
                    Map.of(KrakenCredentials.KEY_VARIABLE, "read-only-key")))
        .isInstanceOf(KrakenException.class)
        .hasMessageContaining(KrakenCredentials.SECRET_VARIABLE);
  }
}
