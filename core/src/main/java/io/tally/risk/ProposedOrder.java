package io.tally.risk;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Side;
import io.tally.money.Pair;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * An order a bot means to place, as a pre-trade check receives it. Leverage 1 is a spot order;
 * above 1 a margin order. Without a price the pair's current price is used.
 *
 * <p>Example: {@code ProposedOrder.of(Pair.parse("XBT/USD"), Side.BUY, new BigDecimal("0.5"))} buys
 * half a bitcoin on spot at the current price. Immutable.
 *
 * @param price the limit price in the quote currency; empty for the current price
 * @param orderType Kraken's order type, such as {@code limit} or {@code market}
 * @param leverage 1 for spot, above 1 for margin
 * @param stopLoss the stop the position is protected by, in the quote currency, if any
 * @param strategy the strategy tag whose limits apply, if any
 * @param clientOrderId the id the order will carry, which ends a reservation
 * @param reserve whether a passed check holds its exposure until the order appears
 */
public record ProposedOrder(
    Pair pair,
    Side side,
    BigDecimal volume,
    Optional<BigDecimal> price,
    String orderType,
    BigDecimal leverage,
    Optional<BigDecimal> stopLoss,
    Optional<String> strategy,
    Optional<String> clientOrderId,
    boolean reserve) {

  public ProposedOrder {
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    requireNonNull(volume, "volume");
    requireNonNull(price, "price");
    requireNonNull(orderType, "orderType");
    requireNonNull(leverage, "leverage");
    requireNonNull(stopLoss, "stopLoss");
    requireNonNull(strategy, "strategy");
    requireNonNull(clientOrderId, "clientOrderId");
    if (volume.signum() <= 0) {
      throw new IllegalArgumentException("volume must be above 0, not " + volume.toPlainString());
    }
    if (price.isPresent() && price.get().signum() <= 0) {
      throw new IllegalArgumentException(
          "price must be above 0, not " + price.get().toPlainString());
    }
    if (leverage.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalArgumentException(
          "leverage must be at least 1, not " + leverage.toPlainString());
    }
    if (stopLoss.isPresent() && stopLoss.get().signum() <= 0) {
      throw new IllegalArgumentException(
          "stop_loss must be above 0, not " + stopLoss.get().toPlainString());
    }
  }

  /** A spot limit order at the current price, without stop, strategy or reservation. */
  public static ProposedOrder of(Pair pair, Side side, BigDecimal volume) {
    return new ProposedOrder(
        pair,
        side,
        volume,
        Optional.empty(),
        "limit",
        BigDecimal.ONE,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  /** Whether this is a margin order (leverage above 1). */
  public boolean margin() {
    return leverage.compareTo(BigDecimal.ONE) > 0;
  }

  /** +1 for a buy, −1 for a sell. */
  public BigDecimal sign() {
    return side == Side.BUY ? BigDecimal.ONE : BigDecimal.ONE.negate();
  }
}
