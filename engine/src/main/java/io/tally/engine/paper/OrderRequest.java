package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Side;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a paper trader asks for ({@code POST /api/v1/paper/orders}): a pair, a side, an order type,
 * a base volume, a price (the limit price, or the trigger of a stop-loss or take-profit; none for a
 * market order), a leverage (1 for a spot-like order) and optional labels: the client's own order
 * id and the strategy it belongs to.
 *
 * <p>The constructor checks what needs no account, each message naming the parameter as the API
 * spells it: {@code volume must be positive, got 0}, {@code price is required for a limit order},
 * {@code price must not be given for a market order}, {@code leverage must be at least 1, got 0}.
 * The account checks the rest (the pair's collateral, the leverage cap, margin).
 *
 * <p>Example: {@code OrderRequest.limit(Pair.parse("XBT/USDT"), Side.BUY, new BigDecimal("0.2"),
 * new BigDecimal("59000")).withLeverage(2).withStrategy("grid")}. Immutable.
 *
 * @param volume base units, positive, at most 10 decimals
 * @param price positive; present exactly when the type is not {@code MARKET}
 * @param leverage at least 1; 1 is a spot-like order
 */
public record OrderRequest(
    Pair pair,
    Side side,
    OrderType type,
    BigDecimal volume,
    Optional<BigDecimal> price,
    int leverage,
    Optional<String> clientOrderId,
    Optional<String> strategy) {

  public OrderRequest {
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    requireNonNull(type, "type");
    volume = Checks.quantity("volume", volume);
    requireNonNull(price, "price");
    if (type == OrderType.MARKET && price.isPresent()) {
      throw new IllegalArgumentException("price must not be given for a market order");
    }
    if (type != OrderType.MARKET && price.isEmpty()) {
      throw new IllegalArgumentException("price is required for a " + type.code() + " order");
    }
    price = price.map(given -> Precision.canonical(Checks.positive("price", given)));
    if (leverage < 1) {
      throw new IllegalArgumentException("leverage must be at least 1, got " + leverage);
    }
    clientOrderId =
        requireNonNull(clientOrderId, "client_order_id")
            .map(id -> Checks.label("client_order_id", id));
    strategy = requireNonNull(strategy, "strategy").map(name -> Checks.label("strategy", name));
  }

  /** A market order at leverage 1. */
  public static OrderRequest market(Pair pair, Side side, BigDecimal volume) {
    return of(pair, side, OrderType.MARKET, volume, Optional.empty());
  }

  /** A limit order at {@code price}, leverage 1. */
  public static OrderRequest limit(Pair pair, Side side, BigDecimal volume, BigDecimal price) {
    return of(pair, side, OrderType.LIMIT, volume, Optional.of(price));
  }

  /** A stop-loss triggered at {@code trigger}, leverage 1. */
  public static OrderRequest stopLoss(Pair pair, Side side, BigDecimal volume, BigDecimal trigger) {
    return of(pair, side, OrderType.STOP_LOSS, volume, Optional.of(trigger));
  }

  /** A take-profit triggered at {@code trigger}, leverage 1. */
  public static OrderRequest takeProfit(
      Pair pair, Side side, BigDecimal volume, BigDecimal trigger) {
    return of(pair, side, OrderType.TAKE_PROFIT, volume, Optional.of(trigger));
  }

  /** An order of any type at leverage 1 without labels (the price absent for a market order). */
  public static OrderRequest of(
      Pair pair, Side side, OrderType type, BigDecimal volume, Optional<BigDecimal> price) {
    return new OrderRequest(pair, side, type, volume, price, 1, Optional.empty(), Optional.empty());
  }

  /** This order at another leverage. */
  public OrderRequest withLeverage(int newLeverage) {
    return new OrderRequest(pair, side, type, volume, price, newLeverage, clientOrderId, strategy);
  }

  /** This order labelled with the client's own id. */
  public OrderRequest withClientOrderId(String id) {
    return new OrderRequest(pair, side, type, volume, price, leverage, Optional.of(id), strategy);
  }

  /** This order labelled with the strategy it belongs to. */
  public OrderRequest withStrategy(String name) {
    return new OrderRequest(
        pair, side, type, volume, price, leverage, clientOrderId, Optional.of(name));
  }

  /** The volume with the sign of the side: positive for a buy, negative for a sell. */
  public BigDecimal signedVolume() {
    return side == Side.BUY ? volume : volume.negate();
  }
}
