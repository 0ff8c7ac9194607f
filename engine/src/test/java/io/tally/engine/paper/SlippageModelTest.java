package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.Side;
import org.junit.jupiter.api.Test;

class SlippageModelTest {

  private final SlippageModel model = new SlippageModel(bd("2"), bd("1"), bd("10000"));

  @Test
  void buysSlipUpAndSellsDownByTheFixedAndTheSizePart() {
    // 0.1 × 60,000 = 6,000 of notional: 2 + 6,000 ÷ 10,000 = 2.6 bps
    assertThat(model.bps(bd("0.1"), bd("60000"))).isEqualByComparingTo("2.6");
    // 60,000 × 1.00026 and 60,000 × 0.99974
    assertThat(model.fillPrice(Side.BUY, bd("0.1"), bd("60000"))).isEqualByComparingTo("60015.6");
    assertThat(model.fillPrice(Side.SELL, bd("0.1"), bd("60000"))).isEqualByComparingTo("59984.4");
  }

  @Test
  void aHugeOrderSlipsAtMostTenPercent() {
    // 1,000 × 60,000 = 60 M of notional would be 6,002 bps; capped at 1,000
    assertThat(model.fillPrice(Side.SELL, bd("1000"), bd("60000"))).isEqualByComparingTo("54000");
  }

  @Test
  void noSlippageFillsAtTheTouch() {
    assertThat(SlippageModel.none().fillPrice(Side.BUY, bd("5"), bd("60010")))
        .isEqualByComparingTo("60010");
  }

  @Test
  void thePriceIsRoundedToTwelveDecimals() {
    // 0.123456789 × 1.0001 = 0.1234691346789 → 0.123469134679
    assertThat(
            new SlippageModel(bd("1"), bd("0"), bd("1"))
                .fillPrice(Side.BUY, bd("1"), bd("0.123456789")))
        .isEqualTo(bd("0.123469134679"));
  }
}
