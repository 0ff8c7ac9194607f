package io.tally.engine.paper;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.ledger.Side;
import io.tally.margin.MarginFill;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A paper order as it stands: what was asked for, its status, what filled so far (volume, value,
 * fees and the ids of its fills in the account's event log), when it was placed and last changed,
 * and, for a rejected or a canceled order, why.
 *
 * <p>Example: {@code demo-O2 buy limit 0.2 XBTUSDT @ 59000 partially_filled 0.12} after two public
 * trades filled 0.05 and 0.07 of it: {@code filledValue} 7,080, {@code averagePrice()} 59,000,
 * {@code fees} 17.70 at the maker rate. Immutable: the exchange replaces it when it changes.
 *
 * @param id the account's name, {@code -O} and a sequence number, such as {@code demo-O2}
 * @param filledVolume base units filled, from 0 to the requested volume
 * @param filledValue {@code Σ quantity × price} of its fills, 8 decimals
 * @param fees Σ fees of its fills in the collateral asset, 8 decimals
 * @param reason why it was rejected or canceled; empty otherwise
 * @param fills the ids of its fills ({@link MarginFill}s in the account's log), in order
 */
public record PaperOrder(
    String id,
    OrderRequest request,
    OrderStatus status,
    BigDecimal filledVolume,
    BigDecimal filledValue,
    BigDecimal fees,
    Instant createdAt,
    Instant updatedAt,
    Optional<String> reason,
    List<EventId> fills) {

  public PaperOrder {
    requireNonNull(id, "id");
    requireNonNull(request, "request");
    requireNonNull(status, "status");
    filledVolume = Precision.canonical(Checks.notNegative("filledVolume", filledVolume));
    if (filledVolume.compareTo(request.volume()) > 0) {
      throw new IllegalStateException(
          "order " + id + " filled " + filledVolume + " of " + request.volume());
    }
    filledValue = Precision.exactMoney(filledValue, "filledValue");
    fees = Precision.exactMoney(fees, "fees");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(updatedAt, "updatedAt");
    requireNonNull(reason, "reason");
    fills = List.copyOf(fills);
  }

  /** A new order, accepted and not filled yet. */
  static PaperOrder accepted(String id, OrderRequest request, Instant at) {
    BigDecimal zero = Precision.money(BigDecimal.ZERO);
    return new PaperOrder(
        id,
        request,
        OrderStatus.OPEN,
        BigDecimal.ZERO,
        zero,
        zero,
        at,
        at,
        Optional.empty(),
        List.of());
  }

  /** This order after one of its fills. */
  PaperOrder filled(MarginFill fill) {
    BigDecimal volume = filledVolume.add(fill.quantity());
    List<EventId> ids = new ArrayList<>(fills);
    ids.add(fill.id());
    return new PaperOrder(
        id,
        request,
        volume.compareTo(request.volume()) == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED,
        volume,
        filledValue.add(fill.value()),
        fees.add(fill.fee()),
        createdAt,
        fill.at(),
        reason,
        ids);
  }

  /** This order canceled at {@code at}, keeping its fills. */
  PaperOrder canceled(Instant at, String why) {
    return new PaperOrder(
        id,
        request,
        OrderStatus.CANCELED,
        filledVolume,
        filledValue,
        fees,
        createdAt,
        at,
        Optional.of(why),
        fills);
  }

  /** This order refused when placed. */
  PaperOrder rejected(String why) {
    return new PaperOrder(
        id,
        request,
        OrderStatus.REJECTED,
        filledVolume,
        filledValue,
        fees,
        createdAt,
        updatedAt,
        Optional.of(why),
        fills);
  }

  /** The pair it trades. */
  public Pair pair() {
    return request.pair();
  }

  /** Buy or sell. */
  public Side side() {
    return request.side();
  }

  /** Its type. */
  public OrderType type() {
    return request.type();
  }

  /** The volume asked for, in base units. */
  public BigDecimal volume() {
    return request.volume();
  }

  /** The volume not filled yet (zero once filled; what a cancel gives up). */
  public BigDecimal remainingVolume() {
    return request.volume().subtract(filledVolume);
  }

  /** {@code filledValue ÷ filledVolume} at 12 decimals; empty before the first fill. */
  public Optional<BigDecimal> averagePrice() {
    return filledVolume.signum() == 0
        ? Optional.empty()
        : Optional.of(Precision.price(filledValue, filledVolume));
  }

  @Override
  public String toString() {
    return id
        + " "
        + request.side().code()
        + " "
        + request.type().code()
        + " "
        + request.volume().toPlainString()
        + " "
        + request.pair()
        + request.price().map(price -> " @ " + price.toPlainString()).orElse("")
        + (request.leverage() > 1 ? " x" + request.leverage() : "")
        + " "
        + status.code()
        + " "
        + filledVolume.toPlainString();
  }
}
