package io.tally.margin;

import static io.tally.margin.MarginFixtures.ETHUSD;
import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.buy;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.deposit;
import static io.tally.margin.MarginFixtures.paper;
import static io.tally.margin.MarginFixtures.sell;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarginAlertsTest {

  /**
   * 5,000 USD; long 1 XBT at 10,000 at 5× (margin 2,000) and short 10 ETH at 300 at 3× (margin
   * 1,000), ETH held at 300. Margin level = (5,000 + P − 10,000) / 3,000 × 100, so XBT at {@code P
   * = 5,000 + 30 × level} gives {@code level}.
   */
  private static final MarginAccount ACCOUNT =
      MarginBook.replay(
          paper(),
          List.of(
              deposit("D1", 0, "5000"),
              buy("T1", 1, XBTUSD, "1", "10000", "0", 5),
              sell("T2", 2, ETHUSD, "10", "300", "0", 3)));

  private static MarginSummary atLevel(int level) {
    MarginSummary summary =
        ACCOUNT.summary(Map.of(XBTUSD, BigDecimal.valueOf(5_000 + 30L * level)));
    assertThat(summary.marginLevel()).contains(new BigDecimal(level + ".0000"));
    return summary;
  }

  private static List<String> run(MarginAlerts alerts, int... levels) {
    List<String> raised = new ArrayList<>();
    for (int level : levels) {
      alerts.observe(atLevel(level)).ifPresent(alert -> raised.add(level + " " + alert.type()));
    }
    return raised;
  }

  @Test
  void theLadderRaisesEachRungOnceOnTheWayDownAndRestoresAboveTheBand() {
    MarginAlerts alerts = new MarginAlerts();
    // 250 none; 195 < 200 call; 190 still a call; 145 < 150 risk; 105 < 110 critical; 115 not
    // above 110 + 10; 125 leaves critical silently (back to risk); 108 critical again; 205 is
    // not above 200 + 10; 220 restored; 195 a new call
    assertThat(run(alerts, 250, 195, 190, 145, 105, 115, 125, 108, 205, 220, 195))
        .containsExactly(
            "195 MARGIN_CALL",
            "145 LIQUIDATION_RISK",
            "105 MARGIN_CRITICAL",
            "108 MARGIN_CRITICAL",
            "220 MARGIN_RESTORED",
            "195 MARGIN_CALL");
    assertThat(alerts.standing()).contains(AlertType.MARGIN_CALL);
  }

  @Test
  void aFallThroughEveryRungRaisesOnlyTheWorst() {
    assertThat(run(new MarginAlerts(), 250, 100, 90)).containsExactly("100 MARGIN_CRITICAL");
  }

  @Test
  void withoutABandTheLevelRestoresAsSoonAsItIsAbove200() {
    assertThat(run(new MarginAlerts(BigDecimal.ZERO), 199, 200, 201, 199))
        .containsExactly("199 MARGIN_CALL", "201 MARGIN_RESTORED", "199 MARGIN_CALL");
  }

  @Test
  void aCriticalAlertNamesThePositionsAndTheMostLosingOneToReduce() {
    MarginAlerts alerts = new MarginAlerts();
    MarginAlert call = alerts.observe(atLevel(195)).orElseThrow();
    assertThat(call.positions()).containsExactly(ETHUSD, XBTUSD);
    assertThat(call.reduceFirst()).isEmpty();
    MarginAlert critical = alerts.observe(atLevel(105)).orElseThrow();
    // XBT marked at 8,150 loses 1,850; the ETH short at 300 loses nothing
    assertThat(critical.type()).isEqualTo(AlertType.MARGIN_CRITICAL);
    assertThat(critical.level()).contains(new BigDecimal("105.0000"));
    assertThat(critical.positions()).containsExactly(ETHUSD, XBTUSD);
    assertThat(critical.reduceFirst()).contains(XBTUSD);
  }

  @Test
  void closingEveryPositionRestoresWithoutALevel() {
    MarginAlerts alerts = new MarginAlerts();
    alerts.observe(atLevel(150));
    assertThat(alerts.standing()).contains(AlertType.MARGIN_CALL);
    MarginSummary flat = new MarginSummary(MarginMode.CROSS, d("4000"), d("0.1"), List.of());
    MarginAlert restored = alerts.observe(flat).orElseThrow();
    assertThat(restored.type()).isEqualTo(AlertType.MARGIN_RESTORED);
    assertThat(restored.level()).isEmpty();
    assertThat(restored.positions()).isEmpty();
    assertThat(alerts.standing()).isEqualTo(Optional.empty());
    assertThat(alerts.observe(flat)).isEmpty();
  }

  @Test
  void aResumedLadderDoesNotRaiseTheStandingAlertAgain() {
    MarginAlerts call = MarginAlerts.resumed(Optional.of(AlertType.MARGIN_CALL));
    assertThat(call.standing()).contains(AlertType.MARGIN_CALL);
    // 195 stays in the call's rung; 145 < 150 is a new, worse rung; 220 > 200 + 10 restores
    assertThat(run(call, 195, 145, 220))
        .containsExactly("145 LIQUIDATION_RISK", "220 MARGIN_RESTORED");
    MarginAlerts critical = MarginAlerts.resumed(Optional.of(AlertType.MARGIN_CRITICAL));
    // 125 > 110 + 10 leaves the critical rung silently; 108 < 110 raises it again
    assertThat(run(critical, 105, 125, 108)).containsExactly("108 MARGIN_CRITICAL");
  }

  @Test
  void aLadderResumedFromARestoreOrNothingHasNoAlertStanding() {
    assertThat(MarginAlerts.resumed(Optional.of(AlertType.MARGIN_RESTORED)).standing()).isEmpty();
    assertThat(run(MarginAlerts.resumed(Optional.empty()), 195)).containsExactly("195 MARGIN_CALL");
  }
}
