package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The price open positions on a pair are valued at from {@code at} on (a fill marks its pair at its
 * own price too).
 *
 * <p>Example: {@code new MarkPrice(EventId.of("M1"), at, Pair.parse("XBT/USD"), new
 * BigDecimal("60500"))}. Immutable.
 *
 * @param price quote per base unit, positive
 */
public record MarkPrice(EventId id, Instant at, Pair pair, BigDecimal price)
    implements MarginEvent {

  public MarkPrice {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(pair, "pair");
    price = Precision.canonical(Argument.positive("price", price));
  }
}
