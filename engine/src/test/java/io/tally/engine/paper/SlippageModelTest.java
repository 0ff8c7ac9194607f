package io.tally.engine.paper;

import static io.tally.engine.paper.PaperFixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;

import io.tally.ledger.Side;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /**
   * A step that is a power of ten moves the point instead of dividing; over seeded random orders
   * and steps (powers of ten and others), the basis points equal {@code fixed + size × notional ÷
   * step} to {@link Precision#RATIO} and the fill price is the same number to the last digit.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theSizePartIsTheRatioOfTheFormulaForEveryStep(long seed) {
    Random random = new Random(seed);
    String[] steps = {"1", "10", "100000", "0.01", "1E+9", "3", "7", "12.5", "100001"};
    for (int i = 0; i < 2_000; i++) {
      BigDecimal fixed = BigDecimal.valueOf(random.nextInt(500), random.nextInt(3));
      BigDecimal size = BigDecimal.valueOf(random.nextInt(10_000), random.nextInt(4));
      BigDecimal step = new BigDecimal(steps[random.nextInt(steps.length)]);
      BigDecimal volume = BigDecimal.valueOf(1 + random.nextInt(1_000_000), random.nextInt(10));
      BigDecimal touch = BigDecimal.valueOf(1 + random.nextInt(100_000_000), random.nextInt(9));
      SlippageModel slippage = new SlippageModel(fixed, size, step);
      BigDecimal expected =
          fixed
              .add(Precision.ratio(size.multiply(volume.multiply(touch)), step))
              .min(BigDecimal.valueOf(SlippageModel.MAX_BPS));
      Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
      BigDecimal factor =
          side == Side.BUY ? bd("10000").add(expected) : bd("10000").subtract(expected);

      assertThat(slippage.bps(volume, touch)).isEqualByComparingTo(expected);
      assertThat(slippage.fillPrice(side, volume, touch))
          .isEqualTo(Precision.price(touch.multiply(factor), bd("10000")));
    }
  }
}
