package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.money.Asset;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What one unit of an order's volume does to the account, per leg: the base asset's exposure and
 * spot quantity, the quote asset's (a spot order on a pair not quoted in the base currency), the
 * base currency's cash (a spot order quoted in it) and, for a margin order, the pair's notional.
 * The pre-trade check's measures and the books' {@link RiskBook#plus} both read these rates, so an
 * order is simulated one way only.
 *
 * <p>Example: a spot buy of XBT/USD at 60,000 in a USD account: base rate +60,000 (exposure per
 * XBT), base quantity rate +1, cash rate −60,000, no quote leg, no margin. Immutable.
 *
 * @param price the order's price in the quote currency
 * @param unitValue one unit of the base asset at that price, in the base currency
 * @param sign +1 for a buy, −1 for a sell
 * @param baseRate the base asset's exposure change per unit: {@code sign × unitValue}
 * @param baseQuantityRate the base asset's spot quantity change per unit (0 on margin)
 * @param quote the quote asset, for a spot order quoted in another asset than the base currency
 * @param quoteRate that asset's exposure change per unit, {@code −baseRate}; 0 for fiat, which is
 *     cash in another currency, not a position
 * @param quoteQuantityRate its spot quantity change per unit, {@code −sign × price}
 * @param cashRate the base currency's cash change per unit, for a spot order quoted in it
 * @param leverage 1 for spot, the order's leverage on margin
 */
public record OrderLegs(
    Pair pair,
    BigDecimal price,
    BigDecimal unitValue,
    BigDecimal sign,
    BigDecimal baseRate,
    BigDecimal baseQuantityRate,
    Optional<Asset> quote,
    BigDecimal quoteRate,
    BigDecimal quoteQuantityRate,
    BigDecimal cashRate,
    BigDecimal leverage) {

  public OrderLegs {
    requireNonNull(pair, "pair");
    requireNonNull(price, "price");
    requireNonNull(unitValue, "unitValue");
    requireNonNull(sign, "sign");
    requireNonNull(baseRate, "baseRate");
    requireNonNull(baseQuantityRate, "baseQuantityRate");
    requireNonNull(quote, "quote");
    requireNonNull(quoteRate, "quoteRate");
    requireNonNull(quoteQuantityRate, "quoteQuantityRate");
    requireNonNull(cashRate, "cashRate");
    requireNonNull(leverage, "leverage");
  }

  /**
   * The legs of {@code order} at {@code price} (quote currency), whose quote asset is worth {@code
   * quoteValue} in {@code base}, the account's base currency.
   */
  public static OrderLegs of(
      ProposedOrder order, BigDecimal price, BigDecimal quoteValue, Asset base) {
    BigDecimal sign = order.sign();
    BigDecimal unit = price.multiply(quoteValue);
    BigDecimal baseRate = sign.multiply(unit);
    boolean spot = !order.margin();
    boolean quotedInBase = order.pair().quote().equals(base);
    return new OrderLegs(
        order.pair(),
        price,
        unit,
        sign,
        baseRate,
        spot ? sign : BigDecimal.ZERO,
        spot && !quotedInBase ? Optional.of(order.pair().quote()) : Optional.empty(),
        spot && !quotedInBase && !order.pair().quote().isFiat()
            ? baseRate.negate()
            : BigDecimal.ZERO,
        spot && !quotedInBase ? sign.negate().multiply(price) : BigDecimal.ZERO,
        spot && quotedInBase ? sign.negate().multiply(price) : BigDecimal.ZERO,
        order.leverage());
  }

  /** The base asset. */
  public Asset base() {
    return pair.base();
  }

  /** Whether this is a margin order. */
  public boolean margin() {
    return leverage.compareTo(BigDecimal.ONE) > 0;
  }
}
