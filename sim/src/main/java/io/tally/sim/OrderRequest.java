package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * An order to place on the simulated exchange, as {@code /0/private/AddOrder} takes it.
 *
 * <p>Example: {@code OrderRequest.market("XXBTZUSD", Side.BUY, new
 * BigDecimal("0.01")).withUserref(1001)}. Immutable.
 *
 * @param pair the pair key, such as {@code XXBTZUSD}
 * @param side buy or sell
 * @param orderType market or limit
 * @param volume the base volume, at most the pair's lot decimals
 * @param limitPrice the limit price of a limit order, at most the pair's price decimals
 * @param userref the client's numeric tag (0 when none)
 * @param clOrdId the client's order id
 * @param feeInBase whether the fee is taken from the base leg ({@code oflags=fcib})
 * @param leverage the leverage of a margin order (2 or more), or 0 for a spot order ({@code
 *     leverage=none})
 */
public record OrderRequest(
    String pair,
    Side side,
    OrderType orderType,
    BigDecimal volume,
    Optional<BigDecimal> limitPrice,
    int userref,
    Optional<String> clOrdId,
    boolean feeInBase,
    int leverage) {

  public OrderRequest {
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    requireNonNull(orderType, "orderType");
    requireNonNull(volume, "volume");
    requireNonNull(limitPrice, "limitPrice");
    requireNonNull(clOrdId, "clOrdId");
    if (volume.signum() <= 0) {
      throw new IllegalArgumentException("Volume must be positive: " + volume.toPlainString());
    }
    if ((orderType == OrderType.LIMIT) != limitPrice.isPresent()) {
      throw new IllegalArgumentException("A limit order needs a price, a market order none");
    }
    if (limitPrice.isPresent() && limitPrice.get().signum() <= 0) {
      throw new IllegalArgumentException("Price must be positive: " + limitPrice.get());
    }
    if (leverage != 0 && leverage < 2) {
      throw new IllegalArgumentException("Leverage must be 2 or more (0 for none): " + leverage);
    }
  }

  /** A spot order (no leverage). */
  public OrderRequest(
      String pair,
      Side side,
      OrderType orderType,
      BigDecimal volume,
      Optional<BigDecimal> limitPrice,
      int userref,
      Optional<String> clOrdId,
      boolean feeInBase) {
    this(pair, side, orderType, volume, limitPrice, userref, clOrdId, feeInBase, 0);
  }

  /** A market order. */
  public static OrderRequest market(String pair, Side side, BigDecimal volume) {
    return new OrderRequest(
        pair, side, OrderType.MARKET, volume, Optional.empty(), 0, Optional.empty(), false);
  }

  /** A limit order at {@code price}. */
  public static OrderRequest limit(String pair, Side side, BigDecimal volume, BigDecimal price) {
    return new OrderRequest(
        pair, side, OrderType.LIMIT, volume, Optional.of(price), 0, Optional.empty(), false);
  }

  /** The same order tagged with {@code userref}. */
  public OrderRequest withUserref(int tag) {
    return new OrderRequest(
        pair, side, orderType, volume, limitPrice, tag, clOrdId, feeInBase, leverage);
  }

  /** The same order with a client order id. */
  public OrderRequest withClOrdId(String id) {
    return new OrderRequest(
        pair, side, orderType, volume, limitPrice, userref, Optional.of(id), feeInBase, leverage);
  }

  /** The same order paying its fee from the base leg ({@code fcib}) or not. */
  public OrderRequest withFeeInBase(boolean inBase) {
    return new OrderRequest(
        pair, side, orderType, volume, limitPrice, userref, clOrdId, inBase, leverage);
  }

  /**
   * The same order on margin with {@code level}:1 leverage ({@code AddOrder leverage=2}), or spot
   * with 0: it opens, adds to, reduces or closes positions instead of exchanging balances.
   */
  public OrderRequest withLeverage(int level) {
    return new OrderRequest(
        pair, side, orderType, volume, limitPrice, userref, clOrdId, feeInBase, level);
  }

  /** Whether this is a margin order. */
  public boolean isMargin() {
    return leverage > 0;
  }
}
