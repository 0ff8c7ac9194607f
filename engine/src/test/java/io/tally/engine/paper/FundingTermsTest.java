package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.T0;
import static io.tally.engine.paper.PaperFixtures.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FundingTermsTest {

  @Test
  void fundingTimesAreMultiplesOfTheIntervalSinceTheEpoch() {
    FundingTerms standard = FundingTerms.standard();

    assertThat(standard.nextAfter(T0)).isEqualTo(hours(8));
    assertThat(standard.nextAfter(T0.minusSeconds(1))).isEqualTo(T0);
    assertThat(standard.nextAfter(hours(9))).isEqualTo(hours(16));
  }

  @Test
  void theIntervalIsWholeSeconds() {
    assertThatThrownBy(() -> new FundingTerms(Duration.ofMillis(1500), BigDecimal.ONE))
        .hasMessage("funding interval must be a positive number of whole seconds, got PT1.5S");
  }
}
