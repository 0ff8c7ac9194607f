package io.tally.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.margin.AlertType;
import io.tally.margin.MarginAlert;
import io.tally.margin.MarginAlerts;
import io.tally.margin.MarginMode;
import io.tally.margin.MarginSummary;
import io.tally.margin.PositionMargin;
import io.tally.margin.PositionSide;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RiskEventTest {

  private static final Pair XBTUSD = Pair.parse("XBT/USD");
  private static final Pair ETHUSD = Pair.parse("ETH/USD");
  private static final Instant AT = Instant.parse("2026-12-03T22:00:00Z");

  /**
   * 5,000 USD collateral; long 1 XBT entered at 10,000 at 5× (margin 2,000), marked at 8,150
   * (unrealized −1,850); short 10 ETH at 300 at 3× (margin 1,000), marked at 300 (unrealized 0).
   * Equity 5,000 − 1,850 = 3,150; margin used 3,000; level 3,150 / 3,000 × 100 = 105 %.
   */
  private static MarginSummary critical() {
    return new MarginSummary(
        MarginMode.CROSS,
        new BigDecimal("5000"),
        new BigDecimal("0.1"),
        List.of(
            new PositionMargin(
                XBTUSD,
                PositionSide.LONG,
                new BigDecimal("1"),
                5,
                new BigDecimal("10000"),
                new BigDecimal("8150"),
                new BigDecimal("10000"),
                new BigDecimal("8150"),
                new BigDecimal("-1850.00000000"),
                new BigDecimal("2000.00000000"),
                new BigDecimal("1000.00000000"),
                Optional.empty()),
            new PositionMargin(
                ETHUSD,
                PositionSide.SHORT,
                new BigDecimal("-10"),
                3,
                new BigDecimal("300"),
                new BigDecimal("300"),
                new BigDecimal("3000"),
                new BigDecimal("3000"),
                new BigDecimal("0E-8"),
                new BigDecimal("1000.00000000"),
                new BigDecimal("500.00000000"),
                Optional.empty())));
  }

  @Test
  void aCriticalMarginAlertCarriesTheLevelEquityPositionsAndTheMostLosingPositionToReduce() {
    MarginSummary summary = critical();
    MarginAlert alert = new MarginAlerts().observe(summary).orElseThrow();

    RiskEvent event = RiskEvent.ofMargin(AT, alert, summary);

    assertThat(event.type()).isEqualTo(RiskEventType.MARGIN_CRITICAL);
    assertThat(event.level()).contains(new BigDecimal("105.0000"));
    // 5,000 − 1,850
    assertThat(event.equity()).isEqualByComparingTo("3150");
    assertThat(event.positions()).extracting(RiskPosition::pair).containsExactly(ETHUSD, XBTUSD);
    assertThat(event.suggestedAction())
        .contains(new SuggestedAction(XBTUSD, new BigDecimal("-1850.00000000")));
    assertThat(event.line())
        .isEqualTo(
            "RISK_EVENT type=MARGIN_CRITICAL at=2026-12-03T22:00:00Z level=105.0000"
                + " equity=3150.00000000 positions=ETH/USD,XBT/USD reduce=XBT/USD"
                + " reduce_unrealized_pnl=-1850.00000000");
  }

  @Test
  void aMarginCallSuggestsNothingAndARestoreWithoutMarginHasNoLevel() {
    MarginSummary summary = critical();
    MarginAlert call =
        new MarginAlert(AlertType.MARGIN_CALL, summary.marginLevel(), List.of(), Optional.empty());
    assertThat(RiskEvent.ofMargin(AT, call, summary).suggestedAction()).isEmpty();

    MarginSummary flat =
        new MarginSummary(MarginMode.CROSS, new BigDecimal("4000"), BigDecimal.ZERO, List.of());
    MarginAlert restored =
        MarginAlerts.resumed(Optional.of(AlertType.MARGIN_CALL)).observe(flat).orElseThrow();
    RiskEvent event = RiskEvent.ofMargin(AT, restored, flat);
    assertThat(event.line())
        .isEqualTo(
            "RISK_EVENT type=MARGIN_RESTORED at=2026-12-03T22:00:00Z equity=4000.00000000"
                + " positions=");
  }

  @Test
  void everyMarginAlertTypeIsARiskEventTypeAndBack() {
    for (AlertType alert : AlertType.values()) {
      RiskEventType type = RiskEventType.of(alert);
      assertThat(type.isMargin()).isTrue();
      assertThat(type.alertType()).isEqualTo(alert);
    }
    assertThat(RiskEventType.DRAWDOWN_BREACH.isMargin()).isFalse();
    assertThatThrownBy(RiskEventType.DRIFT::alertType).isInstanceOf(IllegalStateException.class);
  }
}
