package io.tally.ledger;

import static java.util.Objects.requireNonNull;

import io.tally.money.Amount;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One fill of a Kraken margin position, as {@code TradesHistory} reports it: the pair, the side,
 * the volume and price, the leverage, and the position it opens, adds to or closes. It moves no
 * balance. What the fill cost or realized on the spot balance is booked from the ledger's {@code
 * margin} rows ({@link MarginPnl}), and a settlement's delivery from its {@code settled} rows (a
 * {@link Trade}). The books keep the position it moves: signed size, entry value, unrealized PnL at
 * the mark, and its trade's lifecycle (ACCOUNTING.md §5).
 *
 * <p>A fill that settles a position ({@code settles}: the position is closed by delivering or
 * taking the base asset with spot funds) closes it at its entry price, since the spot trade books
 * the delivered units at that cost.
 *
 * <p>Example: {@code 2031-03-03T12:00:00.100Z TFX004:fill position pair=ATOM/EUR side=BUY volume=3
 * price=6.25 leverage=2 position=TFX004 settles=false fee=EUR:0.075 strategy=manual}: a 2× long of
 * 3 ATOM at 6.25 EUR. Immutable.
 *
 * @param volume base units, positive
 * @param price quote units per base unit, positive
 * @param leverage the fill's leverage (Kraken's {@code cost / margin}), at least 1
 * @param positionId Kraken's position id: the opening fill's trade id
 * @param settles whether the fill settles the position with spot funds
 * @param fee the fill's fee as {@code TradesHistory} states it, in the pair's quote asset: what the
 *     position's trade paid (the ledger's own fee rows, in whatever asset charged, move the
 *     balance)
 * @param strategy the strategy tag of the fill's order, {@link Trade#MANUAL} when none
 */
public record PositionFill(
    EventId id,
    Instant at,
    Pair pair,
    Side side,
    BigDecimal volume,
    BigDecimal price,
    int leverage,
    String positionId,
    boolean settles,
    Amount fee,
    String strategy)
    implements LedgerEvent {

  /** What a fill's event id adds to its trade id, which the ledger's margin rows use as refid. */
  public static final String ID_SUFFIX = ":fill";

  public PositionFill {
    requireNonNull(id, "id");
    requireNonNull(at, "at");
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    volume = Precision.canonical(requireNonNull(volume, "volume"));
    price = Precision.canonical(requireNonNull(price, "price"));
    requireNonNull(positionId, "positionId");
    requireNonNull(fee, "fee");
    requireNonNull(strategy, "strategy");
    if (!fee.asset().equals(pair.quote()) || fee.signum() < 0) {
      throw new IllegalArgumentException(
          "A position fill's fee is a non-negative amount of its quote "
              + pair.quote()
              + ": "
              + fee);
    }
    if (volume.signum() <= 0) {
      throw new IllegalArgumentException(
          "A position fill's volume must be positive: " + volume.toPlainString());
    }
    if (price.signum() <= 0) {
      throw new IllegalArgumentException(
          "A position fill's price must be positive: " + price.toPlainString());
    }
    if (leverage < 1) {
      throw new IllegalArgumentException(
          "A position fill's leverage must be at least 1: " + leverage);
    }
    if (positionId.isBlank() || positionId.contains(" ")) {
      throw new IllegalArgumentException("Not a position id: '" + positionId + "'");
    }
  }

  /** The event id of the fill of Kraken trade {@code txid}. */
  public static EventId idOf(String txid) {
    return EventId.of(txid + ID_SUFFIX);
  }
}
