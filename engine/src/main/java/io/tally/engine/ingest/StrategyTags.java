package io.tally.engine.ingest;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.Trade;
import java.util.Map;

/**
 * Which strategy an order belongs to (ACCOUNTING.md §8): its {@code userref} mapped through {@code
 * portfolio.strategy_tags}, or a client order id of the form {@code KRKKD:<tag>}; anything else is
 * {@code manual}.
 *
 * <p>Example: with {@code {1001: trend_v1}}, {@code tagOf(1001, "")} is {@code trend_v1} and {@code
 * tagOf(0, "KRKKD:grid_v2")} is {@code grid_v2}. Immutable.
 */
public record StrategyTags(Map<Long, String> byUserref) {

  /** The prefix of a client order id that names its strategy. */
  public static final String CLIENT_ID_PREFIX = "KRKKD:";

  public StrategyTags {
    byUserref = Map.copyOf(requireNonNull(byUserref, "byUserref"));
  }

  /** The tag of an order with this userref (0 when none) and client order id ("" when none). */
  public String tagOf(long userref, String clientOrderId) {
    String tag = byUserref.get(userref);
    if (tag != null) {
      return tag;
    }
    if (clientOrderId.startsWith(CLIENT_ID_PREFIX)) {
      String named = clientOrderId.substring(CLIENT_ID_PREFIX.length()).strip();
      int suffix = named.indexOf('-');
      named = suffix < 0 ? named : named.substring(0, suffix);
      if (!named.isEmpty() && named.chars().noneMatch(Character::isWhitespace)) {
        return named;
      }
    }
    return Trade.MANUAL;
  }
}
