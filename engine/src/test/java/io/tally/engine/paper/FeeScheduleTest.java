package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeeScheduleTest {

  private final FeeSchedule kraken = FeeSchedule.krakenSpot();

  @Test
  void theLowestTierPaysFortyBasisPointsAsTakerAndTwentyFiveAsMaker() {
    // 6,000 × 0.40 % = 24; 6,000 × 0.25 % = 15
    assertThat(kraken.fee(Liquidity.TAKER, bd("6000"), bd("0"))).isEqualByComparingTo("24");
    assertThat(kraken.fee(Liquidity.MAKER, bd("6000"), bd("0"))).isEqualByComparingTo("15");
  }

  @Test
  void aTierAppliesFromItsMinimumVolume() {
    assertThat(kraken.tier(bd("9999.99")).takerPercent()).isEqualByComparingTo("0.40");
    assertThat(kraken.tier(bd("10000")).takerPercent()).isEqualByComparingTo("0.35");
    assertThat(kraken.tier(bd("10000")).makerPercent()).isEqualByComparingTo("0.20");
    assertThat(kraken.tier(bd("20000000")).makerPercent()).isZero();
  }

  @Test
  void theFeeIsRoundedOnceToEightDecimalsHalfEven() {
    // 0.00000125 × 0.40 % = 0.000000005 → 0.00000000 (half to even); 0.00000375 → 0.000000015
    // → 0.00000002
    assertThat(kraken.fee(Liquidity.TAKER, bd("0.00000125"), bd("0"))).isEqualTo(bd("0E-8"));
    assertThat(kraken.fee(Liquidity.TAKER, bd("0.00000375"), bd("0"))).isEqualTo(bd("0.00000002"));
  }

  @Test
  void tiersMustStartAtZeroAndIncrease() {
    assertThatThrownBy(() -> new FeeSchedule(List.of(new FeeTier(bd("10"), bd("0.1"), bd("0.2")))))
        .hasMessageStartingWith("tiers must start with a tier at volume 0");
    assertThatThrownBy(
            () ->
                new FeeSchedule(
                    List.of(
                        new FeeTier(bd("0"), bd("0.1"), bd("0.2")),
                        new FeeTier(bd("0"), bd("0.1"), bd("0.2")))))
        .hasMessage("tier minimum volumes must increase, got 0 after 0");
  }
}
