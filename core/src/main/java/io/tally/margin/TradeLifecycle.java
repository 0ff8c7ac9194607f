package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.ledger.EventId;
import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One cycle of a margin position from flat through open back to flat, in the quote asset: what was
 * opened (every fill, or part of a fill, that added to the position), what was closed, the fees and
 * carry paid on the way, and the price PnL realized. Its id is the id of the fill that opened it.
 *
 * <p>The entry price is the volume-weighted price of the opening fills and the exit price that of
 * the reducing fills; the quantity is the total opened, which equals the total closed once the
 * trade is closed, so a closed trade's {@code realizedPnl} is exactly {@code (closedValue −
 * openedValue) × sign}, i.e. {@code qty × (exit − entry) × sign}. The largest size it reached is
 * kept as {@code peakSize}.
 *
 * <p>Example: long 0.1 XBT at 60,000 (fee 24), closed at 60,500 (fee 24.20): {@code closedLine()}
 * is {@code TRADE_CLOSED id=T1 pair=XBT/USD side=long qty=0.1 entry=60000 exit=60500
 * fee_paid=48.20000000 funding_paid=0.00000000 realized_pnl=50.00000000 net_pnl=1.80000000}.
 * Immutable.
 *
 * @param openedValue {@code Σ quantity × price} of the opening fills, 8 decimals
 * @param closedValue {@code Σ quantity × price} of the reducing fills, 8 decimals
 * @param entryTime the time of the opening fill
 * @param lastFillAt the time of the latest fill of this trade: its exit time once closed
 * @param realizedPnl price PnL realized by the reducing fills, before fees and carry
 */
