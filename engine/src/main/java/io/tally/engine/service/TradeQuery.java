package io.tally.engine.service;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Which trades a question about the trade history wants: the newest {@code limit}, optionally of
 * one pair (named {@code XBTUSD} or {@code XBT/USD}), one strategy tag, and a time range {@code
 * [from, to]}; {@code includeManual} empty means the config's {@code track_manual_trades}.
 *
 * <p>Example: {@code TradeQuery.newest(50).pair("XBT/USD").strategy("grid")}. Immutable.
 */
public record TradeQuery(
    Optional<String> pair,
    Optional<String> strategy,
    Optional<Instant> from,
    Optional<Instant> to,
    int limit,
    Optional<Boolean> includeManual) {

  public TradeQuery {
    requireNonNull(pair, "pair");
    requireNonNull(strategy, "strategy");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(includeManual, "includeManual");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new IllegalArgumentException(
          "from (" + from.get() + ") must not be after to (" + to.get() + ")");
    }
  }

  /** The newest {@code limit} trades of every pair and strategy. */
  public static TradeQuery newest(int limit) {
    return new TradeQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit,
        Optional.empty());
  }

  /** This query, for one pair only. */
  public TradeQuery pair(String name) {
    return new TradeQuery(Optional.of(name), strategy, from, to, limit, includeManual);
  }

  /** This query, for one strategy tag only. */
  public TradeQuery strategy(String tag) {
    return new TradeQuery(pair, Optional.of(tag), from, to, limit, includeManual);
  }

  /** This query, for trades at or after {@code start} and at or before {@code end} when given. */
  public TradeQuery between(Optional<Instant> start, Optional<Instant> end) {
    return new TradeQuery(pair, strategy, start, end, limit, includeManual);
  }

  /** This query, with or without manual trades whatever the config says. */
  public TradeQuery includeManual(boolean manual) {
    return new TradeQuery(pair, strategy, from, to, limit, Optional.of(manual));
  }
}
