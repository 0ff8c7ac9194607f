package io.tally.margin;

import static java.util.Objects.requireNonNull;

import io.tally.money.Pair;
import io.tally.money.Precision;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A signed margin position on one pair (ACCOUNTING.md §5) with what it has realized and paid since
 * the account began, in the quote asset. Like the books' weighted average cost, it keeps the entry
 * <em>value</em> ({@code Σ quantity × price} of the units still open) and derives the entry price
 * from it, so closing a whole position releases exactly what was paid and leaves no dust.
 *
 * <p>A fill on the same side adds to the size and the entry value. A reducing fill of {@code q}
 * units releases {@code entryValue × q ÷ |size|} (one HALF_EVEN rounding; all of it when it closes
 * the position) and realizes {@code (q × price − released) × sign}, which is {@code q × (price −
 * entry) × sign}. A fill through zero closes the whole position and reopens the rest at the fill
 * price and the fill's leverage. Fees and carry are realized (taken from the collateral) when
 * charged, and are kept here apart from the price PnL.
 *
 * <p>Example: after buying 0.1 XBT at 60,000 and 0.1 at 62,000, {@code size} is 0.2, {@code
 * entryValue} 12,200.00000000 and {@code entryPrice()} 61,000. Immutable.
 *
 * @param size signed base units: positive long, negative short, zero flat
 * @param entryValue the open units' cost in the quote asset, 8 decimals; zero when flat
 * @param leverage the leverage of the current (or last) cycle
 * @param realizedPnl price PnL realized by reducing fills since the account began, before costs
 * @param feesPaid trading fees paid on this pair since the account began
 * @param fundingPaid carry (funding, rollover, interest) paid on this pair, net of any received
 */