public record TradeLifecycle(
    EventId id,
    Pair pair,
    PositionSide side,
    BigDecimal openedQuantity,
    BigDecimal openedValue,
    BigDecimal closedQuantity,
    BigDecimal closedValue,
    BigDecimal peakSize,
    Instant entryTime,
    Instant lastFillAt,
    BigDecimal feesPaid,
    BigDecimal fundingPaid,
    BigDecimal realizedPnl) {

  /** Zero at money's scale: the funding of every trade that paid none. */
  private static final BigDecimal NO_MONEY = BigDecimal.ZERO.setScale(Precision.MONEY_SCALE);

  public TradeLifecycle {
    requireNonNull(id, "id");
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    openedQuantity = Precision.quantity(Argument.positive("openedQuantity", openedQuantity));
    openedValue = Precision.exactMoney(openedValue, "openedValue");
    closedQuantity = Precision.quantity(Argument.notNegative("closedQuantity", closedQuantity));
    closedValue = Precision.exactMoney(closedValue, "closedValue");
    peakSize = Precision.quantity(Argument.positive("peakSize", peakSize));
    requireNonNull(entryTime, "entryTime");
    requireNonNull(lastFillAt, "lastFillAt");
    feesPaid = Precision.exactMoney(feesPaid, "feesPaid");
    fundingPaid = Precision.exactMoney(fundingPaid, "fundingPaid");
    realizedPnl = Precision.exactMoney(realizedPnl, "realizedPnl");
    // Books keep every trade for good, and a closed trade's closed quantity and peak size are most
    // often its opened quantity, its funding most often none: one instance for equal values (all
    // three canonical, so equal values have equal scales) keeps a trade a third smaller
    // (docs/BENCHMARKS.md §21). Values and equality are unchanged.
    closedQuantity =
        closedQuantity.compareTo(openedQuantity) == 0 ? openedQuantity : closedQuantity;
    peakSize = peakSize.compareTo(openedQuantity) == 0 ? openedQuantity : peakSize;
    fundingPaid = fundingPaid.signum() == 0 ? NO_MONEY : fundingPaid;
    if (closedQuantity.compareTo(openedQuantity) > 0) {
      throw new IllegalArgumentException(
          "trade "
              + id
              + " closed "
              + closedQuantity.toPlainString()
              + " of "
              + openedQuantity.toPlainString()
              + " opened");
    }
    if (lastFillAt.isBefore(entryTime)) {
      throw new IllegalArgumentException(
          "trade " + id + " has a fill at " + lastFillAt + " before its entry at " + entryTime);
    }
  }

  /** A trade opened by (part of) a fill. */
  static TradeLifecycle open(MarginFill fill, MarginPosition.Change change) {
    BigDecimal zero = Precision.money(BigDecimal.ZERO);
    return new TradeLifecycle(
        fill.id(),
        fill.pair(),
        PositionSide.ofSign(change.after().size().signum()),
        change.openedQuantity(),
        change.openedValue(),
        BigDecimal.ZERO,
        zero,
        change.after().quantity(),
        fill.at(),
        fill.at(),
        change.openingFee(),
        zero,
        zero);
  }

  /** This trade after the closing part of a fill. */
  TradeLifecycle reduced(MarginFill fill, MarginPosition.Change change) {
    return new TradeLifecycle(
        id,
        pair,
        side,
        openedQuantity,
        openedValue,
        closedQuantity.add(change.closedQuantity()),
        closedValue.add(change.closedValue()),
        peakSize,
        entryTime,
        fill.at(),
        feesPaid.add(change.closingFee()),
        fundingPaid,
        realizedPnl.add(change.realized()));
  }

  /** This trade after a fill that added to its position. */
  TradeLifecycle increased(MarginFill fill, MarginPosition.Change change) {
    return new TradeLifecycle(
        id,
        pair,
        side,
        openedQuantity.add(change.openedQuantity()),
        openedValue.add(change.openedValue()),
        closedQuantity,
        closedValue,
        peakSize.max(change.after().quantity()),
        entryTime,
        fill.at(),
        feesPaid.add(change.openingFee()),
        fundingPaid,
        realizedPnl);
  }

  /** This trade after a carry charge on its position. */
  TradeLifecycle charged(CarryCharge charge) {
    return new TradeLifecycle(
        id,
        pair,
        side,
        openedQuantity,
        openedValue,
        closedQuantity,
        closedValue,
        peakSize,
        entryTime,
        lastFillAt,
        feesPaid,
        fundingPaid.add(charge.amount()),
        realizedPnl);
  }

  /** {@code CLOSED} once everything opened has been closed. */
  public TradeStatus status() {
    return closedQuantity.compareTo(openedQuantity) == 0 ? TradeStatus.CLOSED : TradeStatus.OPEN;
  }

  /** The trade's quantity: the total opened (also the total closed once closed). */
  public BigDecimal quantity() {
    return openedQuantity;
  }

  /** The volume-weighted price of the opening fills. */
  public BigDecimal entryPrice() {
    return Precision.price(openedValue, openedQuantity);
  }

  /** The volume-weighted price of the reducing fills; empty before the first one. */
  public Optional<BigDecimal> exitPrice() {
    return closedQuantity.signum() == 0
        ? Optional.empty()
        : Optional.of(Precision.price(closedValue, closedQuantity));
  }

  /** When the trade went flat; empty while open. */
  public Optional<Instant> exitTime() {
    return status() == TradeStatus.CLOSED ? Optional.of(lastFillAt) : Optional.empty();
  }

  /** Price PnL net of fees and carry: {@code realized − fees − funding}. */
  public BigDecimal netPnl() {
    return realizedPnl.subtract(feesPaid).subtract(fundingPaid);
  }

  /**
   * The structured line the engine logs when the trade closes: {@code TRADE_CLOSED id=… pair=…
   * side=… qty=… entry=… exit=… fee_paid=… funding_paid=… realized_pnl=… net_pnl=…}, every value
   * plain (prices canonical, money at 8 decimals) and without spaces.
   *
   * @throws IllegalStateException while the trade is open
   */
  public String closedLine() {
    if (status() != TradeStatus.CLOSED) {
      throw new IllegalStateException("trade " + id + " on " + pair + " is still open");
    }
    return "TRADE_CLOSED id="
        + id
        + " pair="
        + pair.slashed()
        + " side="
        + side.code()
        + " qty="
        + openedQuantity.toPlainString()
        + " entry="
        + entryPrice().toPlainString()
        + " exit="
        + Precision.price(closedValue, closedQuantity).toPlainString()
        + " fee_paid="
        + feesPaid.toPlainString()
        + " funding_paid="
        + fundingPaid.toPlainString()
        + " realized_pnl="
        + realizedPnl.toPlainString()
        + " net_pnl="
        + netPnl().toPlainString();
  }
}
