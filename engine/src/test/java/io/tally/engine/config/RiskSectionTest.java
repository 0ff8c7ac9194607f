package io.tally.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Asset;
import io.tally.risk.AssetClass;
import io.tally.risk.RiskLimits;
import io.tally.risk.RiskPolicy;
import io.tally.risk.TradingState;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RiskSectionTest {

  @Test
  void noRiskSectionGivesTheDefaults() {
    RiskConfig risk = ConfigFile.parse("portfolio: {base_currency: USD}\n", "tally.yaml").risk();

    assertThat(risk.policy()).isEqualTo(RiskPolicy.DEFAULT);
    assertThat(risk.reservationTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(risk.countOpenOrders()).isTrue();
    assertThat(risk.webhookUrl()).isEmpty();
    assertThat(risk.policy().limits().leverageCap()).isEqualByComparingTo("6.0");
    assertThat(risk.policy().drawdown().levels())
        .containsExactly(new BigDecimal("-0.05"), new BigDecimal("-0.10"), new BigDecimal("-0.15"));
    assertThat(risk.policy().drawdown().statesAtLevels())
        .containsExactly(TradingState.ACTIVE, TradingState.REDUCING, TradingState.HALTED);
  }

  @Test
  void everyKeyIsRead() {
    String yaml =
        String.join(
            "\n",
            "risk:",
            "  leverage_cap: 3",
            "  max_position_pct: 15",
            "  min_position_pct: 0.2",
            "  min_position_base: 25",
            "  max_portfolio_risk_pct: 12",
            "  max_correlated_exposure_pct: 40",
            "  correlation_threshold: 0.8",
            "  correlation_window_days: 60",
            "  max_positions_per_symbol: 2",
            "  cash_reserve_pct: 10",
            "  drawdown_levels: [-0.04, -0.08]",
            "  breach_states: [REDUCING, HALTED]",
            "  max_daily_drawdown: 0.03",
            "  max_weekly_drawdown: -0.06",
            "  daily_breach_state: reducing",
            "  peak_reset_margin: 0.02",
            "  refuse_on_drift: false",
            "  refuse_on_stale_prices: false",
            "  sizing_fee_pct: 0.4",
            "  reservation_ttl: 10s",
            "  count_open_orders: false",
            "  webhook_url: http://127.0.0.1:9/hook",
            "  asset_classes:",
            "    btc: {assets: [XBT], max_class_pct: 60}",
            "    alts: {assets: [\"*\"], max_class_pct: 30}",
            "  strategies:",
            "    scalper: {max_position_pct: 5}",
            "");
    RiskConfig risk = ConfigFile.parse(yaml, "tally.yaml").risk();
    RiskPolicy policy = risk.policy();

    RiskLimits limits = policy.limits();
    assertThat(limits.leverageCap()).isEqualByComparingTo("3");
    assertThat(limits.maxPositionPct()).isEqualByComparingTo("15");
    assertThat(limits.minPositionPct()).isEqualByComparingTo("0.2");
    assertThat(limits.minPositionBase()).isEqualByComparingTo("25");
    assertThat(limits.maxPortfolioRiskPct()).isEqualByComparingTo("12");
    assertThat(limits.maxCorrelatedExposurePct()).contains(new BigDecimal("40"));
    assertThat(limits.maxPositionsPerSymbol()).contains(2);
    assertThat(limits.cashReservePct()).isEqualByComparingTo("10");
    assertThat(policy.correlationThreshold()).isEqualByComparingTo("0.8");
    assertThat(policy.correlationWindowDays()).isEqualTo(60);
    assertThat(policy.drawdown().levels())
        .containsExactly(new BigDecimal("-0.04"), new BigDecimal("-0.08"));
    assertThat(policy.drawdown().statesAtLevels())
        .containsExactly(TradingState.REDUCING, TradingState.HALTED);
    assertThat(policy.drawdown().maxDaily()).contains(new BigDecimal("-0.03"));
    assertThat(policy.drawdown().maxWeekly()).contains(new BigDecimal("-0.06"));
    assertThat(policy.drawdown().dailyState()).isEqualTo(TradingState.REDUCING);
    assertThat(policy.drawdown().weeklyState()).isEqualTo(TradingState.HALTED);
    assertThat(policy.drawdown().peakResetMargin()).isEqualByComparingTo("0.02");
    assertThat(policy.refuseOnDrift()).isFalse();
    assertThat(policy.refuseOnStalePrices()).isFalse();
    assertThat(policy.sizingFeePct()).isEqualByComparingTo("0.4");
    assertThat(risk.reservationTtl()).isEqualTo(Duration.ofSeconds(10));
    assertThat(risk.countOpenOrders()).isFalse();
    assertThat(risk.webhookUrl()).contains(URI.create("http://127.0.0.1:9/hook"));
    assertThat(policy.assetClasses())
        .containsExactly(
            new AssetClass("btc", Set.of(Asset.XBT), false, Optional.of(new BigDecimal("60"))),
            new AssetClass("alts", Set.of(), true, Optional.of(new BigDecimal("30"))));
    assertThat(policy.classOf(Asset.of("ETH")).map(AssetClass::name)).contains("alts");
    // The strategy's own key, the account's for the rest.
    RiskLimits scalper = policy.limitsFor(Optional.of("scalper"));
    assertThat(scalper.maxPositionPct()).isEqualByComparingTo("5");
    assertThat(scalper.leverageCap()).isEqualByComparingTo("3");
    assertThat(policy.limitsFor(Optional.of("other"))).isEqualTo(limits);
  }

  @Test
  void badValuesNameTheirPath() {
    assertThatThrownBy(() -> ConfigFile.parse("risk: {leverage_cap: 0}\n", "tally.yaml"))
        .hasMessage("tally.yaml: risk.leverage_cap: must be above 0, got 0");
    assertThatThrownBy(
            () -> ConfigFile.parse("risk: {drawdown_levels: [-0.10, -0.05]}\n", "tally.yaml"))
        .hasMessageContaining("risk.drawdown_levels: expected distinct levels, shallowest first");
    assertThatThrownBy(
            () ->
                ConfigFile.parse("risk: {breach_states: [ACTIVE, PAUSED, HALTED]}\n", "tally.yaml"))
        .hasMessage(
            "tally.yaml: risk.breach_states: expected ACTIVE, REDUCING or HALTED, got 'PAUSED'");
    assertThatThrownBy(
            () ->
                ConfigFile.parse(
                    "risk: {strategies: {s: {drawdown_levels: [-0.1]}}}\n", "tally.yaml"))
        .hasMessageContaining("risk.strategies.s.drawdown_levels: unknown key");
    assertThatThrownBy(
            () ->
                ConfigFile.parse(
                    "risk: {asset_classes: {a: {assets: [XBT]}, b: {assets: [XBT]}}}\n",
                    "tally.yaml"))
        .hasMessage("tally.yaml: risk.asset_classes.b.assets: XBT is already in the asset class a");
    assertThatThrownBy(() -> ConfigFile.parse("risk: {webhook_url: ftp://x}\n", "tally.yaml"))
        .hasMessage("tally.yaml: risk.webhook_url: expected an http or https URL, got 'ftp://x'");
    assertThatThrownBy(() -> ConfigFile.parse("risk: {max_dayly_drawdown: 0.1}\n", "tally.yaml"))
        .hasMessageContaining("risk.max_dayly_drawdown: unknown key");
  }
}
