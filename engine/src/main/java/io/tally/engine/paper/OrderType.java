package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a paper order executes: at once at the touch ({@link #MARKET}), resting at its price ({@link
 * #LIMIT}), or as a market order once the last price reaches its trigger ({@link #STOP_LOSS},
 * {@link #TAKE_PROFIT}).
 *
 * <p>Example: {@code OrderType.parse("stop-loss")} is {@code STOP_LOSS}, whose {@code code()} is
 * {@code "stop-loss"} (Kraken's spelling).
 */
public enum OrderType {
  /** Fills at once, whole, at the touch plus slippage; pays the taker fee. */
  MARKET("market"),
  /** Rests at its price and fills, in parts, against public trades through it; pays maker. */
  LIMIT("limit"),
  /** Becomes a market order when the last price falls (sell) or rises (buy) to its trigger. */
  STOP_LOSS("stop-loss"),
  /** Becomes a market order when the last price rises (sell) or falls (buy) to its trigger. */
  TAKE_PROFIT("take-profit");

  private final String code;

  OrderType(String code) {
    this.code = code;
  }

  /** The JSON and Kraken spelling, such as {@code take-profit}. */
  public String code() {
    return code;
  }

  /** Whether the order waits for a trigger price (stop-loss and take-profit). */
  public boolean isTriggered() {
    return this == STOP_LOSS || this == TAKE_PROFIT;
  }

  /**
   * The type spelled {@code code}.
   *
   * @throws IllegalArgumentException "type must be one of market, limit, stop-loss, take-profit,
   *     got 'trailing-stop'"
   */
  public static OrderType parse(String code) {
    requireNonNull(code, "type");
    return Arrays.stream(values())
        .filter(type -> type.code.equals(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "type must be one of "
                        + Arrays.stream(values())
                            .map(OrderType::code)
                            .collect(Collectors.joining(", "))
                        + ", got '"
                        + code
                        + "'"));
  }
}
