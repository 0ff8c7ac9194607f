package io.tally.kraken.api;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One page request to ClosedOrders: a {@link HistoryQuery} window (bounds are unix seconds or order
 * ids), which of an order's times the bounds filter on, and whether to list each order's trades.
 *
 * <p>Example: {@code ClosedOrdersQuery.all().withWindow(HistoryQuery.all().withOffset(50))
 * .withCloseTime(CloseTime.CLOSE)} sends {@code trades=true&closetime=close&ofs=50}. Immutable.
 *
 * @param window the bounds and offset
 * @param closeTime which time {@code start} and {@code end} compare with
 * @param trades whether each order lists its trade ids
 */
public record ClosedOrdersQuery(HistoryQuery window, CloseTime closeTime, boolean trades) {

  /**
   * Which of an order's times the window's bounds filter on. Example: {@link #CLOSE} sends {@code
   * closetime=close}. Immutable.
   */
  public enum CloseTime {
    /** The time the order was placed. */
    OPEN,
    /** The time the order was closed. */
    CLOSE,
    /** Either (Kraken's default). */
    BOTH;

    /** The parameter value, such as {@code close}. */
    String parameter() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ClosedOrdersQuery {
    requireNonNull(window, "window");
    requireNonNull(closeTime, "closeTime");
  }

  /** All closed orders with their trade ids, Kraken's default time filter. */
  public static ClosedOrdersQuery all() {
    return new ClosedOrdersQuery(HistoryQuery.all(), CloseTime.BOTH, true);
  }

  /** The same request with another window. */
  public ClosedOrdersQuery withWindow(HistoryQuery newWindow) {
    return new ClosedOrdersQuery(newWindow, closeTime, trades);
  }

  /** The same request filtering on another time. */
  public ClosedOrdersQuery withCloseTime(CloseTime newCloseTime) {
    return new ClosedOrdersQuery(window, newCloseTime, trades);
  }

  /** The request parameters, in a fixed order. */
  Map<String, String> parameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (trades) {
      parameters.put("trades", "true");
    }
    if (closeTime != CloseTime.BOTH) {
      parameters.put("closetime", closeTime.parameter());
    }
    parameters.putAll(window.parameters());
    return parameters;
  }
}
