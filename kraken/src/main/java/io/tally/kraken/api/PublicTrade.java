package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade of the whole market on a pair, from {@code /0/public/Trades} (anyone's trade, not the
 * account's).
 *
 * <p>Example: {@code PublicTrade[price=30243.4, volume=0.34507674,
 * time=2023-07-06T18:53:17.827736900Z, side=BUY, orderType=MARKET, misc=, tradeId=61044952]}.
 * Immutable.
 *
 * @param price the price in the pair's quote
 * @param volume the base volume
 * @param time when it executed, to the nanosecond Kraken gives
 * @param side the taker's side
 * @param orderType the taker's order type
 * @param misc Kraken's miscellaneous text, usually empty
 * @param tradeId the per-pair trade id
 */
public record PublicTrade(
    BigDecimal price,
    BigDecimal volume,
    Instant time,
    Side side,
    OrderType orderType,
    String misc,
    long tradeId) {

  /** The taker's side: Kraken's {@code b} and {@code s}. */
  public enum Side {
    BUY,
    SELL;

    /** {@code b} or {@code s}. */
    static Side parse(String code) {
      return switch (code) {
        case "b" -> BUY;
        case "s" -> SELL;
        default -> throw new IllegalArgumentException("not a side (b or s): '" + code + "'");
      };
    }
  }

  /** The taker's order type: Kraken's {@code m} and {@code l}. */
  public enum OrderType {
    MARKET,
    LIMIT;

    /** {@code m} or {@code l}. */
    static OrderType parse(String code) {
      return switch (code) {
        case "m" -> MARKET;
        case "l" -> LIMIT;
        default -> throw new IllegalArgumentException("not an order type (m or l): '" + code + "'");
      };
    }
  }

  public PublicTrade {
    price = Precision.canonical(requireNonNull(price, "price"));
    volume = Precision.canonical(requireNonNull(volume, "volume"));
    requireNonNull(time, "time");
    requireNonNull(side, "side");
    requireNonNull(orderType, "orderType");
    requireNonNull(misc, "misc");
  }
}
