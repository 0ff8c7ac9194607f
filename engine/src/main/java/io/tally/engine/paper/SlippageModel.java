package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Side;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * How far a paper market order fills from the touch: a fixed number of basis points plus a part
 * that grows with the order's size, {@code bps = fixedBps + sizeBps × notional ÷ sizeStep}, where
 * {@code notional} is the volume at the touch; capped at {@value #MAX_BPS} bps (10 %). A buy fills
 * at {@code ask × (1 + bps ÷ 10,000)}, a sell at {@code bid × (1 − bps ÷ 10,000)}: always worse for
 * the trader. The price is rounded once, to 12 decimals HALF_EVEN ({@link Precision#price}).
 *
 * <p>Example: {@code new SlippageModel(2, 1, 10,000)}, a buy of 0.1 XBT with the ask at 60,000:
 * notional 6,000, {@code bps = 2 + 1 × 6,000 ÷ 10,000 = 2.6}, price {@code 60,000 × 1.00026 =
 * 60,015.6}. Immutable.
 *
 * @param fixedBps basis points every market fill pays, not negative
 * @param sizeBps basis points added per {@code sizeStep} of notional, not negative
 * @param sizeStep notional (collateral asset) that costs {@code sizeBps}, positive
 */
public record SlippageModel(BigDecimal fixedBps, BigDecimal sizeBps, BigDecimal sizeStep) {

  /** The most a fill slips, in basis points: 10 %. */
  public static final int MAX_BPS = 1_000;

  private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

  public SlippageModel {
    fixedBps = Precision.canonical(Checks.notNegative("fixedBps", fixedBps));
    sizeBps = Precision.canonical(Checks.notNegative("sizeBps", sizeBps));
    sizeStep = Precision.canonical(Checks.positive("sizeStep", sizeStep));
  }

  /** No slippage: market orders fill at the touch. */
  public static SlippageModel none() {
    return new SlippageModel(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ONE);
  }

  /** The default: 1 bp plus 1 bp per 100,000 of notional. */
  public static SlippageModel standard() {
    return new SlippageModel(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("100000"));
  }

  /** The slippage of an order of {@code volume} at {@code touch}, in basis points. */
  public BigDecimal bps(BigDecimal volume, BigDecimal touch) {
    BigDecimal notional = volume.multiply(touch);
    BigDecimal bps = fixedBps.add(sizePart(sizeBps.multiply(notional)));
    return bps.min(BigDecimal.valueOf(MAX_BPS));
  }

  /**
   * {@code scaled ÷ sizeStep} to {@link Precision#RATIO}. A step that is a power of ten (the
   * standard 100,000) moves the decimal point instead of dividing: the same number, where the
   * division took a seventh of a paper order's allocation (docs/BENCHMARKS.md §20).
   */
  private BigDecimal sizePart(BigDecimal scaled) {
    BigDecimal step = sizeStep.stripTrailingZeros();
    if (step.unscaledValue().equals(BigInteger.ONE)) {
      return scaled.scaleByPowerOfTen(step.scale()).round(Precision.RATIO);
    }
    return Precision.ratio(scaled, sizeStep);
  }

  /** The price a market order of {@code volume} on {@code side} fills at, from the touch. */
  public BigDecimal fillPrice(Side side, BigDecimal volume, BigDecimal touch) {
    requireNonNull(side, "side");
    Checks.positive("touch", touch);
    BigDecimal bps = bps(Checks.positive("volume", volume), touch);
    BigDecimal factor = side == Side.BUY ? BPS.add(bps) : BPS.subtract(bps);
    return Precision.price(touch.multiply(factor), BPS);
  }
}
