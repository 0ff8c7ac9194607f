package io.tally.engine.prices;

import static java.util.Objects.requireNonNull;

import io.tally.kraken.api.PairInfo;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.List;

/**
 * How to price one asset in the base currency from Kraken's pairs: one leg (a direct pair such as
 * XBTUSD) or two (a cross through XBT or USDT, ACCOUNTING.md §5: EUR in USD is XBTUSD ÷ XBTEUR).
 * Each leg says whether its pair's price is used as is or inverted.
 *
 * <p>Example: EUR → USD is {@code [XXBTZEUR inverted, XXBTZUSD]}: 1 / 60,000 × 65,000 = 1.0833.
 * Immutable.
 */
public record PriceRoute(List<Leg> legs) {

  /** One pair on the way, used as quoted ({@code inverted = false}) or upside down. */
  public record Leg(PairInfo pair, boolean inverted) {
    public Leg {
      requireNonNull(pair, "pair");
    }
  }

  public PriceRoute {
    legs = List.copyOf(legs);
    if (legs.isEmpty() || legs.size() > 2) {
      throw new IllegalArgumentException("A price route has one or two legs: " + legs);
    }
  }

  /** The asset's price from the pair prices of each leg, in order. */
  public BigDecimal price(List<BigDecimal> pairPrices) {
    BigDecimal price = BigDecimal.ONE;
    for (int i = 0; i < legs.size(); i++) {
      BigDecimal leg = pairPrices.get(i);
      if (legs.get(i).inverted()) {
        if (leg.signum() == 0) {
          throw new ArithmeticException(
              "Cannot invert a zero price of " + legs.get(i).pair().key());
        }
        price = price.divide(leg, Precision.RATIO);
      } else {
        price = price.multiply(leg, Precision.RATIO);
      }
    }
    return Precision.canonical(price.setScale(Precision.PRICE_SCALE, Precision.ROUNDING));
  }

  /** The route's name for a price's source, such as {@code XXBTZEUR^-1*XXBTZUSD}. */
  public String name() {
    StringBuilder name = new StringBuilder();
    for (Leg leg : legs) {
      if (name.length() > 0) {
        name.append('*');
      }
      name.append(leg.pair().key()).append(leg.inverted() ? "^-1" : "");
    }
    return name.toString();
  }
}