public record MarginPosition(
    Pair pair,
    BigDecimal size,
    BigDecimal entryValue,
    int leverage,
    BigDecimal realizedPnl,
    BigDecimal feesPaid,
    BigDecimal fundingPaid) {

  public MarginPosition {
    requireNonNull(pair, "pair");
    size = Precision.quantity(size);
    entryValue = Precision.exactMoney(Argument.notNegative("entryValue", entryValue), "entryValue");
    if (size.signum() == 0 && entryValue.signum() != 0) {
      throw new IllegalArgumentException(
          "A flat " + pair + " position has no entry value, got " + entryValue.toPlainString());
    }
    if (leverage < 1) {
      throw new IllegalArgumentException("leverage must be at least 1, got " + leverage);
    }
    realizedPnl = Precision.exactMoney(realizedPnl, "realizedPnl");
    feesPaid = Precision.exactMoney(Argument.notNegative("feesPaid", feesPaid), "feesPaid");
    fundingPaid = Precision.exactMoney(fundingPaid, "fundingPaid");
  }

  /** A pair with nothing open and nothing realized yet. */
  public static MarginPosition flat(Pair pair) {
    BigDecimal zero = Precision.money(BigDecimal.ZERO);
    return new MarginPosition(pair, BigDecimal.ZERO, zero, 1, zero, zero, zero);
  }

  /** Whether nothing is open. */
  public boolean isFlat() {
    return size.signum() == 0;
  }

  /** Long or short; empty when flat. */
  public Optional<PositionSide> side() {
    return isFlat() ? Optional.empty() : Optional.of(PositionSide.ofSign(size.signum()));
  }

  /** The size without its sign. */
  public BigDecimal quantity() {
    return size.abs();
  }

  /** The volume-weighted entry price {@code entryValue ÷ |size|}; empty when flat. */
  public Optional<BigDecimal> entryPrice() {
    return isFlat() ? Optional.empty() : Optional.of(Precision.price(entryValue, size.abs()));
  }

  /**
   * The notional margin is measured on: the entry value (what the open units cost), as Kraken's
   * used margin is; price moves reach the account through unrealized PnL, not through the margin.
   */
  public BigDecimal notional() {
    return entryValue;
  }

  /** {@code |size| × mark} in the quote asset. */
  public BigDecimal marketValue(BigDecimal mark) {
    return Precision.valueOf(size.abs(), mark);
  }

  /** {@code (|size| × mark − entryValue) × sign}; zero when flat. */
  public BigDecimal unrealizedPnl(BigDecimal mark) {
    return unrealizedPnl(size, marketValue(mark), entryValue);
  }

  /** {@code (marketValue − entryValue) × sign of size}: unrealized PnL at a market value. */
  static BigDecimal unrealizedPnl(BigDecimal size, BigDecimal marketValue, BigDecimal entryValue) {
    BigDecimal gain = marketValue.subtract(entryValue);
    return size.signum() < 0 ? gain.negate() : gain;
  }

  /** {@code notional ÷ leverage}: the collateral this position ties up. */
  public BigDecimal initialMargin() {
    return Precision.moneyQuotient(entryValue, BigDecimal.valueOf(leverage));
  }

  /** {@code notional − initial margin}: the part of the position bought with borrowed money. */
  public BigDecimal borrowed() {
    return entryValue.subtract(initialMargin());
  }

  /** Price PnL net of fees and carry: {@code realized − fees − funding}. */
  public BigDecimal netPnl() {
    return realizedPnl.subtract(feesPaid).subtract(fundingPaid);
  }

  /**
   * This position after a carry charge.
   *
   * @throws IllegalArgumentException when the position is flat: carry is charged on open positions
   */
  MarginPosition charged(CarryCharge charge) {
    if (isFlat()) {
      throw new IllegalArgumentException(
          "no open "
              + pair
              + " position to charge "
              + charge.kind()
              + " "
              + charge.amount().toPlainString()
              + " to ("
              + charge.id()
              + ")");
    }
    return new MarginPosition(
        pair, size, entryValue, leverage, realizedPnl, feesPaid, fundingPaid.add(charge.amount()));
  }

  /**
   * What a fill does to this position.
   *
   * @throws IllegalArgumentException when it adds to an open position at another leverage
   */
  Change apply(MarginFill fill) {
    BigDecimal zero = Precision.money(BigDecimal.ZERO);
    BigDecimal signed = fill.signedQuantity();
    BigDecimal newFees = feesPaid.add(fill.fee());
    if (isFlat() || size.signum() == signed.signum()) {
      if (!isFlat() && fill.leverage() != leverage) {
        throw new IllegalArgumentException(
            "leverage "
                + fill.leverage()
                + " of fill "
                + fill.id()
                + " differs from the "
                + leverage
                + " of the open "
                + pair
                + " position");
      }
      MarginPosition after =
          new MarginPosition(
              pair,
              size.add(signed),
              entryValue.add(fill.value()),
              fill.leverage(),
              realizedPnl,
              newFees,
              fundingPaid);
      return new Change(
          after, BigDecimal.ZERO, zero, zero, zero, fill.quantity(), fill.value(), fill.fee());
    }
    BigDecimal held = size.abs();
    BigDecimal closed = fill.quantity().min(held);
    BigDecimal proceeds = Precision.valueOf(closed, fill.price());
    BigDecimal released =
        closed.compareTo(held) == 0 ? entryValue : Precision.share(entryValue, closed, held);
    BigDecimal gain = proceeds.subtract(released);
    BigDecimal realized = size.signum() < 0 ? gain.negate() : gain;
    BigDecimal opened = fill.quantity().subtract(closed);
    if (opened.signum() == 0) {
      MarginPosition after =
          new MarginPosition(
              pair,
              size.add(signed),
              entryValue.subtract(released),
              leverage,
              realizedPnl.add(realized),
              newFees,
              fundingPaid);
      return new Change(after, closed, proceeds, realized, fill.fee(), BigDecimal.ZERO, zero, zero);
    }
    // Through zero: the opened part's value is the fill's value less the closed part's, so the
    // two parts add up to the fill exactly; the fee is split between them by quantity.
    BigDecimal openedValue = fill.value().subtract(proceeds);
    BigDecimal closingFee = Precision.share(fill.fee(), closed, fill.quantity());
    MarginPosition after =
        new MarginPosition(
            pair,
            size.add(signed),
            openedValue,
            fill.leverage(),
            realizedPnl.add(realized),
            newFees,
            fundingPaid);
    return new Change(
        after,
        closed,
        proceeds,
        realized,
        closingFee,
        opened,
        openedValue,
        fill.fee().subtract(closingFee));
  }

  /**
   * A fill's effect: the position after it, the part that closed (quantity, proceeds at the fill
   * price, realized price PnL, its share of the fee) and the part that opened (quantity, value,
   * fee).
   */
  record Change(
      MarginPosition after,
      BigDecimal closedQuantity,
      BigDecimal closedValue,
      BigDecimal realized,
      BigDecimal closingFee,
      BigDecimal openedQuantity,
      BigDecimal openedValue,
      BigDecimal openingFee) {}
}
