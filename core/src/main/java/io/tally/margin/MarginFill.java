package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution of a margin order: {@code quantity} units of the pair's base asset bought or sold
 * at {@code price} (quote per base) with {@code leverage}, paying {@code fee} in the quote asset
 * (the collateral). The leverage of the fill that opens a position is the position's leverage.
 *
 * <p>Example: {@code new MarginFill(EventId.of("T1"), at, Pair.parse("XBT/USD"), Side.BUY, new
 * BigDecimal("0.1"), new BigDecimal("60000"), new BigDecimal("24"), 5)}: buys 0.1 XBT at 60,000
 * with a 24 USD taker fee at 5×. Immutable.
 *
 * @param quantity base units, positive, at most 10 decimals (never rounded)
 * @param price quote per base unit, positive
 * @param fee in the quote asset, not negative, at most 8 decimals (never rounded)
 * @param leverage the order's leverage; checked against the pair's maximum by {@link MarginBook}
 */
public record MarginFill(
    EventId id,
    Instant at,
    Pair pair,
    Side side,
    BigDecimal quantity,
    BigDecimal price,
    BigDecimal fee,
    int leverage)
    implements MarginEvent {

  public MarginFill {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    quantity = Precision.quantity(Argument.positive("quantity", quantity));
    price = Precision.canonical(Argument.positive("price", price));
    fee = Precision.exactMoney(Argument.notNegative("fee", fee), "fee");
    if (leverage < 1) {
      throw new IllegalArgumentException("leverage must be at least 1, got " + leverage);
    }
  }

  /** The quantity with the sign of the side: positive for a buy, negative for a sell. */
  public BigDecimal signedQuantity() {
    return side == Side.BUY ? quantity : quantity.negate();
  }

  /** {@code quantity × price} as money in the quote asset. */
  public BigDecimal value() {
    return Precision.valueOf(quantity, price);
  }
}
