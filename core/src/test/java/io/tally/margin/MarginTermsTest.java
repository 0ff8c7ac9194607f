package io.tally.margin;

import static io.tally.margin.MarginFixtures.ETHUSD;
import static io.tally.margin.MarginFixtures.XBTUSD;
import static io.tally.margin.MarginFixtures.d;
import static io.tally.margin.MarginFixtures.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tally.money.Asset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarginTermsTest {

  @Test
  void paperTermsAllow125TimesHalfMaintenanceATenthReserveAndCross() {
    MarginTerms terms = paper();
    assertThat(MarginTerms.PAPER_MAX_LEVERAGE).isEqualTo(125);
    assertThat(terms.maxLeverage(XBTUSD)).isEqualTo(125);
    assertThat(terms.maintenanceRatio(XBTUSD)).isEqualByComparingTo("0.5");
    assertThat(terms.reserveRatio()).isEqualByComparingTo("0.1");
    assertThat(terms.mode()).isEqualTo(MarginMode.CROSS);
    assertThat(terms.requireLeverage(XBTUSD, 1)).isEqualTo(1);
  }

  @Test
  void perPairOverridesApplyToTheirPairOnly() {
    MarginTerms terms = paper().withMaxLeverage(XBTUSD, 5).withMaintenance(XBTUSD, d("0.8"));
    assertThat(terms.maxLeverage(XBTUSD)).isEqualTo(5);
    assertThat(terms.maxLeverage(ETHUSD)).isEqualTo(125);
    assertThat(terms.maintenanceRatio(XBTUSD)).isEqualByComparingTo("0.8");
    assertThat(terms.maintenanceRatio(ETHUSD)).isEqualByComparingTo("0.5");
  }

  @Test
  void badTermsAreRejectedByName() {
    assertThatThrownBy(() -> paper().withMaintenance(XBTUSD, d("1.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maintenanceRatio of XBTUSD must be at most 1, got 1.5");
    assertThatThrownBy(() -> paper().withMaintenance(XBTUSD, d("0")))
        .hasMessage("maintenanceRatio of XBTUSD must be positive, got 0");
    assertThatThrownBy(() -> paper().withMaxLeverage(XBTUSD, 0))
        .hasMessage("maxLeverage of XBTUSD must be at least 1, got 0");
    assertThatThrownBy(() -> paper().withReserve(d("1")))
        .hasMessage("reserveRatio must be below 1, got 1");
    assertThatThrownBy(() -> paper().withReserve(d("-0.1")))
        .hasMessage("reserveRatio must not be negative, got -0.1");
    assertThatThrownBy(
            () ->
                new MarginTerms(
                    Asset.USD, 0, Map.of(), d("0.5"), Map.of(), d("0.1"), MarginMode.CROSS))
        .hasMessage("maxLeverage must be at least 1, got 0");
    assertThatThrownBy(() -> paper().requireLeverage(XBTUSD, 0))
        .hasMessage("leverage must be between 1 and 125 for XBTUSD, got 0");
  }
}
