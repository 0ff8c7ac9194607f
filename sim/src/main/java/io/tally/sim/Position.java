package io.tally.sim;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A margin position as {@code OpenPositions} reports it, opened by one trade whose txid is its id.
 * {@code cost}, {@code fee}, {@code vol} and {@code margin} are those of the opening trade and
 * never change; closing trades add to {@code volClosed} and to the closed figures ({@code ccost},
 * {@code cfee}, {@code cmargin}, {@code net} of the opening trade in {@code TradesHistory}). What
 * is still open is {@link #openVol()}, {@link #openCost()} and {@link #openMargin()}: a partial
 * close releases {@code cost × closed / vol} (HALF_EVEN at the booking scale), closing the rest
 * releases all that is left, so no dust survives.
 *
 * <p>Example: a long of 0.1 XBT at 60 000 with 2:1 leverage is {@code Position[txid=TSVZ66-…,
 * pair=XXBTZUSD, side=BUY, cost=6000.0000, fee=24.0000, vol=0.10000000, volClosed=0.00000000,
 * margin=3000.0000, leverage=2, rolloverPercent=0.02, rolloverTime=opened + 4 h, …]}. Immutable.
 *
 * @param txid the position id: the opening trade's txid
 * @param orderTxid the order that opened it
 * @param pair the pair key, such as {@code XXBTZUSD}
 * @param side {@code BUY} for a long, {@code SELL} for a short
 * @param orderType the opening order's type
 * @param time when it opened
 * @param cost the opening cost in quote ({@code price × vol})
 * @param fee the opening fee in quote
 * @param vol the volume opened (base)
 * @param volClosed the volume closed so far (base)
 * @param margin the initial margin in quote: {@code cost / leverage}
 * @param leverage the leverage, such as 2 for 2:1
 * @param rolloverPercent the financing charge per four hours in percent of the open cost
 * @param rolloverTime when the next rollover fee is due
 * @param closedCost the cost of the closing trades at their prices ({@code ccost})
 * @param closedFee the fees of the closing trades ({@code cfee})
 * @param closedMargin the margin released by the closes ({@code cmargin})
 * @param releasedCost the opening cost released by the closes
 * @param profit the realised profit of the closes before fees (the closing {@code margin} rows'
 *     amounts)
 * @param closingTrades the closing trades' txids, oldest first
 */
public record Position(
    String txid,
    String orderTxid,
    String pair,
    Side side,
    OrderType orderType,
    Instant time,
    BigDecimal cost,
    BigDecimal fee,
    BigDecimal vol,
    BigDecimal volClosed,
    BigDecimal margin,
    int leverage,
    BigDecimal rolloverPercent,
    Instant rolloverTime,
    BigDecimal closedCost,
    BigDecimal closedFee,
    BigDecimal closedMargin,
    BigDecimal releasedCost,
    BigDecimal profit,
    List<String> closingTrades) {

  /** How often a rollover fee is charged. */
  public static final Duration ROLLOVER_INTERVAL = Duration.ofHours(4);

  private static final BigDecimal HUNDRED = new BigDecimal("100");

  public Position {
    requireNonNull(txid, "txid");
    requireNonNull(orderTxid, "orderTxid");
    requireNonNull(pair, "pair");
    requireNonNull(side, "side");
    requireNonNull(orderType, "orderType");
    requireNonNull(time, "time");
    requireNonNull(cost, "cost");
    requireNonNull(fee, "fee");
    requireNonNull(vol, "vol");
    requireNonNull(volClosed, "volClosed");
    requireNonNull(margin, "margin");
    requireNonNull(rolloverPercent, "rolloverPercent");
    requireNonNull(rolloverTime, "rolloverTime");
    requireNonNull(closedCost, "closedCost");
    requireNonNull(closedFee, "closedFee");
    requireNonNull(closedMargin, "closedMargin");
    requireNonNull(releasedCost, "releasedCost");
    requireNonNull(profit, "profit");
    closingTrades = List.copyOf(closingTrades);
    if (volClosed.compareTo(vol) > 0 || volClosed.signum() < 0) {
      throw new IllegalArgumentException("Closed " + volClosed + " of " + vol + ": " + txid);
    }
  }

  /** A position just opened by trade {@code txid}: nothing closed, first rollover in 4 hours. */
  static Position opened(
      Fill opening, int leverage, BigDecimal margin, BigDecimal rolloverPercent, int scale) {
    BigDecimal zero = BigDecimal.ZERO.setScale(scale);
    return new Position(
        opening.txid(),
        opening.orderTxid(),
        opening.pair(),
        opening.side(),
        opening.orderType(),
        opening.time(),
        opening.cost(),
        opening.fee(),
        opening.vol(),
        opening.vol().subtract(opening.vol()),
        margin,
        leverage,
        rolloverPercent,
        opening.time().plus(ROLLOVER_INTERVAL),
        zero,
        zero,
        zero,
        zero,
        zero,
        List.of());
  }

  /** Whether some volume is still open. */
  public boolean isOpen() {
    return volClosed.compareTo(vol) < 0;
  }

  /** The volume still open (base). */
  public BigDecimal openVol() {
    return vol.subtract(volClosed);
  }

  /** The opening cost of the open volume (quote). */
  public BigDecimal openCost() {
    return cost.subtract(releasedCost);
  }

  /** The initial margin of the open volume (quote). */
  public BigDecimal openMargin() {
    return margin.subtract(closedMargin);
  }

  /** Kraken's terms text: {@code 0.0200% per 4 hours}. */
  public String terms() {
    return String.format(
        Locale.ROOT,
        "%s%% per %d hours",
        rolloverPercent.setScale(4, RoundingMode.UNNECESSARY).toPlainString(),
        ROLLOVER_INTERVAL.toHours());
  }

  /** The rollover fee due now: the open cost times the rate, HALF_EVEN at {@code scale}. */
  public BigDecimal rolloverFee(int scale) {
    return openCost().multiply(rolloverPercent).divide(HUNDRED, scale, RoundingMode.HALF_EVEN);
  }

  /** The value of the open volume at {@code price}, HALF_EVEN at {@code scale} ({@code value}). */
  public BigDecimal value(BigDecimal price, int scale) {
    return openVol().multiply(price).setScale(scale, RoundingMode.HALF_EVEN);
  }

  /**
   * The unrealised profit (negative: loss) of the open volume at {@code price}, before fees: value
   * minus open cost for a long, open cost minus value for a short ({@code net} with {@code
   * docalcs}).
   */
  public BigDecimal unrealised(BigDecimal price, int scale) {
    BigDecimal gain = value(price, scale).subtract(openCost());
    return side == Side.BUY ? gain : gain.negate();
  }

  /** The realised result of the closes after their fees ({@code net} of the opening trade). */
  public BigDecimal net() {
    return profit.subtract(closedFee);
  }

  /**
   * How much opening cost closing {@code closing} of the open volume releases: a share of the cost,
   * or all that is left when it closes the rest.
   */
  BigDecimal released(BigDecimal closing, int scale) {
    if (closing.compareTo(openVol()) == 0) {
      return openCost();
    }
    return cost.multiply(closing).divide(vol, scale, RoundingMode.HALF_EVEN);
  }

  /** The margin released by closing {@code closing} of the open volume, like {@link #released}. */
  BigDecimal releasedMargin(BigDecimal closing, int scale) {
    if (closing.compareTo(openVol()) == 0) {
      return openMargin();
    }
    return margin.multiply(closing).divide(vol, scale, RoundingMode.HALF_EVEN);
  }

  /** This position after closing trade {@code closing} with its realised {@code gain}. */
  Position withClose(Fill closing, BigDecimal gain, int scale) {
    List<String> trades = new ArrayList<>(closingTrades);
    trades.add(closing.txid());
    return new Position(
        txid,
        orderTxid,
        pair,
        side,
        orderType,
        time,
        cost,
        fee,
        vol,
        volClosed.add(closing.vol()),
        margin,
        leverage,
        rolloverPercent,
        rolloverTime,
        closedCost.add(closing.cost()),
        closedFee.add(closing.fee()),
        closedMargin.add(releasedMargin(closing.vol(), scale)),
        releasedCost.add(released(closing.vol(), scale)),
        profit.add(gain),
        trades);
  }

  /** This position after the rollover due at {@link #rolloverTime()}. */
  Position rolledOver() {
    return new Position(
        txid,
        orderTxid,
        pair,
        side,
        orderType,
        time,
        cost,
        fee,
        vol,
        volClosed,
        margin,
        leverage,
        rolloverPercent,
        rolloverTime.plus(ROLLOVER_INTERVAL),
        closedCost,
        closedFee,
        closedMargin,
        releasedCost,
        profit,
        closingTrades);
  }

  /**
   * One line: {@code TSVZ66-RESHM-IDZGCE open buy XXBTZUSD vol 0.10000000 closed 0.00000000 cost
   * 6000.0000 margin 3000.0000 2:1 opened 2026-11-23T12:00:00Z}.
   */
  @Override
  public String toString() {
    return txid
        + (isOpen() ? " open " : " closed ")
        + side.wire()
        + " "
        + pair
        + " vol "
        + vol.toPlainString()
        + " closed "
        + volClosed.toPlainString()
        + " cost "
        + cost.toPlainString()
        + " margin "
        + margin.toPlainString()
        + " "
        + leverage
        + ":1 opened "
        + time;
  }
}
